package org.gyrus.preprocess;

import java.util.List;

import org.gyrus.data.Table;

/**
 * Centres each column on its median and divides by its interquartile range: scikit-learn 1.2's
 * {@code RobustScaler} (quantile range 25–75 by default, numpy's linear percentiles). Missing
 * cells are ignored in fit and stay missing; a zero range divides by 1.
 */
public final class RobustScaler {

    private boolean withCentering = true;
    private boolean withScaling = true;
    private double qLow = 25;
    private double qHigh = 75;
    private int threads = Parallel.defaultThreads();

    /** A scaler with scikit-learn's defaults. */
    public RobustScaler() {
    }

    /** Whether to subtract the median. */
    public RobustScaler withCentering(boolean b) {
        this.withCentering = b;
        return this;
    }

    /** Whether to divide by the quantile range. */
    public RobustScaler withScaling(boolean b) {
        this.withScaling = b;
        return this;
    }

    /** The quantile range in percent (default 25, 75). */
    public RobustScaler quantileRange(double low, double high) {
        if (!(0 <= low && low < high && high <= 100)) {
            throw new IllegalArgumentException("RobustScaler: invalid quantile range (" + low + ", " + high + ")");
        }
        this.qLow = low;
        this.qHigh = high;
        return this;
    }

    /** Threads for fit and apply. */
    public RobustScaler threads(int n) {
        this.threads = Math.max(1, n);
        return this;
    }

    /** Learns median and quantile range of the named numeric columns. */
    public ScalerModel fit(Table table, List<String> columns) {
        return fit(columns, ScalerModel.gather(table, columns, "RobustScaler", threads));
    }

    /** Learns median and quantile range of columns given as arrays. */
    public ScalerModel fit(List<String> names, double[][] x) {
        int p = x.length;
        double[] center = new double[p];
        double[] scale = new double[p];
        FiniteValues.refuseInfinity(names, x, "RobustScaler");
        Parallel.forEach(p, threads, j -> {
            center[j] = withCentering ? Stats.nanMedian(x[j]) : 0.0;
            if (withScaling) {
                double[] q = Stats.nanPercentiles(x[j], qLow, qHigh);
                if (Double.isInfinite(q[1] - q[0])) {
                    // No double can hold this range: dividing by infinity would zero the column.
                    throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                            "RobustScaler: the quantile range of column '%s' (%.3g to %.3g) exceeds the range of "
                                    + "double-precision numbers. Rescale the column (for example change its units) first.",
                            names.get(j), q[0], q[1]));
                }
                scale[j] = ScalerModel.handleZero(q[1] - q[0], false);
            } else {
                scale[j] = 1.0;
            }
        });
        return new ScalerModel("RobustScaler", ScalerModel.Form.CENTER_THEN_DIVIDE, names, center, scale, threads);
    }
}
