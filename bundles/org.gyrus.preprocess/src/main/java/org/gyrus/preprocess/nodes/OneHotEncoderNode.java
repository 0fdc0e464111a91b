package org.gyrus.preprocess.nodes;

import org.gyrus.data.ColumnSpec;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.Table;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.gyrus.pipeline.SpecContext;
import org.gyrus.preprocess.ModelArtifacts;
import org.gyrus.preprocess.OneHotEncoder;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** Fits a {@link OneHotEncoder}. */
@Component(service = NodeType.class)
public final class OneHotEncoderNode implements NodeType {

    /** Parameters. */
    public static final class Parameters {
        /** Columns. */
        @Parameter(label = "Columns", description = NodeSupport.COLUMNS_HELP)
        public String columns = "";
        /** Unknown categories. */
        @Parameter(label = "Unknown categories", description = "error, ignore (all zeros) or infrequent_if_exist")
        public OneHotEncoder.HandleUnknown handleUnknown = OneHotEncoder.HandleUnknown.ERROR;
        /** Drop. */
        @Parameter(label = "Drop", description = "none, first, or if_binary (first of two-category columns)")
        public OneHotEncoder.Drop drop = OneHotEncoder.Drop.NONE;
        /** Min frequency. */
        @Parameter(label = "Min frequency", description = "Categories rarer than this are grouped as infrequent: a count (>= 1), "
                + "a fraction of the rows (< 1), or 0 for no grouping", min = "0")
        public double minFrequency = 0;
        /** Max categories. */
        @Parameter(label = "Max categories", description = "At most this many columns per input column, the infrequent group included; 0 for no limit",
                min = "0")
        public int maxCategories = 0;
        /** Missing label. */
        @Parameter(label = "Missing label", description = "The category that missing cells are encoded as")
        public String missingLabel = OneHotEncoder.DEFAULT_MISSING_LABEL;
    }

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("org.gyrus.preprocess.one-hot-encoder", "1.0.0")
            .name("One-hot encoder (fit)")
            .category(NodeSupport.CATEGORY, "Encoding")
            .documentation("""
                    One 0/1 column per category, named <column>_<category>, categories sorted as scikit-learn 1.2's \
                    OneHotEncoder sorts them; each encoded column is replaced by its block at its position. \
                    Unknown categories in applied tables fail (naming column, category and row), are ignored \
                    (all zeros) or go to the infrequent column. Rare categories (min frequency, max categories) \
                    are grouped into <column>_infrequent_sklearn. Differences on purpose: missing cells are a \
                    category labelled 'Missing label' (default __missing__) that sorts with the others, where \
                    scikit-learn names it None or nan and sorts it last; numeric columns are encoded by their \
                    text ('2007', not '2007.0'), sorted by value. Output is dense.""")
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
        SpecSupport.fit(context, ModelArtifacts.ONE_HOT_ENCODER, context.parameters(Parameters.class).columns, ColumnSpec.Kind.CATEGORICAL,
                java.util.Map.of());
    }

    @Override
    public void execute(NodeContext context) {
        Parameters p = context.parameters(Parameters.class);
        Table table = context.input("table", Table.class);
        OneHotEncoder e = new OneHotEncoder().handleUnknown(p.handleUnknown).drop(p.drop).missingLabel(p.missingLabel)
                .threads(context.threads());
        if (p.minFrequency >= 1) {
            e.minFrequency((int) Math.round(p.minFrequency));
        } else if (p.minFrequency > 0) {
            e.minFrequencyFraction(p.minFrequency);
        }
        if (p.maxCategories > 0) {
            e.maxCategories(p.maxCategories);
        }
        NodeSupport.emit(context, e.fit(table, NodeSupport.columns(table, p.columns, NodeSupport::categorical, "categorical")), table);
    }
}
