package org.gyrus.preprocess;

import java.util.ArrayList;
import java.util.List;

import org.gyrus.data.Column;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;

/**
 * A fitted scaler: a per-column affine map. Standard and robust scaling compute
 * {@code (x - offset) / scale}, min-max scaling {@code x * scale + offset}, each in the order
 * scikit-learn uses so that results agree to the last bits. Missing cells stay missing.
 */
public final class ScalerModel implements TableTransform {

    /** Which of the two affine forms the model applies. */
    public enum Form {
        /** {@code (x - offset) / scale}: standard and robust scaling. */
        CENTER_THEN_DIVIDE,
        /** {@code x * scale + offset}: min-max scaling. */
        MULTIPLY_THEN_ADD
    }

    private final String kind;
    private final Form form;
    private final List<String> columns;
    private final double[] offset;
    private final double[] scale;
    private final int threads;

    ScalerModel(String kind, Form form, List<String> columns, double[] offset, double[] scale, int threads) {
        this.kind = kind;
        this.form = form;
        this.columns = List.copyOf(columns);
        this.offset = offset.clone();
        this.scale = scale.clone();
        this.threads = threads;
    }

    /** Rebuilds a model from its parts (for loading a saved model). */
    public static ScalerModel of(String kind, Form form, List<String> columns, double[] offset, double[] scale) {
        return new ScalerModel(kind, form, columns, offset, scale, Parallel.defaultThreads());
    }

    /** The scaler that made it ("StandardScaler", "MinMaxScaler", "RobustScaler"). */
    public String kind() {
        return kind;
    }

    /** The affine form. */
    public Form form() {
        return form;
    }

    /** The scaled columns in fit order. */
    public List<String> columns() {
        return columns;
    }

    /** Per column: the mean or median subtracted, or the offset added (scikit-learn's mean_/center_/min_). */
    public double[] offset() {
        return offset.clone();
    }

    /** Per column: the divisor, or the factor for min-max (scikit-learn's scale_). */
    public double[] scale() {
        return scale.clone();
    }

    /** Scales one column array (a new array). */
    public double[] transform(int j, double[] x) {
        double o = offset[j];
        double s = scale[j];
        double[] y = new double[x.length];
        if (form == Form.CENTER_THEN_DIVIDE) {
            for (int i = 0; i < y.length; i++) {
                y[i] = (x[i] - o) / s;
                if (Double.isInfinite(y[i]) && Double.isFinite(x[i])) {
                    // x - o overflowed (values of opposite sign near ±1.8e308): halve, then double.
                    y[i] = (x[i] / 2 - o / 2) / s * 2;
                }
            }
        } else {
            for (int i = 0; i < y.length; i++) {
                y[i] = x[i] * s + o;
            }
        }
        return y;
    }

    /**
     * Scales columns given in fit order.
     *
     * @throws IllegalArgumentException on an infinite value, or where a result overflows
     */
    public double[][] transform(double[][] x) {
        FiniteValues.refuseInfinity(columns, x, kind);
        double[][] out = new double[x.length][];
        Parallel.forEach(x.length, threads, j -> {
            out[j] = transform(j, x[j]);
            FiniteValues.requireFiniteResult(null, columns.get(j), x[j], out[j], kind);
        });
        return out;
    }

    @Override
    public TableTransform withThreads(int n) {
        return new ScalerModel(kind, form, columns, offset, scale, Math.max(1, n));
    }

    @Override
    public Table apply(Table table) {
        Column[] scaled = new Column[columns.size()];
        Parallel.forEach(columns.size(), threads, j -> {
            String name = columns.get(j);
            Column c = Columns.findFitted(table, name, kind);
            double[] x = Columns.numeric(table, name, kind);
            requireStatistics(j, x, table);
            double[] y = transform(j, x);
            FiniteValues.requireFiniteResult(table, name, x, y, kind);
            scaled[j] = NumericColumn.wrap(name, c.role(), y);
        });
        List<Column> out = new ArrayList<>();
        for (Column c : table.columns()) {
            int j = columns.indexOf(c.name());
            out.add(j < 0 ? c : scaled[j]);
        }
        return new Table(out);
    }

    /**
     * A column that had no observed value in fit has no statistics: scaling its values would
     * make every one of them missing, so say why instead.
     */
    private void requireStatistics(int j, double[] x, Table table) {
        if (Double.isFinite(offset[j]) && Double.isFinite(scale[j])) {
            return;
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i])) {
                throw new IllegalArgumentException(kind + ": column '" + columns.get(j) + "' had no observed value in the "
                        + "table the scaler was fitted on, so it has no statistics to scale " + FiniteValues.row(table, i)
                        + " with. Fit on a table where the column has values, or leave the column out.");
            }
        }
    }

    /** Columns of a table as arrays, for fitting; errors name the column. */
    static double[][] gather(Table table, List<String> columns, String what, int threads) {
        Columns.requireRows(table, what);
        Columns.requireColumns(columns, what);
        double[][] x = new double[columns.size()][];
        Parallel.forEach(columns.size(), threads, j -> x[j] = Columns.numeric(table, columns.get(j), what));
        return x;
    }

    /**
     * scikit-learn's {@code _handle_zeros_in_scale}: a scale that is (nearly) zero becomes 1, so
     * a constant column maps to 0 instead of NaN.
     */
    static double handleZero(double s, boolean constant) {
        return constant || s < 10 * Math.ulp(1.0) ? 1.0 : s;
    }
}
