package org.gyrus.preprocess.nodes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.gyrus.data.CategoricalColumn;
import org.gyrus.data.Column;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.FittedBy;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.gyrus.data.TrainingRows;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.preprocess.ModelArtifacts;
import org.gyrus.preprocess.TableTransform;

/** What the preprocessing nodes share: reading a column list parameter, and emitting a fitted model. */
final class NodeSupport {

    /** The category every preprocessing node sits under. */
    static final String CATEGORY = "Preprocessing";

    /** Help text of the "columns" parameter. */
    static final String COLUMNS_HELP = "Comma-separated column names; empty for every feature column of a suitable type";

    private NodeSupport() {
    }

    static boolean numeric(Column c) {
        return c instanceof NumericColumn;
    }

    /**
     * Whether a column is categorical by default. Text columns (paths, comments) are left out:
     * one-hot encoding free text would make a column per row; name them to encode them anyway.
     */
    static boolean categorical(Column c) {
        return c instanceof CategoricalColumn;
    }

    /**
     * The columns named in {@code list} (comma-separated, each must exist), or when it is blank
     * the feature columns that satisfy {@code suitable}.
     *
     * @throws IllegalArgumentException naming an absent column, or when nothing is suitable
     */
    static List<String> columns(Table table, String list, Predicate<Column> suitable, String kind) {
        if (list != null && !list.isBlank()) {
            List<String> names = Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            for (String n : names) {
                table.column(n);
            }
            return names;
        }
        List<String> out = new ArrayList<>();
        for (Column c : table.columns()) {
            if (c.role() == ColumnRole.FEATURE && suitable.test(c)) {
                out.add(c.name());
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("The table has no " + kind + " feature column; its columns are "
                    + table.columnNames() + ". Name the columns to use.");
        }
        return out;
    }

    /**
     * Sets the "model" output and the "table" output (the training table transformed). The model
     * records the rows it was fitted on (when the table names its rows by an id or subject
     * column), and the transformed table carries that fact, so that cross-validating it is refused.
     */
    static void emit(NodeContext context, TableTransform model, Table training) {
        ModelArtifact artifact = ModelArtifacts.toArtifact(model);
        Optional<TrainingRows> rows = TrainingRows.ofTable(training);
        Table out = carried(training, model.apply(training));
        if (rows.isPresent()) {
            artifact = rows.get().recordIn(artifact);
            out = out.withFittedBy(new FittedBy("the " + artifact.kind() + " model fitted by node '" + context.nodeId() + "'", rows.get()));
        }
        context.output("model", artifact);
        context.output("table", out);
        context.progress(1);
    }

    /** {@code out} (a transform of {@code in}) still noting the fitted models that shaped {@code in}. */
    static Table carried(Table in, Table out) {
        for (FittedBy f : in.fittedBy()) {
            if (!out.fittedBy().contains(f)) {
                out = out.withFittedBy(f);
            }
        }
        return out;
    }

    /** Logs a warning about columns dropped because fit saw no value in them. */
    static void warnDropped(NodeContext context, List<String> dropped) {
        if (!dropped.isEmpty()) {
            context.logger().log(System.Logger.Level.WARNING, "Skipping columns without any observed value: " + dropped
                    + " (as scikit-learn: they are dropped from the output)");
        }
    }
}
