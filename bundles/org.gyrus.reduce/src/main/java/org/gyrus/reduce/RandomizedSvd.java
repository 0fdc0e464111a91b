package org.gyrus.reduce;

import java.util.SplittableRandom;

/**
 * The leading singular triplets of a dense matrix by randomized range finding (Halko, Martinsson
 * and Tropp 2011, algorithm 4.4 with LU-normalised power iterations), as scikit-learn's
 * {@code randomized_svd}: oversampling, {@code n_iter='auto'} (7 power iterations when fewer than a
 * tenth of the smaller side is wanted, else 4) and its sign convention {@code svd_flip}.
 */
final class RandomizedSvd {

    /** U (rows × k, row-major), singular values (k), Vᵀ (k × cols, row-major). */
    record Result(double[] u, double[] s, double[] vt, int k) {
    }

    private RandomizedSvd() {
    }

    /** scikit-learn's automatic number of power iterations. */
    static int autoIterations(int k, int rows, int cols) {
        return k < 0.1 * Math.min(rows, cols) ? 7 : 4;
    }

    /**
     * The k leading singular triplets of {@code a} (rows × cols, row-major).
     *
     * @param oversamples extra random directions (scikit-learn: 10)
     * @param iterations  power iterations, or −1 for scikit-learn's automatic choice
     */
    static Result compute(double[] a, int rows, int cols, int k, int oversamples, int iterations, long seed, int threads) {
        int l = Math.min(k + oversamples, Math.min(rows, cols));
        if (k < 1 || k > l) {
            throw new IllegalArgumentException("Cannot compute " + k + " singular vectors of a " + rows + " × " + cols + " matrix");
        }
        int iters = iterations < 0 ? autoIterations(k, rows, cols) : iterations;
        SplittableRandom random = new SplittableRandom(seed);
        double[] omega = new double[cols * l];
        for (int i = 0; i < omega.length; i++) {
            omega[i] = random.nextGaussian();
        }
        double[] y = new double[rows * l];
        double[] z = omega;
        for (int it = 0; it < iters; it++) {
            // Normalising with LU (cheaper than QR) keeps the columns from collapsing onto the first
            // singular vector; only the spanned subspace matters, so P·L is as good as Q.
            DoubleGemm.gemm(false, false, rows, l, cols, a, cols, z, l, 0, y, l, threads);
            permutedLower(y, rows, l);
            DoubleGemm.gemm(true, false, cols, l, rows, a, cols, y, l, 0, z, l, threads);
            permutedLower(z, cols, l);
        }
        DoubleGemm.gemm(false, false, rows, l, cols, a, cols, z, l, 0, y, l, threads);
        double[] q = orthonormalColumns(y, rows, l);
        // B = Qᵀ A (l × cols); its SVD from the l × l eigenproblem of B Bᵀ.
        double[] b = new double[l * cols];
        DoubleGemm.gemm(true, false, l, cols, rows, q, l, a, cols, 0, b, cols, threads);
        double[] bbt = new double[l * l];
        DoubleGemm.gemm(false, true, l, l, cols, b, cols, b, cols, 0, bbt, l, threads);
        SymmetricEigen.Result eig = SymmetricEigen.decompose(bbt, l, k, 1);
        double[] s = new double[k];
        double[] uHatT = eig.vectors(); // k × l: rows are left singular vectors of B
        double[] vt = new double[k * cols];
        DoubleGemm.gemm(false, false, k, cols, l, uHatT, l, b, cols, 0, vt, cols, threads);
        for (int j = 0; j < k; j++) {
            s[j] = Math.sqrt(Math.max(0, eig.values()[j]));
            double inv = s[j] > 0 ? 1 / s[j] : 0;
            for (int c = 0; c < cols; c++) {
                vt[j * cols + c] *= inv;
            }
        }
        double[] u = new double[rows * k];
        DoubleGemm.gemm(false, true, rows, k, l, q, l, uHatT, l, 0, u, k, threads);
        if (rows >= cols) {
            SignFlip.byLargestU(u, rows, k, vt, cols);
        } else {
            SignFlip.byLargestV(u, rows, k, vt, cols); // scikit-learn works on the transpose then
        }
        return new Result(u, s, vt, k);
    }

    /**
     * Replaces the rows × l matrix y by P·L of its LU factorisation with partial pivoting (scipy's
     * {@code lu(permute_l=True)}): unit lower-trapezoidal L with its rows put back in y's order.
     */
    static void permutedLower(double[] y, int rows, int l) {
        int[] perm = new int[rows];
        for (int i = 0; i < rows; i++) {
            perm[i] = i;
        }
        double[] lu = y.clone();
        double[] tmp = new double[l];
        for (int j = 0; j < Math.min(rows, l); j++) {
            int p = j;
            double max = Math.abs(lu[j * l + j]);
            for (int i = j + 1; i < rows; i++) {
                double v = Math.abs(lu[i * l + j]);
                if (v > max) {
                    max = v;
                    p = i;
                }
            }
            if (p != j) {
                System.arraycopy(lu, j * l, tmp, 0, l);
                System.arraycopy(lu, p * l, lu, j * l, l);
                System.arraycopy(tmp, 0, lu, p * l, l);
                int t = perm[j];
                perm[j] = perm[p];
                perm[p] = t;
            }
            double pivot = lu[j * l + j];
            if (pivot == 0) {
                continue; // a zero column: its multipliers stay as they are (all zero)
            }
            double inv = 1 / pivot;
            for (int i = j + 1; i < rows; i++) {
                int ri = i * l;
                double f = lu[ri + j] * inv;
                lu[ri + j] = f;
                if (f != 0) {
                    for (int c = j + 1; c < l; c++) {
                        lu[ri + c] -= f * lu[j * l + c];
                    }
                }
            }
        }
        for (int i = 0; i < rows; i++) {
            int dst = perm[i] * l;
            for (int c = 0; c < l; c++) {
                y[dst + c] = c < i ? lu[i * l + c] : (c == i ? 1 : 0);
            }
        }
    }

    /** An orthonormal basis of y's columns (rows × l), by Gram–Schmidt applied twice ("twice is enough"). */
    static double[] orthonormalColumns(double[] y, int rows, int l) {
        double[] t = new double[l * rows]; // columns as rows, for contiguous dot products
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < l; c++) {
                t[c * rows + i] = y[i * l + c];
            }
        }
        for (int c = 0; c < l; c++) {
            int base = c * rows;
            for (int pass = 0; pass < 2; pass++) {
                for (int o = 0; o < c; o++) {
                    int ob = o * rows;
                    double dot = 0;
                    for (int i = 0; i < rows; i++) {
                        dot += t[base + i] * t[ob + i];
                    }
                    for (int i = 0; i < rows; i++) {
                        t[base + i] -= dot * t[ob + i];
                    }
                }
            }
            double norm = 0;
            for (int i = 0; i < rows; i++) {
                norm += t[base + i] * t[base + i];
            }
            double inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
            for (int i = 0; i < rows; i++) {
                t[base + i] *= inv;
            }
        }
        double[] q = new double[rows * l];
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < l; c++) {
                q[i * l + c] = t[c * rows + i];
            }
        }
        return q;
    }
}
