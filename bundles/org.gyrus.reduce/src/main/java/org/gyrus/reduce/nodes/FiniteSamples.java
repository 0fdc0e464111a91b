package org.gyrus.reduce.nodes;

import java.util.List;
import java.util.Locale;

import org.gyrus.data.Column;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;

/**
 * The finite-value checks of the reduction nodes. Their inputs must be finite numbers within single
 * precision (PCA and the autoencoder work on float32 features; scikit-learn's PCA refuses NaN and
 * infinity too), and their results must stay finite: a value that overflows is an error naming
 * the feature and the row, never an infinite or NaN score.
 */
final class FiniteSamples {

    private FiniteSamples() {
    }

    /** Checks the numeric feature columns of a table, the ones {@link FeatureMatrix#fromTable} takes. */
    static void check(Table table, String what) {
        List<String> ids = FeatureMatrix.rowIdsOf(table);
        String idName = table.idColumn().map(Column::name).orElse("id");
        for (Column c : table.columns()) {
            if (c.role() != ColumnRole.FEATURE || !(c instanceof NumericColumn n)) {
                continue;
            }
            int size = n.size();
            for (int i = 0; i < size; i++) {
                double v = n.get(i);
                if (!(Math.abs(v) <= Float.MAX_VALUE)) {
                    throw new IllegalArgumentException(problem(what, "column '" + c.name() + "'", idName, ids.get(i), i, v));
                }
            }
        }
    }

    /** Checks every value of a feature matrix. */
    static void check(FeatureMatrix x, String what) {
        int cols = x.cols();
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < cols; j++) {
                float v = x.get(i, j);
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException(problem(what, "feature '" + x.featureNames().get(j) + "'", "id",
                            x.rowIds().get(i), i, v));
                }
            }
        }
    }

    /**
     * Checks a result (scores, codes, reconstructions) computed from finite inputs.
     *
     * @throws IllegalArgumentException naming the first non-finite value
     */
    static void checkResult(FeatureMatrix y, String what) {
        int cols = y.cols();
        for (int i = 0; i < y.rows(); i++) {
            for (int j = 0; j < cols; j++) {
                float v = y.get(i, j);
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "%s: the result '%s' of row %d (id '%s') is %s: the computation overflowed single precision "
                                    + "(±3.4e38). Standardise the features (for example with the standard scaler) first.",
                            what, y.featureNames().get(j), i, y.rowIds().get(i), describe(v)));
                }
            }
        }
    }

    private static String problem(String what, String where, String idName, String id, int row, double v) {
        String value = Double.isNaN(v) ? "a missing value (NaN)"
                : Double.isInfinite(v) ? describe(v) : String.format(Locale.ROOT, "%.4g", v);
        String advice = Double.isNaN(v) ? "impute missing values first (the simple, KNN or iterative imputer)"
                : Double.isInfinite(v) ? "correct the value (a number beyond ±1.8e308, such as 1e400, is read as infinity)"
                : "it lies beyond the range of single precision (±3.4e38) in which " + what + " works; rescale the feature "
                        + "(for example with the standard scaler)";
        return String.format(Locale.ROOT, "%s: %s holds %s at row %d (%s '%s'). %s needs finite values: %s.", what, where, value,
                row, idName, id, what, advice);
    }

    private static String describe(double v) {
        return Double.isNaN(v) ? "not a number" : v > 0 ? "+infinity" : "-infinity";
    }
}
