package org.gyrus.preprocess;

import java.util.Arrays;

import org.gyrus.data.NumericColumn;

/**
 * NaN-aware column statistics computed the way numpy computes them for scikit-learn, so that
 * fitted statistics agree to the last bits: sums run sequentially in row order (numpy's
 * reduction along axis 0 of a C-ordered array), medians average the two middle values and
 * percentiles use numpy's "linear" interpolation.
 */
final class Stats {

    private Stats() {
    }

    /** The number of non-NaN values. */
    static int count(double[] x) {
        int n = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                n++;
            }
        }
        return n;
    }

    /**
     * The mean of the non-NaN values; NaN when there are none. Where numpy's sum of finite values
     * overflows to infinity, the sum is taken again on values scaled by a power of two, so that
     * the mean of finite values is always the finite mean.
     */
    static double nanMean(double[] x) {
        // Two accumulators would be faster, but numpy sums axis 0 row by row: keep its order.
        double s = 0;
        int n = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                s += v;
                n++;
            }
        }
        if (n > 0 && Double.isInfinite(s)) {
            return scaledMean(x);
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /** The mean of finite values whose plain sum overflows; infinite if a value is infinite. */
    private static double scaledMean(double[] x) {
        double f = FiniteValues.downscale(x);
        double s = 0;
        int n = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                s += v * f;
                n++;
            }
        }
        return s / n / f;
    }

    /**
     * The mean of a column's non-NaN values, read in place (no copy of a large column): the same
     * sequential sum as {@link #nanMean(double[])}.
     */
    static double nanMean(NumericColumn c) {
        double s = 0;
        int n = 0;
        int size = c.size();
        for (int i = 0; i < size; i++) {
            double v = c.get(i);
            if (v == v) {
                s += v;
                n++;
            }
        }
        if (n > 0 && Double.isInfinite(s)) {
            return scaledMean(c.toArray());
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /** The non-NaN values of a column, copied once. */
    static double[] present(NumericColumn c) {
        int size = c.size();
        double[] out = new double[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            double v = c.get(i);
            if (v == v) {
                out[n++] = v;
            }
        }
        return n == size ? out : Arrays.copyOf(out, n);
    }

    /** Population variance and peak-to-peak range of a column's non-NaN values, read in place. */
    static double[] nanVarAndRange(NumericColumn c) {
        double mean = nanMean(c);
        if (Double.isNaN(mean)) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double s = 0;
        int n = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int size = c.size();
        for (int i = 0; i < size; i++) {
            double v = c.get(i);
            if (v == v) {
                double d = v - mean;
                s += d * d;
                n++;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return new double[] {s / n, hi - lo};
    }

    /** The population variance (ddof 0) of the non-NaN values, as numpy.nanvar; NaN when empty. */
    static double nanVar(double[] x) {
        double mean = nanMean(x);
        if (Double.isNaN(mean)) {
            return Double.NaN;
        }
        double s = 0;
        int n = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                double d = v - mean;
                s += d * d;
                n++;
            }
        }
        return s / n;
    }

    /** The non-NaN values, copied. */
    static double[] present(double[] x) {
        double[] out = new double[x.length];
        int n = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                out[n++] = v;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** The median of the non-NaN values; NaN when there are none. Linear time (selection, no sort). */
    static double nanMedian(double[] x) {
        return RadixSelect.nanMedian(x);
    }

    /** The median of a column's non-NaN values, read in place. */
    static double nanMedian(NumericColumn c) {
        return RadixSelect.nanMedian(c);
    }

    /** The median of {@code a} (no NaN), reordering it. */
    static double medianInPlace(double[] a) {
        int n = a.length;
        if (n == 0) {
            return Double.NaN;
        }
        int h = n / 2;
        double hi = Select.select(a, h);
        if ((n & 1) == 1) {
            return hi;
        }
        // After selecting h, everything left of h is <= a[h]: the lower middle is their maximum.
        double lo = a[0];
        for (int i = 1; i < h; i++) {
            if (a[i] > lo) {
                lo = a[i];
            }
        }
        return midpoint(lo, hi);
    }

    /** (lo + hi) / 2 as numpy computes it, without overflowing where that sum would. */
    static double midpoint(double lo, double hi) {
        double m = (lo + hi) / 2;
        return Double.isInfinite(m) && Double.isFinite(lo) && Double.isFinite(hi) ? lo / 2 + hi / 2 : m;
    }

    /**
     * The q-th percentiles (0..100) of the non-NaN values with numpy's default "linear" method,
     * including its lerp formula; NaN when there are none.
     */
    static double[] nanPercentiles(double[] x, double... q) {
        double[] a = present(x);
        Arrays.sort(a);
        double[] out = new double[q.length];
        int n = a.length;
        for (int k = 0; k < q.length; k++) {
            if (n == 0) {
                out[k] = Double.NaN;
                continue;
            }
            double idx = q[k] / 100.0 * (n - 1);
            int lo = (int) Math.floor(idx);
            int hi = Math.min(lo + 1, n - 1);
            double t = idx - lo;
            double av = a[lo];
            double bv = a[hi];
            double diff = bv - av;
            // numpy._lerp: a + d*t, but b - d*(1-t) from t >= 0.5 on (monotone at the ends).
            out[k] = t >= 0.5 ? bv - diff * (1 - t) : av + diff * t;
            if (Double.isInfinite(diff)) {
                // The two neighbours are so far apart that their difference overflows.
                out[k] = av * (1 - t) + bv * t;
            }
        }
        return out;
    }

    /**
     * The most frequent non-NaN value, the smallest among ties (scipy.stats.mode's rule);
     * NaN when there are none.
     */
    static double nanMostFrequent(double[] x) {
        return mostFrequentInPlace(present(x));
    }

    /** The most frequent of {@code a} (no NaN), the smallest among ties; sorts it. */
    static double mostFrequentInPlace(double[] a) {
        if (a.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(a);
        double best = a[0];
        int bestCount = 0;
        int i = 0;
        while (i < a.length) {
            int j = i;
            while (j < a.length && Double.compare(a[j], a[i]) == 0) {
                j++;
            }
            // Strictly greater: the first (smallest) value keeps a tie.
            if (j - i > bestCount) {
                bestCount = j - i;
                best = a[i];
            }
            i = j;
        }
        return best;
    }

    /** Minimum of the non-NaN values (NaN when none). */
    static double nanMin(double[] x) {
        double m = Double.NaN;
        for (double v : x) {
            if (!Double.isNaN(v) && (Double.isNaN(m) || v < m)) {
                m = v;
            }
        }
        return m;
    }

    /** Maximum of the non-NaN values (NaN when none). */
    static double nanMax(double[] x) {
        double m = Double.NaN;
        for (double v : x) {
            if (!Double.isNaN(v) && (Double.isNaN(m) || v > m)) {
                m = v;
            }
        }
        return m;
    }
}
