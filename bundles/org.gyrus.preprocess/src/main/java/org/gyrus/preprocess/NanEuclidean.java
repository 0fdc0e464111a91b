package org.gyrus.preprocess;

/**
 * scikit-learn's {@code nan_euclidean_distances}: the Euclidean distance over the coordinates
 * present in both rows, scaled up by (all coordinates / present ones); NaN when no coordinate is
 * shared.
 *
 * <p>It is computed the way scikit-learn computes it — the expanded form
 * {@code |x|² - 2 x·y + |y|²} with the missing coordinates' squares subtracted afterwards — with
 * numpy's and OpenBLAS's summation orders (squared norms as numpy's two-lane einsum loop, dot
 * products as OpenBLAS's fused multiply-add chain). The expanded form leaves rounding residue
 * (a distance that is exactly 0 can come out as 1e-5), and that residue decides which of several
 * equally near neighbours are picked. An exact formula would be more accurate and pick different
 * donors; matching scikit-learn's imputed values needs the same residue.
 */
final class NanEuclidean {

    private NanEuclidean() {
    }

    /** Row-wise data prepared once: missing coordinates zeroed, squares, squared norms. */
    static final class Rows {
        final int n;
        final int p;
        final double[] zeroed;
        final double[] squares;
        final boolean[] missing;
        final double[] norms;

        Rows(double[] rowMajor, int n, int p) {
            this.n = n;
            this.p = p;
            zeroed = new double[n * p];
            squares = new double[n * p];
            missing = new boolean[n * p];
            norms = new double[n];
            for (int i = 0; i < n * p; i++) {
                double v = rowMajor[i];
                missing[i] = Double.isNaN(v);
                zeroed[i] = missing[i] ? 0.0 : v;
                squares[i] = zeroed[i] * zeroed[i];
            }
            for (int i = 0; i < n; i++) {
                norms[i] = einsumSquaredNorm(zeroed, i * p, p);
            }
        }
    }

    /**
     * numpy 1.24's {@code einsum("ij,ij->i")} inner loop on x86-64 (SSE2 baseline: two lanes,
     * blocks of eight with the last pair added first, then the tail pair by pair).
     */
    static double einsumSquaredNorm(double[] a, int off, int count) {
        double l0 = 0;
        double l1 = 0;
        int i = off;
        int left = count;
        while (left >= 8) {
            for (int blk = 3; blk >= 0; blk--) {
                double x0 = a[i + 2 * blk];
                double x1 = a[i + 2 * blk + 1];
                l0 = x0 * x0 + l0;
                l1 = x1 * x1 + l1;
            }
            i += 8;
            left -= 8;
        }
        while (left > 0) {
            double x0 = a[i];
            l0 = x0 * x0 + l0;
            if (left > 1) {
                double x1 = a[i + 1];
                l1 = x1 * x1 + l1;
            }
            i += 2;
            left -= 2;
        }
        return l0 + l1;
    }

    /** The distance between row {@code i} of {@code x} and row {@code j} of {@code y}. */
    static double distance(Rows x, int i, Rows y, int j) {
        int p = x.p;
        int xo = i * p;
        int yo = j * p;
        double dot = 0;
        for (int k = 0; k < p; k++) {
            dot = Math.fma(x.zeroed[xo + k], y.zeroed[yo + k], dot);
        }
        double d = -2 * dot;
        d += x.norms[i];
        d += y.norms[j];
        d = Math.max(d, 0.0);
        double xxMissY = 0;
        double missXyy = 0;
        int present = 0;
        for (int k = 0; k < p; k++) {
            boolean mx = x.missing[xo + k];
            boolean my = y.missing[yo + k];
            if (my) {
                xxMissY += x.squares[xo + k];
            }
            if (mx) {
                missXyy += y.squares[yo + k];
            }
            if (!mx && !my) {
                present++;
            }
        }
        d -= xxMissY;
        d -= missXyy;
        d = Math.max(d, 0.0);
        if (present == 0) {
            return Double.NaN;
        }
        d /= present;
        d *= p;
        return Math.sqrt(d);
    }
}
