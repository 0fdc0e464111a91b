package org.gyrus.preprocess.nodes;

import org.gyrus.data.ColumnSpec;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.Table;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.gyrus.pipeline.SpecContext;
import org.gyrus.preprocess.ModelArtifacts;
import org.gyrus.preprocess.VarianceThreshold;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** Fits a {@link VarianceThreshold}. */
@Component(service = NodeType.class)
public final class VarianceThresholdNode implements NodeType {

    /** Parameters. */
    public static final class Parameters {
        /** Columns. */
        @Parameter(label = "Columns", description = NodeSupport.COLUMNS_HELP)
        public String columns = "";
        /** Threshold. */
        @Parameter(label = "Threshold", description = "Keep columns whose training variance is above this", min = "0")
        public double threshold = 0;
    }

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("org.gyrus.preprocess.variance-threshold", "1.0.0")
            .name("Variance threshold (fit)")
            .category(NodeSupport.CATEGORY, "Feature selection")
            .documentation("""
                    Removes the numeric columns whose training variance (ddof 0, missing cells ignored) is not above \
                    the threshold, as scikit-learn 1.2's VarianceThreshold; with threshold 0 the peak-to-peak range \
                    replaces the variance when smaller, so rounding cannot keep a constant column. Fails, naming \
                    the largest variance, when no column passes.""")
            .input("table", Table.class, "The training table")
            .output("model", ModelArtifact.class, "The fitted selector")
            .output("table", Table.class, "The training table without the low-variance columns")
            .parameters(Parameters.class)
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void configure(SpecContext context) {
        SpecSupport.fit(context, ModelArtifacts.VARIANCE_THRESHOLD, context.parameters(Parameters.class).columns, ColumnSpec.Kind.NUMERIC, java.util.Map.of());
    }

    @Override
    public void execute(NodeContext context) {
        Parameters p = context.parameters(Parameters.class);
        Table table = context.input("table", Table.class);
        NodeSupport.emit(context, new VarianceThreshold(p.threshold).threads(context.threads())
                .fit(table, NodeSupport.columns(table, p.columns, NodeSupport::numeric, "numeric")), table);
    }
}
