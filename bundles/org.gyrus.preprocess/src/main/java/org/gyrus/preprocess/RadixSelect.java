package org.gyrus.preprocess;

import java.util.Arrays;

import org.gyrus.data.NumericColumn;

/**
 * The median of a column's non-NaN values in two linear passes and no copy of the column: a
 * histogram of the top 16 bits of each value's order-preserving bit pattern finds the bucket that
 * holds the middle rank(s); only that bucket's values are copied out and selected. This is what
 * makes median imputation of a million rows take milliseconds per column where a sort (which
 * scikit-learn's masked median does) takes most of a second. The result is exactly the value a
 * sort would put at the middle.
 */
final class RadixSelect {

    private static final int BITS = 16;
    private static final int BUCKETS = 1 << BITS;

    private RadixSelect() {
    }

    /** Values by index: a column or an array, read in place. */
    private interface Values {
        int size();

        double get(int i);
    }

    /** The median of the non-NaN values of {@code c}; NaN if there are none. */
    static double nanMedian(NumericColumn c) {
        return nanMedian(new Values() {
            @Override
            public int size() {
                return c.size();
            }

            @Override
            public double get(int i) {
                return c.get(i);
            }
        });
    }

    /** The median of the non-NaN values of {@code a}; NaN if there are none. */
    static double nanMedian(double[] a) {
        return nanMedian(new Values() {
            @Override
            public int size() {
                return a.length;
            }

            @Override
            public double get(int i) {
                return a[i];
            }
        });
    }

    /** A key whose unsigned order is the numeric order of doubles (NaN excluded by the callers). */
    private static long key(double v) {
        long bits = Double.doubleToRawLongBits(v);
        return bits ^ ((bits >> 63) | Long.MIN_VALUE);
    }

    private static int bucket(double v) {
        return (int) (key(v) >>> (64 - BITS));
    }

    private static double nanMedian(Values x) {
        int size = x.size();
        int[] hist = new int[BUCKETS];
        int n = 0;
        for (int i = 0; i < size; i++) {
            double v = x.get(i);
            if (v == v) {
                hist[bucket(v)]++;
                n++;
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        int h = n / 2;
        if ((n & 1) == 1) {
            return kth(x, hist, h, false)[0];
        }
        double[] lohi = kth(x, hist, h, true);
        return Stats.midpoint(lohi[0], lohi[1]);
    }

    /**
     * The k-th smallest (0-based) non-NaN value, and with {@code andPrevious} the (k-1)-th too,
     * as {prev, kth} (or {kth}). One more pass over the data copies out the bucket of rank k and,
     * when rank k-1 lies in the bucket below, that bucket as well (usually they share one).
     */
    private static double[] kth(Values x, int[] hist, int k, boolean andPrevious) {
        int below = 0;
        int b = 0;
        while (below + hist[b] <= k) {
            below += hist[b];
            b++;
        }
        // Rank k-1 is in bucket b too unless k is the first rank of b: then in the last non-empty bucket below.
        int pb = b;
        if (andPrevious && k == below) {
            pb = b - 1;
            while (hist[pb] == 0) {
                pb--;
            }
        }
        double[] candidates = new double[hist[b]];
        double prevMax = Double.NEGATIVE_INFINITY;
        int m = 0;
        int size = x.size();
        for (int i = 0; i < size; i++) {
            double v = x.get(i);
            if (v == v) {
                int bv = bucket(v);
                if (bv == b) {
                    candidates[m++] = v;
                } else if (bv == pb && v > prevMax) {
                    prevMax = v;
                }
            }
        }
        int r = k - below;
        double kv;
        if (candidates.length <= 64) {
            Arrays.sort(candidates);
            kv = candidates[r];
        } else {
            kv = Select.select(candidates, r);
        }
        if (!andPrevious) {
            return new double[] {kv};
        }
        if (pb != b) {
            return new double[] {prevMax, kv};
        }
        // After selecting r, everything before r is no larger: the previous rank is their maximum.
        double prev = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < r; i++) {
            prev = Math.max(prev, candidates[i]);
        }
        return new double[] {prev, kv};
    }
}
