package org.gyrus.preprocess.nodes;

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

/** Splits a table's rows into training and test tables. */
@Component(service = NodeType.class)
public final class TrainTestSplitNode implements NodeType {

    /** Parameters. */
    public static final class Parameters {
        /** Test share. */
        @Parameter(label = "Test fraction", description = "Share of the rows (of the groups, when grouped) in the test table",
                min = "0.001", max = "0.999")
        public double testFraction = 0.25;
        /** Mode. */
        @Parameter(label = "Mode", description = "random, stratified (by the label) or grouped (whole groups on one side)")
        public Splitter.Mode mode = Splitter.Mode.RANDOM;
        /** Label column. */
        @Parameter(label = "Label column", description = "For stratified splits; empty for the column with role label")
        public String labelColumn = "";
        /** Group column. */
        @Parameter(label = "Group column", description = "For grouped splits (e.g. subject id); empty for the column with role group")
        public String groupColumn = "";
    }

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("org.gyrus.preprocess.train-test-split", "1.0.0")
            .name("Train/test split")
            .category(NodeSupport.CATEGORY, "Splits")
            .documentation("""
                    Splits the rows into a training and a test table, seeded by the pipeline. Random; stratified \
                    (each class of the label keeps its share); or grouped (all rows of a group — the visits of one \
                    subject — fall on the same side, so that validation measures generalisation to new subjects \
                    rather than to new visits of known ones). Test size is ceil(fraction × rows), of groups when \
                    grouped, as scikit-learn's train_test_split / GroupShuffleSplit. Difference on purpose: the \
                    random draws are Java's, so a seed selects other rows than in scikit-learn; rows keep their \
                    order.""")
            .input("table", Table.class, "The table to split")
            .output("train", Table.class, "The training rows")
            .output("test", Table.class, "The test rows")
            .parameters(Parameters.class)
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void configure(SpecContext context) {
        Parameters p = context.parameters(Parameters.class);
        context.input("table", TableSpec.class).ifPresent(t -> {
            SplitKeys.check(context, t, p.mode, p.labelColumn, p.groupColumn);
            context.output("train", t);
            context.output("test", t);
        });
    }

    @Override
    public void execute(NodeContext context) {
        Parameters p = context.parameters(Parameters.class);
        Table table = context.input("table", Table.class);
        Split s = new Splitter(p.mode, context.seed()).trainTest(table.rowCount(), p.testFraction,
                SplitKeys.of(table, p.mode, p.labelColumn, p.groupColumn));
        context.output("train", table.selectRows(s.train()));
        context.output("test", table.selectRows(s.test()));
        context.progress(1);
    }
}
