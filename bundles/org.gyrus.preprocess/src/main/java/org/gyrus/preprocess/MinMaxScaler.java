package org.gyrus.preprocess;

import java.util.List;

import org.gyrus.data.Table;

/**
 * Maps each column's training range onto {@code [min, max]} (default [0, 1]): scikit-learn 1.2's
 * {@code MinMaxScaler} (without {@code clip}: new data outside the training range maps outside
 * the target range). Missing cells are ignored in fit and stay missing.
 */
public final class MinMaxScaler {

    private double min = 0;
    private double max = 1;
    private int threads = Parallel.defaultThreads();

    /** A scaler onto [0, 1]. */
    public MinMaxScaler() {
    }

    /** The target range. */
    public MinMaxScaler range(double lo, double hi) {
        if (!(lo < hi)) {
            throw new IllegalArgumentException("MinMaxScaler: the range's minimum " + lo + " must be below its maximum " + hi);
        }
        this.min = lo;
        this.max = hi;
        return this;
    }

    /** Threads for fit and apply. */
    public MinMaxScaler threads(int n) {
        this.threads = Math.max(1, n);
        return this;
    }

    /** Learns the range of the named numeric columns. */
    public ScalerModel fit(Table table, List<String> columns) {
        return fit(columns, ScalerModel.gather(table, columns, "MinMaxScaler", threads));
    }

    /** Learns the range of columns given as arrays. */
    public ScalerModel fit(List<String> names, double[][] x) {
        int p = x.length;
        double[] offset = new double[p];
        double[] scale = new double[p];
        FiniteValues.refuseInfinity(names, x, "MinMaxScaler");
        Parallel.forEach(p, threads, j -> {
            double lo = Stats.nanMin(x[j]);
            double hi = Stats.nanMax(x[j]);
            double range = hi - lo;
            // A range beyond ±1.8e308 overflows (scikit-learn then maps the column to zeros):
            // halve both sides of the ratio instead.
            scale[j] = Double.isInfinite(range) ? ((max - min) / 2) / (hi / 2 - lo / 2)
                    : (max - min) / ScalerModel.handleZero(range, false);
            offset[j] = min - lo * scale[j];
        });
        return new ScalerModel("MinMaxScaler", ScalerModel.Form.MULTIPLY_THEN_ADD, names, offset, scale, threads);
    }
}
