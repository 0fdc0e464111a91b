package org.gyrus.preprocess;

/**
 * In-place selection (Hoare's quickselect with median-of-three pivots, falling back to sorting
 * small ranges): after {@code select(a, k)} the element at {@code k} is the one a full sort would
 * put there, everything before it is no larger and everything after it no smaller. Linear time
 * on average, which is what makes median imputation fast: scikit-learn sorts a masked array.
 */
final class Select {

    private Select() {
    }

    /** Partitions {@code a} (no NaN) around its k-th smallest element and returns that element. */
    static double select(double[] a, int k) {
        int lo = 0;
        int hi = a.length - 1;
        while (hi - lo > 16) {
            int mid = (lo + hi) >>> 1;
            // Median of three to lo+1.. guards against sorted input.
            if (a[mid] < a[lo]) {
                swap(a, mid, lo);
            }
            if (a[hi] < a[lo]) {
                swap(a, hi, lo);
            }
            if (a[hi] < a[mid]) {
                swap(a, hi, mid);
            }
            double pivot = a[mid];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(a, i, j);
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        // Insertion sort of the small remaining range.
        for (int i = lo + 1; i <= hi; i++) {
            double v = a[i];
            int j = i - 1;
            while (j >= lo && a[j] > v) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
        return a[k];
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
