package org.gyrus.learn.nodes;

import java.util.List;

import org.gyrus.data.Column;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Predictions;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.gyrus.learn.LinearModel;
import org.gyrus.learn.LogisticModel;
import org.gyrus.data.ModelArtifact;
import org.gyrus.learn.ClassifierNetwork;
import org.gyrus.data.TrainingRows;
import org.gyrus.pipeline.NodeContext;

/** What the learning nodes share: the category, and predictions in the documented layout. */
final class NodeSupport {

    static final String CATEGORY = "Learning";

    private NodeSupport() {
    }

    /** A classifier's predictions as a predictions table (docs/predictions-table.md). */
    static Table predictions(LogisticModel model, Samples s) {
        double[][] proba = model.predictProba(s.x(), s.n());
        return Predictions.table(ids(s), s.label(), model.classes(), proba, extra(s));
    }

    /** A network classifier's predictions as a predictions table. */
    static Table predictions(ClassifierNetwork model, Samples s) {
        return Predictions.table(ids(s), s.label(), model.classes(), model.predictProba(floats(s), s.n()), extra(s));
    }

    /** The samples in single precision, as networks take them. */
    static float[] floats(Samples s) {
        double[] x = s.x();
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }

    /** A regression's predictions: id, true value when known, the numeric {@code predicted} column. */
    static Table predictions(LinearModel model, Samples s) {
        return regression(s, model.predict(s.x(), s.n()));
    }

    /** Predicted values as a table: id, true value when known, the numeric {@code predicted} column, the carried columns. */
    static Table regression(Samples s, double[] predicted) {
        Table t = Table.of(ids(s));
        if (s.label() != null) {
            t = t.with(s.label().withRole(ColumnRole.LABEL));
        }
        t = t.with(NumericColumn.wrap(Predictions.PREDICTED, ColumnRole.FEATURE, predicted));
        for (Column c : extra(s)) {
            t = t.with(c);
        }
        return t;
    }

    /** The coefficient of determination as text, or why it is undefined. */
    static String r2(double[] y, double[] fitted) {
        double mean = 0;
        for (double v : y) {
            mean += v / y.length;
        }
        double ssRes = 0;
        double ssTot = 0;
        for (int i = 0; i < y.length; i++) {
            ssRes += (y[i] - fitted[i]) * (y[i] - fitted[i]);
            ssTot += (y[i] - mean) * (y[i] - mean);
        }
        return ssTot > 0 ? String.format(java.util.Locale.ROOT, "%.6f", 1 - ssRes / ssTot) : "undefined (the target is constant)";
    }

    /** Each sample's subject, from the first subject column the data have (TrainingRows.SUBJECT_COLUMNS), or null. */
    static List<String> subjects(NodeContext context, Samples s) {
        for (String name : TrainingRows.SUBJECT_COLUMNS) {
            java.util.Optional<Column> c = s.column(context, name);
            if (c.isPresent()) {
                List<String> out = new java.util.ArrayList<>();
                for (int i = 0; i < c.get().size(); i++) {
                    String v = c.get().format(i);
                    out.add(v == null ? "" : v);
                }
                return out;
            }
        }
        return null;
    }

    /** A fitted model's artifact with the rows and subjects it was fitted on recorded (see TrainingRows). */
    static ModelArtifact recorded(ModelArtifact a, NodeContext context, Samples s) {
        return TrainingRows.record(a, s.ids(), subjects(context, s));
    }

    /**
     * @throws IllegalArgumentException naming the feature and row id of a value that is not finite
     */
    static void requireFinite(Samples s) {
        double[] x = s.x();
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException("Feature '" + s.features().get(i % s.p()) + "' is "
                        + (Double.isNaN(x[i]) ? "missing (NaN)" : x[i]) + " for sample '" + s.ids().get(i / s.p())
                        + "': impute or drop it before predicting");
            }
        }
    }

    static Column ids(Samples s) {
        return new TextColumn("id", ColumnRole.ID, s.ids().toArray(String[]::new));
    }

    /** The carried columns, except any whose name the layout uses. */
    static List<Column> extra(Samples s) {
        return s.carried().stream().filter(c -> !c.name().equals("id") && !c.name().equals(Predictions.PREDICTED)
                && !c.name().startsWith(Predictions.PROBABILITY_PREFIX) && (s.label() == null || !c.name().equals(s.label().name()))).toList();
    }
}
