package org.gyrus.preprocess.nodes;

import org.gyrus.data.ColumnSpec;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.Table;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.gyrus.pipeline.SpecContext;
import org.gyrus.preprocess.ModelArtifacts;
import org.gyrus.preprocess.OrdinalEncoder;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** Fits an {@link OrdinalEncoder}. */
@Component(service = NodeType.class)
public final class OrdinalEncoderNode implements NodeType {

    /** What happens to an unknown category. */
    public enum Unknown {
        /** Fail, naming column, category and row. */
        ERROR,
        /** Encode as 'Unknown value'. */
        USE_ENCODED_VALUE
    }

    /** Parameters. */
    public static final class Parameters {
        /** Columns. */
        @Parameter(label = "Columns", description = NodeSupport.COLUMNS_HELP)
        public String columns = "";
        /** Unknown handling. */
        @Parameter(label = "Unknown categories", description = "error, or use_encoded_value")
        public Unknown handleUnknown = Unknown.ERROR;
        /** Unknown code. */
        @Parameter(label = "Unknown value", description = "The code of unknown categories (use_encoded_value); NaN allowed")
        public double unknownValue = -1;
        /** Missing as category. */
        @Parameter(label = "Missing as category", description = "Encode missing cells as the category 'Missing label' (else as NaN)")
        public boolean missingAsCategory = true;
        /** Missing label. */
        @Parameter(label = "Missing label", description = "The category that missing cells are encoded as")
        public String missingLabel = "__missing__";
    }

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("org.gyrus.preprocess.ordinal-encoder", "1.0.0")
            .name("Ordinal encoder (fit)")
            .category(NodeSupport.CATEGORY, "Encoding")
            .documentation("""
                    Replaces each category by its index among the sorted categories of the training table, in \
                    place (scikit-learn 1.2's OrdinalEncoder). Unknown categories fail or take 'Unknown value'. \
                    Difference on purpose: by default missing cells are a category of their own ('Missing label', \
                    sorted with the others); switch 'Missing as category' off for scikit-learn's behaviour of \
                    encoding them as NaN.""")
            .input("table", Table.class, "The training table")
            .output("model", ModelArtifact.class, "The fitted encoder")
            .output("table", Table.class, "The training table, encoded")
            .parameters(Parameters.class)
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void configure(SpecContext context) {
        SpecSupport.fit(context, ModelArtifacts.ORDINAL_ENCODER, context.parameters(Parameters.class).columns, ColumnSpec.Kind.CATEGORICAL,
                java.util.Map.of());
    }

    @Override
    public void execute(NodeContext context) {
        Parameters p = context.parameters(Parameters.class);
        Table table = context.input("table", Table.class);
        OrdinalEncoder e = new OrdinalEncoder().missingLabel(p.missingAsCategory ? p.missingLabel : null);
        if (p.handleUnknown == Unknown.USE_ENCODED_VALUE) {
            e.unknownValue(p.unknownValue);
        }
        NodeSupport.emit(context, e.fit(table, NodeSupport.columns(table, p.columns, NodeSupport::categorical, "categorical")), table);
    }
}
