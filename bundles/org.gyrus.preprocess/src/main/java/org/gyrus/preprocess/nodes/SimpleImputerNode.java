package org.gyrus.preprocess.nodes;

import java.util.List;

import org.gyrus.data.ColumnSpec;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.Table;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.gyrus.pipeline.SpecContext;
import org.gyrus.preprocess.ModelArtifacts;
import org.gyrus.preprocess.SimpleImputer;
import org.gyrus.preprocess.SimpleImputerModel;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** Fits a {@link SimpleImputer}. */
@Component(service = NodeType.class)
public final class SimpleImputerNode implements NodeType {

    /** Parameters. */
    public static final class Parameters {
        /** Columns. */
        @Parameter(label = "Columns", description = NodeSupport.COLUMNS_HELP)
        public String columns = "";
        /** Strategy. */
        @Parameter(label = "Strategy", description = "mean, median (numeric), most_frequent or constant (numeric and categorical)")
        public SimpleImputer.Strategy strategy = SimpleImputer.Strategy.MEAN;
        /** Constant for numbers. */
        @Parameter(label = "Fill value", description = "The constant for numeric columns (strategy constant)")
        public double fillValue = 0;
        /** Constant for categories. */
        @Parameter(label = "Fill category", description = "The constant for categorical columns (strategy constant)")
        public String fillCategory = "missing_value";
        /** Indicator columns. */
        @Parameter(label = "Add indicator", description = "Append a 0/1 missingindicator_<column> per column that had missing cells")
        public boolean addIndicator;
        /** Keep empty columns. */
        @Parameter(label = "Keep empty columns", description = "Keep columns without any observed value (filled with 0) instead of dropping them")
        public boolean keepEmptyFeatures;
    }

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("org.gyrus.preprocess.simple-imputer", "1.0.0")
            .name("Simple imputer (fit)")
            .category(NodeSupport.CATEGORY, "Imputation")
            .documentation("""
                    Learns one fill value per column from the training table — mean, median, most frequent value \
                    or a constant — and outputs the model (apply it to other tables with 'Apply preprocessing \
                    model') and the imputed training table. scikit-learn 1.2's SimpleImputer: ties of the most \
                    frequent value go to the smallest value (the first category in sorted order); a column without \
                    any observed value is dropped by mean, median and most_frequent, with a warning, and kept by \
                    constant. Categorical columns take most_frequent or constant; mean or median of a text column \
                    is an error naming the column and the first non-numeric cell. Indicator columns are appended \
                    at the end of the table. With Columns empty, mean and median use the numeric feature columns, \
                    most_frequent and constant every feature column.""")
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
        Parameters p = context.parameters(Parameters.class);
        boolean numericOnly = p.strategy == SimpleImputer.Strategy.MEAN || p.strategy == SimpleImputer.Strategy.MEDIAN;
        SpecSupport.fit(context, ModelArtifacts.SIMPLE_IMPUTER, p.columns, numericOnly ? ColumnSpec.Kind.NUMERIC : null,
                java.util.Map.of("numeric", numericOnly, "add_indicator", p.addIndicator));
    }

    @Override
    public void execute(NodeContext context) {
        Parameters p = context.parameters(Parameters.class);
        Table table = context.input("table", Table.class);
        boolean numericOnly = p.strategy == SimpleImputer.Strategy.MEAN || p.strategy == SimpleImputer.Strategy.MEDIAN;
        List<String> columns = NodeSupport.columns(table, p.columns,
                c -> numericOnly ? NodeSupport.numeric(c) : true, numericOnly ? "numeric" : "");
        SimpleImputerModel m = new SimpleImputer(p.strategy).fillValue(p.fillValue).fillCategory(p.fillCategory)
                .addIndicator(p.addIndicator).keepEmptyFeatures(p.keepEmptyFeatures).threads(context.threads())
                .fit(table, columns);
        NodeSupport.warnDropped(context, m.droppedColumns());
        NodeSupport.emit(context, m, table);
    }
}
