package org.gyrus.preprocess;

import java.util.List;
import java.util.Locale;

import org.gyrus.data.Column;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;

/**
 * What scikit-learn's {@code check_array(force_all_finite="allow-nan")} does for the estimators of
 * this bundle: a missing cell (NaN) is allowed, infinity is refused, in fit and in apply. Also the
 * guard on results: a value that is finite on the way in must not come out infinite or NaN because
 * a computation overflowed. Errors name the model, the column and the row (with the row's id when
 * the table has an id column), in words a researcher can act on.
 */
final class FiniteValues {

    private FiniteValues() {
    }

    /** Fails on the first infinite value of {@code x}, the cells of column {@code name} of {@code table} (which may be null). */
    static void refuseInfinity(Table table, String name, double[] x, String what) {
        for (int i = 0; i < x.length; i++) {
            if (Double.isInfinite(x[i])) {
                throw infinite(table, name, i, x[i], what);
            }
        }
    }

    /** Fails on the first infinite value of a numeric column, read in place. */
    static void refuseInfinity(Table table, NumericColumn c, String what) {
        int size = c.size();
        for (int i = 0; i < size; i++) {
            double v = c.get(i);
            if (Double.isInfinite(v)) {
                throw infinite(table, c.name(), i, v, what);
            }
        }
    }

    /** Fails on the first infinite value of columns given as arrays. */
    static void refuseInfinity(List<String> names, double[][] x, String what) {
        for (int j = 0; j < x.length; j++) {
            refuseInfinity(null, j < names.size() ? names.get(j) : "#" + j, x[j], what);
        }
    }

    /**
     * Fails where {@code y}, computed from {@code x}, is not finite although {@code x} was (pass
     * null for {@code x} when every output cell must be finite, as after imputation).
     */
    static void requireFiniteResult(Table table, String name, double[] x, double[] y, String what) {
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i]) && (x == null || Double.isFinite(x[i]))) {
                throw overflow(table, name, i, y[i], x, what);
            }
        }
    }

    static IllegalArgumentException infinite(Table table, String name, int row, double v, String what) {
        return new IllegalArgumentException(String.format(Locale.ROOT,
                "%s: column '%s' holds %s at %s. Infinite values are refused, as scikit-learn refuses them: correct the value "
                        + "(a number beyond ±1.8e308, such as 1e400, is read as infinity), or leave the cell empty to mark it "
                        + "missing and impute it.", what, name, v > 0 ? "+infinity" : "-infinity", row(table, row)));
    }

    private static IllegalArgumentException overflow(Table table, String name, int row, double y, double[] x, String what) {
        String largest = x == null ? "" : String.format(Locale.ROOT, " (its values reach %.3g in magnitude)", maxAbs(x));
        return new IllegalArgumentException(String.format(Locale.ROOT,
                "%s: the result for column '%s' at %s is %s: the computation overflowed the range of double-precision numbers"
                        + "%s. Rescale the column (for example change its units) so that its values are smaller in magnitude.",
                what, name, row(table, row), Double.isNaN(y) ? "not a number" : (y > 0 ? "+infinity" : "-infinity"), largest));
    }

    /** "row 3", or "row 3 (id 'sub-04')" when the table has an id column; rows count from 0. */
    static String row(Table table, int i) {
        if (table == null) {
            return "row " + i;
        }
        Column id = table.idColumn().orElse(null);
        String value = id == null || i >= id.size() ? null : id.format(i);
        return value == null ? "row " + i : "row " + i + " (" + id.name() + " '" + value + "')";
    }

    /** The largest finite magnitude in {@code x} (0 when none). */
    static double maxAbs(double[] x) {
        double m = 0;
        for (double v : x) {
            double a = Math.abs(v);
            if (a > m && a != Double.POSITIVE_INFINITY) {
                m = a;
            }
        }
        return m;
    }

    /**
     * The power of two that brings the largest finite magnitude of {@code x} near 1: multiplying
     * by it is exact, so sums and squares that would overflow can be computed on scaled values.
     */
    static double downscale(double[] x) {
        double m = maxAbs(x);
        return m == 0 ? 1.0 : Math.scalb(1.0, -Math.getExponent(m));
    }
}
