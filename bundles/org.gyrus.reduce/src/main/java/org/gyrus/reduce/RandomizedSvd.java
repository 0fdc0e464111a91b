package org.gyrus.reduce;

import java.util.SplittableRandom;

/**
 * The leading singular triplets of a dense matrix by randomized range finding (Halko, Martinsson
 * and Tropp 2011, algorithm 4.4 with normalised power iterations), as scikit-learn's
 * {@code randomized_svd}: 10 extra random directions, {@code n_iter='auto'} (7 power iterations
 * when fewer than a tenth of the smaller side is wanted, else 4) and its sign convention
 * {@code svd_flip}.
 *
 * <p>Like scikit-learn on float32 data, it works in single precision: the products with the data
 * run in {@link ThinProducts}, the l × l steps (Cholesky factors, the SVD of B) in double. Between
 * power iterations the block is re-conditioned by one shifted Cholesky QR pass (scikit-learn's
 * {@code power_iteration_normalizer='QR'} spans the same subspace as its default LU, whose pivoting
 * here would cost more than all the products together); the final basis gets a second pass. A
 * zero block falls back to Gram–Schmidt. The two products of a power iteration share one pass over
 * the data ({@link ThinProducts#powerStep}): {@code Aᵀ(Y R⁻¹)} is computed as {@code (AᵀY) R⁻¹},
 * with R from {@code YᵀY}, so A is read 9 times per fit instead of 16.
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
     * The k leading singular triplets of {@code a} (rows × cols, row-major, float).
     *
     * @param oversamples extra random directions (scikit-learn: 10)
     * @param iterations  power iterations, or −1 for scikit-learn's automatic choice
     */
    static Result compute(float[] a, int rows, int cols, int k, int oversamples, int iterations, long seed, int threads) {
        int l = Math.min(k + oversamples, Math.min(rows, cols));
        if (k < 1 || k > l) {
            throw new IllegalArgumentException("Cannot compute " + k + " singular vectors of a " + rows + " × " + cols + " matrix");
        }
        int iters = iterations < 0 ? autoIterations(k, rows, cols) : iterations;
        SplittableRandom random = new SplittableRandom(seed);
        float[] z = new float[cols * l];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) random.nextGaussian();
        }
        float[] y = new float[rows * l];
        float[] w = new float[cols * l];
        float[] g = new float[l * l];
        for (int it = 0; it < iters; it++) {
            // Z ← Aᵀ·(Y R⁻¹) for Y = A·Z and YᵀY = RᵀR, computed as (Aᵀ·Y) R⁻¹: the same
            // product, but Aᵀ·Y and YᵀY come out of one pass over A (ThinProducts.powerStep).
            ThinProducts.powerStep(a, rows, cols, z, l, w, g, threads);
            float[] rInv = shiftedCholeskyInverse(g, l);
            if (rInv != null) {
                ThinProducts.times(w, cols, l, rInv, l, z, threads);
            } else {
                // Y is (numerically) zero: the two products, with normalized's Gram–Schmidt.
                ThinProducts.times(a, rows, cols, z, l, y, threads);
                y = normalized(y, rows, l, threads);
                ThinProducts.transposeTimes(a, rows, cols, y, l, z, threads);
            }
            z = normalized(z, cols, l, threads);
        }
        ThinProducts.times(a, rows, cols, z, l, y, threads);
        // Two passes: the first conditions, the second orthonormalises to single precision.
        float[] qf = normalized(normalized(y, rows, l, threads), rows, l, threads);
        double[] q = toDouble(qf);
        // B = Qᵀ A (l × cols); its SVD from the l × l eigenproblem of B Bᵀ, in double.
        float[] bt = new float[cols * l];
        ThinProducts.transposeTimes(a, rows, cols, qf, l, bt, threads);
        double[] b = new double[l * cols];
        for (int c = 0; c < cols; c++) {
            for (int j = 0; j < l; j++) {
                b[j * cols + c] = bt[c * l + j];
            }
        }
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

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static void toFloat(double[] d, float[] f) {
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
    }

    /**
     * A well-conditioned basis of the span of y's columns (rows × l), for between power iterations:
     * one shifted Cholesky QR pass in single precision (Fukaya et al. 2020). The span is all that
     * matters there, and any invertible R keeps it; the small shift (10⁻⁶ of the largest column's
     * squared norm) keeps the Cholesky factorisation of a float Gram matrix from breaking down on
     * nearly dependent columns. Falls back to Gram–Schmidt only when y is zero.
     */
    static float[] normalized(float[] y, int rows, int l, int threads) {
        float[] gf = new float[l * l];
        ThinProducts.transposeTimes(y, rows, l, y, l, gf, threads);
        float[] r = shiftedCholeskyInverse(gf, l);
        if (r == null) {
            double[] q = gramSchmidt(toDouble(y), rows, l);
            float[] out = new float[q.length];
            toFloat(q, out);
            return out;
        }
        float[] out = new float[rows * l];
        ThinProducts.times(y, rows, l, r, l, out, threads);
        return out;
    }

    /**
     * R⁻¹ (in single precision) for the Gram matrix {@code gf} = YᵀY (l × l) of a block Y shifted by
     * 10⁻⁶ of its largest diagonal element, {@code G + shift = RᵀR}; null when Y is zero or the
     * factorisation breaks down (see {@link #normalized}).
     */
    private static float[] shiftedCholeskyInverse(float[] gf, int l) {
        double[] g = new double[l * l];
        double max = 0;
        for (int i = 0; i < g.length; i++) {
            g[i] = gf[i];
        }
        for (int i = 0; i < l; i++) {
            max = Math.max(max, g[i * l + i]);
        }
        for (int i = 0; i < l; i++) {
            g[i * l + i] += 1e-6 * max;
        }
        double[] rInv = max > 0 ? upperCholeskyInverse(g, l) : null;
        if (rInv == null) {
            return null;
        }
        float[] r = new float[l * l];
        toFloat(rInv, r);
        return r;
    }

    /** R⁻¹ for G = RᵀR (R upper triangular), or null if G is not safely positive definite. */
    private static double[] upperCholeskyInverse(double[] g, int l) {
        double[] r = new double[l * l];
        double maxDiag = 0;
        for (int i = 0; i < l; i++) {
            maxDiag = Math.max(maxDiag, g[i * l + i]);
        }
        for (int i = 0; i < l; i++) {
            double d = g[i * l + i];
            for (int p = 0; p < i; p++) {
                d -= r[p * l + i] * r[p * l + i];
            }
            // A pivot lost to rounding means columns (nearly) dependent: the squared condition number is too large.
            if (!(d > 1e-13 * maxDiag)) {
                return null;
            }
            double rii = Math.sqrt(d);
            r[i * l + i] = rii;
            for (int j = i + 1; j < l; j++) {
                double s = g[i * l + j];
                for (int p = 0; p < i; p++) {
                    s -= r[p * l + i] * r[p * l + j];
                }
                r[i * l + j] = s / rii;
            }
        }
        double[] inv = new double[l * l];
        for (int j = 0; j < l; j++) {
            inv[j * l + j] = 1 / r[j * l + j];
            for (int i = j - 1; i >= 0; i--) {
                double s = 0;
                for (int p = i + 1; p <= j; p++) {
                    s += r[i * l + p] * inv[p * l + j];
                }
                inv[i * l + j] = -s / r[i * l + i];
            }
        }
        return inv;
    }

    /** Modified Gram–Schmidt applied twice ("twice is enough"); dependent columns become 0. */
    static double[] gramSchmidt(double[] y, int rows, int l) {
        double[] t = new double[l * rows]; // columns as rows, for contiguous dot products
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < l; c++) {
                t[c * rows + i] = y[i * l + c];
            }
        }
        for (int c = 0; c < l; c++) {
            int base = c * rows;
            double before = 0;
            for (int i = 0; i < rows; i++) {
                before += t[base + i] * t[base + i];
            }
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
            double inv = norm > 1e-24 * before && norm > 0 ? 1 / Math.sqrt(norm) : 0;
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
