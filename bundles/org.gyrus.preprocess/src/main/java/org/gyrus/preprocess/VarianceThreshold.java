package org.gyrus.preprocess;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;

/**
 * Keeps the numeric columns whose training variance exceeds a threshold: scikit-learn 1.2's
 * {@code VarianceThreshold}. Variances ignore missing cells (numpy's nanvar, ddof 0). With
 * threshold 0 the variance is replaced by the peak-to-peak range where that is smaller, as
 * scikit-learn does, so that rounding cannot keep a constant column.
 */
public final class VarianceThreshold {

    private final double threshold;
    private int threads = Parallel.defaultThreads();

    /** A selector with the given threshold (scikit-learn's default is 0). */
    public VarianceThreshold(double threshold) {
        if (!(threshold >= 0)) {
            throw new IllegalArgumentException("VarianceThreshold: the threshold must be >= 0, not " + threshold);
        }
        this.threshold = threshold;
    }

    /** Threads for fit. */
    public VarianceThreshold threads(int n) {
        this.threads = Math.max(1, n);
        return this;
    }

    /** Learns which of the named numeric columns to keep (numeric columns are read in place, not copied). */
    public VarianceThresholdModel fit(Table table, List<String> columns) {
        Columns.requireRows(table, "VarianceThreshold");
        Columns.requireColumns(columns, "VarianceThreshold");
        int p = columns.size();
        double[][] vr = new double[p][];
        Parallel.forEach(p, threads, j -> {
            String name = columns.get(j);
            if (Columns.findFitted(table, name, "VarianceThreshold") instanceof NumericColumn c) {
                FiniteValues.refuseInfinity(table, c, "VarianceThreshold");
                vr[j] = Stats.nanVarAndRange(c);
            } else {
                double[] x = Columns.numeric(table, name, "VarianceThreshold");
                vr[j] = new double[] {Stats.nanVar(x), Stats.nanMax(x) - Stats.nanMin(x)};
            }
        });
        return select(columns, vr);
    }

    /**
     * Learns which columns to keep.
     *
     * @throws IllegalArgumentException if no column's variance exceeds the threshold
     */
    public VarianceThresholdModel fit(List<String> names, double[][] x) {
        FiniteValues.refuseInfinity(names, x, "VarianceThreshold");
        int p = x.length;
        double[][] vr = new double[p][];
        Parallel.forEach(p, threads, j -> vr[j] = new double[] {Stats.nanVar(x[j]), Stats.nanMax(x[j]) - Stats.nanMin(x[j])});
        return select(names, vr);
    }

    /** Variances (and ranges) to the model: threshold 0 takes the smaller of the two, as scikit-learn. */
    private VarianceThresholdModel select(List<String> names, double[][] varAndRange) {
        int p = varAndRange.length;
        double[] var = new double[p];
        for (int j = 0; j < p; j++) {
            double v = varAndRange[j][0];
            double ptp = varAndRange[j][1];
            if (threshold == 0) {
                // np.nanmin([variances, ptp]): the smaller, ignoring a NaN.
                v = Double.isNaN(v) ? ptp : (Double.isNaN(ptp) ? v : Math.min(v, ptp));
            }
            var[j] = v;
        }
        boolean[] keep = new boolean[p];
        List<String> kept = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            keep[j] = var[j] > threshold;
            if (keep[j]) {
                kept.add(names.get(j));
            }
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "VarianceThreshold: no column's variance exceeds the threshold %.5f; the largest is %s", threshold,
                    maxDescription(names, var)));
        }
        return new VarianceThresholdModel(threshold, names, var, keep);
    }

    private static String maxDescription(List<String> names, double[] var) {
        int best = -1;
        for (int j = 0; j < var.length; j++) {
            if (!Double.isNaN(var[j]) && (best < 0 || var[j] > var[best])) {
                best = j;
            }
        }
        return best < 0 ? "undefined (every column is empty)" : var[best] + " in column '" + names.get(best) + "'";
    }
}
