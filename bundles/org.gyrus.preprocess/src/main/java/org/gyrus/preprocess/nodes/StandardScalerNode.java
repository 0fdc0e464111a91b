package org.gyrus.preprocess.nodes;

import org.gyrus.data.ColumnSpec;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.Table;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.gyrus.pipeline.SpecContext;
import org.gyrus.preprocess.ModelArtifacts;
import org.gyrus.preprocess.StandardScaler;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** Fits a {@link StandardScaler}. */
@Component(service = NodeType.class)
public final class StandardScalerNode implements NodeType {

    /** Parameters. */
    public static final class Parameters {
        /** Columns. */
        @Parameter(label = "Columns", description = NodeSupport.COLUMNS_HELP)
        public String columns = "";
        /** Centre. */
        @Parameter(label = "Subtract mean", description = "Subtract the training mean")
        public boolean withMean = true;
        /** Scale. */
        @Parameter(label = "Divide by SD", description = "Divide by the training standard deviation")
        public boolean withStd = true;
    }

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("org.gyrus.preprocess.standard-scaler", "1.0.0")
            .name("Standard scaler (fit)")
            .category(NodeSupport.CATEGORY, "Scaling")
            .documentation("Centres each numeric column on its training mean and divides by its standard deviation (ddof 0), as scikit-learn 1.2's StandardScaler. Missing cells are ignored in fit and stay missing; a constant column is divided by 1.")
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
        NodeSupport.emit(context, new StandardScaler().withMean(p.withMean).withStd(p.withStd).threads(context.threads())
                .fit(table, NodeSupport.columns(table, p.columns, NodeSupport::numeric, "numeric")), table);
    }
}
