package org.gyrus.preprocess.nodes;

import org.gyrus.data.ColumnSpec;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.Table;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.gyrus.pipeline.SpecContext;
import org.gyrus.preprocess.IterativeImputer;
import org.gyrus.preprocess.IterativeImputerModel;
import org.gyrus.preprocess.ModelArtifacts;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** Fits an {@link IterativeImputer}. */
@Component(service = NodeType.class)
public final class IterativeImputerNode implements NodeType {

    /** Parameters. */
    public static final class Parameters {
        /** Columns. */
        @Parameter(label = "Columns", description = NodeSupport.COLUMNS_HELP)
        public String columns = "";
        /** Rounds. */
        @Parameter(label = "Max rounds", description = "The most rounds over all columns (scikit-learn's max_iter)", min = "0", max = "1000")
        public int maxIter = 10;
        /** Tolerance. */
        @Parameter(label = "Tolerance", description = "Stop when the largest row change falls below tol × the largest |observed value|", min = "0")
        public double tol = 1e-3;
        /** Lower bound. */
        @Parameter(label = "Min value", description = "Imputed values are clipped to at least this")
        public double minValue = Double.NEGATIVE_INFINITY;
        /** Upper bound. */
        @Parameter(label = "Max value", description = "Imputed values are clipped to at most this")
        public double maxValue = Double.POSITIVE_INFINITY;
    }

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("org.gyrus.preprocess.iterative-imputer", "1.0.0")
            .name("Iterative imputer (fit)")
            .category(NodeSupport.CATEGORY, "Imputation")
            .documentation("""
                    Models each numeric column from all the others with Bayesian ridge regression and iterates, \
                    as scikit-learn 1.2's IterativeImputer with its defaults: mean initial fill, columns in \
                    ascending order of missingness, predictions clipped to [min, max], at most 'Max rounds' rounds, \
                    stopping when the infinity norm of the change (largest row sum) falls below tol × the largest \
                    absolute observed value. Not converging within the rounds is logged as a warning, like \
                    scikit-learn's ConvergenceWarning. The model replays the fitted regressions on new tables.""")
            .input("table", Table.class, "The training table")
            .output("model", ModelArtifact.class, "The fitted imputer")
            .output("table", Table.class, "The training table, imputed")
            .parameters(Parameters.class)
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void configure(SpecContext context) {
        SpecSupport.fit(context, ModelArtifacts.ITERATIVE_IMPUTER, context.parameters(Parameters.class).columns, ColumnSpec.Kind.NUMERIC, java.util.Map.of());
    }

    @Override
    public void execute(NodeContext context) {
        Parameters p = context.parameters(Parameters.class);
        Table table = context.input("table", Table.class);
        IterativeImputer imputer = new IterativeImputer().maxIter(p.maxIter).tol(p.tol);
        if (p.minValue != Double.NEGATIVE_INFINITY || p.maxValue != Double.POSITIVE_INFINITY) {
            imputer.clip(p.minValue, p.maxValue);
        }
        IterativeImputerModel m = imputer.fit(table, NodeSupport.columns(table, p.columns, NodeSupport::numeric, "numeric"));
        if (!m.converged()) {
            context.logger().log(System.Logger.Level.WARNING, "Early stopping criterion not reached in " + m.rounds() + " rounds");
        }
        NodeSupport.warnDropped(context, m.droppedColumns());
        NodeSupport.emit(context, m, table);
    }
}
