package org.gyrus.preprocess.nodes;

import org.gyrus.data.ColumnSpec;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.Table;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.gyrus.pipeline.SpecContext;
import org.gyrus.preprocess.ModelArtifacts;
import org.gyrus.preprocess.RobustScaler;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** Fits a {@link RobustScaler}. */
@Component(service = NodeType.class)
public final class RobustScalerNode implements NodeType {

    /** Parameters. */
    public static final class Parameters {
        /** Columns. */
        @Parameter(label = "Columns", description = NodeSupport.COLUMNS_HELP)
        public String columns = "";
        /** Lower quantile. */
        @Parameter(label = "Lower quantile (%)", description = "Lower end of the quantile range", min = "0", max = "100")
        public double qLow = 25;
        /** Upper quantile. */
        @Parameter(label = "Upper quantile (%)", description = "Upper end of the quantile range", min = "0", max = "100")
        public double qHigh = 75;
    }

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("org.gyrus.preprocess.robust-scaler", "1.0.0")
            .name("Robust scaler (fit)")
            .category(NodeSupport.CATEGORY, "Scaling")
            .documentation("Centres each numeric column on its training median and divides by its interquartile range (numpy's linear percentiles), as scikit-learn 1.2's RobustScaler. Missing cells stay missing; a zero range divides by 1.")
            .input("table", Table.class, "The training table")
            .output("model", ModelArtifact.class, "The fitted scaler")
            .output("table", Table.class, "The training table, scaled")
            .parameters(Parameters.class)
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void configure(SpecContext context) {
        SpecSupport.fit(context, ModelArtifacts.SCALER, context.parameters(Parameters.class).columns, ColumnSpec.Kind.NUMERIC, java.util.Map.of());
    }

    @Override
    public void execute(NodeContext context) {
        Parameters p = context.parameters(Parameters.class);
        Table table = context.input("table", Table.class);
        NodeSupport.emit(context, new RobustScaler().quantileRange(p.qLow, p.qHigh).threads(context.threads())
                .fit(table, NodeSupport.columns(table, p.columns, NodeSupport::numeric, "numeric")), table);
    }
}
