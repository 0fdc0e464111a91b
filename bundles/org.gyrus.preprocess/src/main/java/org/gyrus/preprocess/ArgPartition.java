package org.gyrus.preprocess;

/**
 * numpy's {@code argpartition} (introselect, numpy 1.24, {@code selection.cpp}) on doubles,
 * reproduced step for step. Which of several equally distant neighbours a k-nearest-neighbour
 * imputer picks is decided by this algorithm's swaps; following them is the only way to pick the
 * same donors as scikit-learn, and ties are common (a receiver that only shares an integer column
 * such as a year with its donors is at distance 0 from all of that year's rows). NaN sorts last.
 */
final class ArgPartition {

    private ArgPartition() {
    }

    /** The indices 0..n-1 of {@code v}, partitioned so that position {@code kth} holds the kth smallest. */
    static int[] argpartition(double[] v, int kth) {
        int n = v.length;
        if (kth < 0 || kth >= n) {
            throw new IllegalArgumentException("kth " + kth + " out of bounds for " + n + " values");
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        introselect(v, idx, 0, n, kth);
        return idx;
    }

    /** numpy's Tag::less for floating point: NaN is larger than everything. */
    private static boolean less(double a, double b) {
        return a < b || (b != b && a == a);
    }

    private static void swap(int[] t, int i, int j) {
        int x = t[i];
        t[i] = t[j];
        t[j] = x;
    }

    /**
     * introselect_ with arg=true on the sub-array {@code tosort[off .. off+num)}; no pivot cache
     * (one kth per call, as scikit-learn uses it).
     */
    private static void introselect(double[] v, int[] t, int off, int num, int kth) {
        int low = 0;
        int high = num - 1;
        if (kth - low < 3) {
            dumbSelect(v, t, off + low, high - low + 1, kth - low);
            return;
        } else if (kth == num - 1) {
            int maxidx = low;
            double maxval = v[t[off + low]];
            for (int k = low + 1; k < num; k++) {
                if (!less(v[t[off + k]], maxval)) {
                    maxidx = k;
                    maxval = v[t[off + k]];
                }
            }
            swap(t, off + kth, off + maxidx);
            return;
        }
        int depthLimit = msb(num) * 2;
        while (low + 1 < high) {
            int ll = low + 1;
            int hh = high;
            if (depthLimit > 0 || hh - ll < 5) {
                int mid = low + (high - low) / 2;
                median3Swap(v, t, off, low, mid, high);
            } else {
                int mid = ll + medianOfMedian5(v, t, off + ll, hh - ll);
                swap(t, off + mid, off + low);
                ll--;
                hh++;
            }
            depthLimit--;
            // unguarded partition around v[t[low]]
            double pivot = v[t[off + low]];
            for (;;) {
                do {
                    ll++;
                } while (less(v[t[off + ll]], pivot));
                do {
                    hh--;
                } while (less(pivot, v[t[off + hh]]));
                if (hh < ll) {
                    break;
                }
                swap(t, off + ll, off + hh);
            }
            swap(t, off + low, off + hh);
            if (hh >= kth) {
                high = hh - 1;
            }
            if (hh <= kth) {
                low = ll;
            }
        }
        if (high == low + 1) {
            if (less(v[t[off + high]], v[t[off + low]])) {
                swap(t, off + high, off + low);
            }
        }
    }

    private static int msb(int n) {
        int depth = 0;
        while ((n >>>= 1) != 0) {
            depth++;
        }
        return depth;
    }

    private static void median3Swap(double[] v, int[] t, int off, int low, int mid, int high) {
        if (less(v[t[off + high]], v[t[off + mid]])) {
            swap(t, off + high, off + mid);
        }
        if (less(v[t[off + high]], v[t[off + low]])) {
            swap(t, off + high, off + low);
        }
        if (less(v[t[off + low]], v[t[off + mid]])) {
            swap(t, off + low, off + mid);
        }
        swap(t, off + mid, off + low + 1);
    }

    private static int median5(double[] v, int[] t, int off) {
        if (less(v[t[off + 1]], v[t[off]])) {
            swap(t, off + 1, off);
        }
        if (less(v[t[off + 4]], v[t[off + 3]])) {
            swap(t, off + 4, off + 3);
        }
        if (less(v[t[off + 3]], v[t[off]])) {
            swap(t, off + 3, off);
        }
        if (less(v[t[off + 4]], v[t[off + 1]])) {
            swap(t, off + 4, off + 1);
        }
        if (less(v[t[off + 2]], v[t[off + 1]])) {
            swap(t, off + 2, off + 1);
        }
        if (less(v[t[off + 3]], v[t[off + 2]])) {
            return less(v[t[off + 3]], v[t[off + 1]]) ? 1 : 3;
        }
        return 2;
    }

    private static int medianOfMedian5(double[] v, int[] t, int off, int num) {
        int right = num - 1;
        int nmed = (right + 1) / 5;
        for (int i = 0, subleft = 0; i < nmed; i++, subleft += 5) {
            int m = median5(v, t, off + subleft);
            swap(t, off + subleft + m, off + i);
        }
        if (nmed > 2) {
            introselect(v, t, off, nmed, nmed / 2);
        }
        return nmed / 2;
    }

    private static void dumbSelect(double[] v, int[] t, int off, int num, int kth) {
        for (int i = 0; i <= kth; i++) {
            int minidx = i;
            double minval = v[t[off + i]];
            for (int k = i + 1; k < num; k++) {
                if (less(v[t[off + k]], minval)) {
                    minidx = k;
                    minval = v[t[off + k]];
                }
            }
            swap(t, off + i, off + minidx);
        }
    }
}
