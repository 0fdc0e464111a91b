package org.gyrus.preprocess.nodes;

import org.gyrus.data.ColumnRole;
import org.gyrus.data.ColumnSpec;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.gyrus.data.TableSpec;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.gyrus.pipeline.SpecContext;
import org.gyrus.preprocess.Split;
import org.gyrus.preprocess.Splitter;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** One fold of a k-fold split, plus every row's fold. */
@Component(service = NodeType.class)
public final class KFoldSplitNode implements NodeType {

    /** Parameters. */
    public static final class Parameters {
        /** k. */
        @Parameter(label = "Folds", description = "The number of folds", min = "2", max = "1000")
        public int folds = 5;
        /** Which fold is the test. */
        @Parameter(label = "Test fold", description = "Which fold (0 to folds - 1) is the test table; override it to run every fold",
                min = "0", max = "999")
        public int fold = 0;
        /** Mode. */
        @Parameter(label = "Mode", description = "random, stratified (by the label) or grouped (whole groups in one fold)")
        public Splitter.Mode mode = Splitter.Mode.RANDOM;
        /** Label column. */
        @Parameter(label = "Label column", description = "For stratified folds; empty for the column with role label")
        public String labelColumn = "";
        /** Group column. */
        @Parameter(label = "Group column", description = "For grouped folds (e.g. subject id); empty for the column with role group")
        public String groupColumn = "";
    }

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("org.gyrus.preprocess.k-fold-split", "1.0.0")
            .name("K-fold split")
            .category(NodeSupport.CATEGORY, "Splits")
            .documentation("""
                    Assigns every row to one of k folds, seeded by the pipeline, and outputs the chosen test fold \
                    and the other folds as training table, plus the whole table with a 'fold' column. Random \
                    (sizes differ by at most one, as KFold), stratified (each class dealt evenly over the folds, as \
                    StratifiedKFold) or grouped (each group whole in one fold, largest groups first into the \
                    lightest fold, as GroupKFold). Asking for more folds than rows, than groups, or than the \
                    largest class has rows is an error naming the column. The random draws are Java's, not \
                    scikit-learn's.""")
            .input("table", Table.class, "The table to split")
            .output("train", Table.class, "The rows of every fold but the test fold")
            .output("test", Table.class, "The rows of the test fold")
            .output("folds", Table.class, "The table with a numeric 'fold' column (0 to folds - 1)")
            .parameters(Parameters.class)
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void configure(SpecContext context) {
        Parameters p = context.parameters(Parameters.class);
        if (p.fold >= p.folds) {
            context.problem("parameters.fold", "test fold " + p.fold + " does not exist: the folds are 0 to " + (p.folds - 1));
            return;
        }
        context.input("table", TableSpec.class).ifPresent(t -> {
            SplitKeys.check(context, t, p.mode, p.labelColumn, p.groupColumn);
            context.output("train", t);
            context.output("test", t);
            context.output("folds", t.with(new ColumnSpec("fold", ColumnSpec.Kind.NUMERIC, ColumnRole.GROUP)));
        });
    }

    @Override
    public void execute(NodeContext context) {
        Parameters p = context.parameters(Parameters.class);
        if (p.fold >= p.folds) {
            throw new IllegalArgumentException("Test fold " + p.fold + " does not exist: the folds are 0 to " + (p.folds - 1));
        }
        Table table = context.input("table", Table.class);
        Splitter splitter = new Splitter(p.mode, context.seed());
        Splitter.Keys keys = SplitKeys.of(table, p.mode, p.labelColumn, p.groupColumn);
        Split s = splitter.kFold(table.rowCount(), p.folds, keys).get(p.fold);
        int[] fold = splitter.foldOf(table.rowCount(), p.folds, keys);
        double[] f = new double[fold.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = fold[i];
        }
        context.output("train", table.selectRows(s.train()));
        context.output("test", table.selectRows(s.test()));
        context.output("folds", table.with(NumericColumn.wrap("fold", ColumnRole.GROUP, f)));
        context.progress(1);
    }
}
