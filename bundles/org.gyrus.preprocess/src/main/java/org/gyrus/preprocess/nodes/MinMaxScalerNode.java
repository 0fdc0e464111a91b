package org.gyrus.preprocess.nodes;

import org.gyrus.data.ColumnSpec;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.Table;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.gyrus.pipeline.SpecContext;
import org.gyrus.preprocess.MinMaxScaler;
import org.gyrus.preprocess.ModelArtifacts;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** Fits a {@link MinMaxScaler}. */
@Component(service = NodeType.class)
public final class MinMaxScalerNode implements NodeType {

    /** Parameters. */
    public static final class Parameters {
        /** Columns. */
        @Parameter(label = "Columns", description = NodeSupport.COLUMNS_HELP)
        public String columns = "";
        /** Lower end. */
        @Parameter(label = "Min", description = "Lower end of the target range")
        public double min = 0;
        /** Upper end. */
        @Parameter(label = "Max", description = "Upper end of the target range")
        public double max = 1;
    }

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("org.gyrus.preprocess.min-max-scaler", "1.0.0")
            .name("Min-max scaler (fit)")
            .category(NodeSupport.CATEGORY, "Scaling")
            .documentation("Maps each numeric column's training range onto [min, max], as scikit-learn 1.2's MinMaxScaler (no clipping: values outside the training range map outside the target range). Missing cells stay missing.")
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
        NodeSupport.emit(context, new MinMaxScaler().range(p.min, p.max).threads(context.threads())
                .fit(table, NodeSupport.columns(table, p.columns, NodeSupport::numeric, "numeric")), table);
    }
}
