package org.gyrus.preprocess.nodes;

import org.gyrus.data.ColumnSpec;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.Table;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.gyrus.pipeline.SpecContext;
import org.gyrus.preprocess.KnnImputer;
import org.gyrus.preprocess.KnnImputerModel;
import org.gyrus.preprocess.ModelArtifacts;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** Fits a {@link KnnImputer}. */
@Component(service = NodeType.class)
public final class KnnImputerNode implements NodeType {

    /** Parameters. */
    public static final class Parameters {
        /** Columns. */
        @Parameter(label = "Columns", description = NodeSupport.COLUMNS_HELP)
        public String columns = "";
        /** k. */
        @Parameter(label = "Neighbours", description = "How many nearest training rows to average", min = "1", max = "1000")
        public int neighbours = 5;
        /** Weights. */
        @Parameter(label = "Weights", description = "uniform, or distance (1 / distance)")
        public KnnImputer.Weights weights = KnnImputer.Weights.UNIFORM;
    }

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("org.gyrus.preprocess.knn-imputer", "1.0.0")
            .name("KNN imputer (fit)")
            .category(NodeSupport.CATEGORY, "Imputation")
            .documentation("""
                    Fills each missing cell with the average of that column over the k nearest training rows that \
                    have it, with scikit-learn 1.2's nan_euclidean distance (over the coordinates both rows have, \
                    scaled up for the missing ones). The model stores the training rows of the numeric columns. \
                    Like scikit-learn, distances are computed in expanded form, so that equally near donors are \
                    chosen as scikit-learn chooses them; a receiver sharing no coordinate with any donor gets the \
                    training mean; columns without an observed value are dropped with a warning.""")
            .input("table", Table.class, "The training table")
            .output("model", ModelArtifact.class, "The fitted imputer (it holds the training rows)")
            .output("table", Table.class, "The training table, imputed")
            .parameters(Parameters.class)
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void configure(SpecContext context) {
        SpecSupport.fit(context, ModelArtifacts.KNN_IMPUTER, context.parameters(Parameters.class).columns, ColumnSpec.Kind.NUMERIC, java.util.Map.of());
    }

    @Override
    public void execute(NodeContext context) {
        Parameters p = context.parameters(Parameters.class);
        Table table = context.input("table", Table.class);
        KnnImputerModel m = new KnnImputer().neighbours(p.neighbours).weights(p.weights)
                .fit(table, NodeSupport.columns(table, p.columns, NodeSupport::numeric, "numeric"));
        NodeSupport.warnDropped(context, m.droppedColumns());
        NodeSupport.emit(context, m, table);
    }
}
