package org.gyrus.reduce;

import java.util.Arrays;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.gyrus.nn.linalg.Parallel;

/**
 * Double-precision matrix multiply on row-major arrays, {@code C = op(A) op(B) + beta C}, and the
 * symmetric product {@code C = AᵀA}: what the full PCA solver spends its time in.
 *
 * <p>Goto/BLIS layout: B packed into panels of {@link #NR} columns, A into panels of {@link #MR}
 * rows, a register-blocked Vector API micro-kernel. Plain Java loops reach a third of this speed at
 * best because C2 does not vectorise reductions, and the engine's float GEMM cannot be used where
 * the solver promises double precision.
 */
final class DoubleGemm {

    private static final VectorSpecies<Double> S = Species.DOUBLE;
    private static final int L = S.length();
    static final int MR = 6;
    static final int NR = 2 * L;
    private static final int MC = 96;
    private static final int KC = 256;
    private static final int NC = 512;
    private static final boolean VECTOR = L >= 4;

    private static final ThreadLocal<double[]> PACK_A = ThreadLocal.withInitial(() -> new double[MC * KC]);
    private static final ThreadLocal<double[]> PACK_B = ThreadLocal.withInitial(() -> new double[KC * NC]);
    private static final ThreadLocal<double[]> EDGE = ThreadLocal.withInitial(() -> new double[MR * NR]);

    private DoubleGemm() {
    }

    /**
     * {@code C = op(A) op(B) + beta C}; op(A) is m × k, op(B) is k × n, C is m × n with row stride
     * {@code ldc}; {@code lda}, {@code ldb} are the row strides of A and B as stored.
     */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, double[] a, int lda, double[] b, int ldb,
                     double beta, double[] c, int ldc, int threads) {
        scale(m, n, beta, c, ldc);
        if (m == 0 || n == 0 || k == 0) {
            return;
        }
        run(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, threads, false);
    }

    /**
     * The upper and lower triangles of {@code C = AᵀA} (n × n) for A of {@code rows} × n with row
     * stride {@code lda}; only the blocks on and above the diagonal are computed, then mirrored.
     */
    static double[] gram(double[] a, int rows, int n, int lda, int threads) {
        double[] c = new double[n * n];
        if (rows > 0 && n > 0) {
            run(true, false, n, n, rows, a, lda, a, lda, c, n, threads, true);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                c[i * n + j] = c[j * n + i];
            }
        }
        return c;
    }

    private static void run(boolean transA, boolean transB, int m, int n, int k, double[] a, int lda, double[] b, int ldb,
                            double[] c, int ldc, int threads, boolean upper) {
        if (!VECTOR || (long) m * n * k < 32L * 32 * 32) {
            naive(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, upper);
            return;
        }
        int t = Math.max(1, threads);
        if (t == 1 || (long) m * n * k < 128L * 128 * 128) {
            blocked(transA, transB, 0, m, 0, n, k, a, lda, b, ldb, c, ldc, upper);
            return;
        }
        // Split C's columns into NR-multiples; for the triangle, balance by the area above the diagonal.
        int blocks = (n + NR - 1) / NR;
        int parts = Math.min(t, blocks);
        int[] cut = new int[parts + 1];
        for (int p = 1; p < parts; p++) {
            double f = (double) p / parts;
            // Work to the left of column x is proportional to x for a full product, x² for the upper triangle.
            double x = upper ? Math.sqrt(f) : f;
            cut[p] = Math.min(n, (int) Math.round(x * blocks) * NR);
        }
        cut[parts] = n;
        Parallel.forParts(parts, p -> {
            if (cut[p] < cut[p + 1]) {
                blocked(transA, transB, 0, m, cut[p], cut[p + 1], k, a, lda, b, ldb, c, ldc, upper);
            }
        });
    }

    private static void scale(int m, int n, double beta, double[] c, int ldc) {
        if (beta == 1) {
            return;
        }
        for (int i = 0; i < m; i++) {
            if (beta == 0) {
                Arrays.fill(c, i * ldc, i * ldc + n, 0);
            } else {
                for (int j = 0; j < n; j++) {
                    c[i * ldc + j] *= beta;
                }
            }
        }
    }

    private static void naive(boolean transA, boolean transB, int m, int n, int k, double[] a, int lda, double[] b, int ldb,
                              double[] c, int ldc, boolean upper) {
        for (int i = 0; i < m; i++) {
            for (int j = upper ? i : 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += (transA ? a[p * lda + i] : a[i * lda + p]) * (transB ? b[j * ldb + p] : b[p * ldb + j]);
                }
                c[i * ldc + j] += s;
            }
        }
    }

    private static void blocked(boolean transA, boolean transB, int i0, int i1, int j0, int j1, int k, double[] a, int lda,
                                double[] b, int ldb, double[] c, int ldc, boolean upper) {
        double[] pa = PACK_A.get();
        double[] pb = PACK_B.get();
        double[] edge = EDGE.get();
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            int iEnd = upper ? Math.min(i1, jc + nc) : i1;
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                packB(transB, b, ldb, pc, jc, kc, nc, pb);
                for (int ic = i0; ic < iEnd; ic += MC) {
                    int mc = Math.min(MC, iEnd - ic);
                    packA(transA, a, lda, ic, pc, mc, kc, pa);
                    for (int jr = 0; jr < nc; jr += NR) {
                        int nr = Math.min(NR, nc - jr);
                        for (int ir = 0; ir < mc; ir += MR) {
                            if (upper && ic + ir >= jc + jr + nr) {
                                break; // the rest of this column of tiles lies below the diagonal
                            }
                            int mr = Math.min(MR, mc - ir);
                            int cIdx = (ic + ir) * ldc + jc + jr;
                            if (mr == MR && nr == NR) {
                                kernel(kc, pa, ir * kc, pb, jr * kc, c, cIdx, ldc);
                            } else {
                                Arrays.fill(edge, 0);
                                kernel(kc, pa, ir * kc, pb, jr * kc, edge, 0, NR);
                                for (int r = 0; r < mr; r++) {
                                    for (int j = 0; j < nr; j++) {
                                        c[cIdx + r * ldc + j] += edge[r * NR + j];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** op(B)[pc:pc+kc, jc:jc+nc] as panels of NR columns (kc rows of NR each); missing columns are 0. */
    private static void packB(boolean transB, double[] b, int ldb, int pc, int jc, int kc, int nc, double[] dst) {
        int panels = (nc + NR - 1) / NR;
        if (!transB) {
            int full = nc / NR;
            for (int p = 0; p < kc; p++) {
                int src = (pc + p) * ldb + jc;
                for (int s = 0; s < full; s++) {
                    System.arraycopy(b, src + s * NR, dst, s * NR * kc + p * NR, NR);
                }
                if (full < panels) {
                    int d = full * NR * kc + p * NR;
                    int rem = nc - full * NR;
                    for (int j = 0; j < NR; j++) {
                        dst[d + j] = j < rem ? b[src + full * NR + j] : 0;
                    }
                }
            }
        } else {
            for (int s = 0; s < panels; s++) {
                int base = s * NR * kc;
                for (int j = 0; j < NR; j++) {
                    int col = s * NR + j;
                    int src = (jc + col) * ldb + pc;
                    for (int p = 0; p < kc; p++) {
                        dst[base + p * NR + j] = col < nc ? b[src + p] : 0;
                    }
                }
            }
        }
    }

    /** op(A)[ic:ic+mc, pc:pc+kc] as panels of MR rows (kc columns of MR each); missing rows are 0. */
    private static void packA(boolean transA, double[] a, int lda, int ic, int pc, int mc, int kc, double[] dst) {
        for (int ir = 0; ir < mc; ir += MR) {
            int base = ir * kc;
            int rows = Math.min(MR, mc - ir);
            if (!transA) {
                for (int r = 0; r < MR; r++) {
                    int src = (ic + ir + r) * lda + pc;
                    for (int p = 0; p < kc; p++) {
                        dst[base + p * MR + r] = r < rows ? a[src + p] : 0;
                    }
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int src = (pc + p) * lda + ic + ir;
                    int d = base + p * MR;
                    for (int r = 0; r < MR; r++) {
                        dst[d + r] = r < rows ? a[src + r] : 0;
                    }
                }
            }
        }
    }

    /** C[MR × NR] += Apanel · Bpanel with the twelve accumulators in registers. */
    private static void kernel(int kc, double[] pa, int aIdx, double[] pb, int bIdx, double[] c, int cIdx, int ldc) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S), c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S), c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S), c31 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S), c41 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S), c51 = DoubleVector.zero(S);
        int ai = aIdx;
        int bi = bIdx;
        for (int p = 0; p < kc; p++, ai += MR, bi += NR) {
            DoubleVector b0 = DoubleVector.fromArray(S, pb, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, pb, bi + L);
            DoubleVector av = DoubleVector.broadcast(S, pa[ai]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = DoubleVector.broadcast(S, pa[ai + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = DoubleVector.broadcast(S, pa[ai + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = DoubleVector.broadcast(S, pa[ai + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = DoubleVector.broadcast(S, pa[ai + 4]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = DoubleVector.broadcast(S, pa[ai + 5]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
        }
        add(c00, c01, c, cIdx);
        add(c10, c11, c, cIdx + ldc);
        add(c20, c21, c, cIdx + 2 * ldc);
        add(c30, c31, c, cIdx + 3 * ldc);
        add(c40, c41, c, cIdx + 4 * ldc);
        add(c50, c51, c, cIdx + 5 * ldc);
    }

    private static void add(DoubleVector v0, DoubleVector v1, double[] c, int idx) {
        DoubleVector.fromArray(S, c, idx).add(v0).intoArray(c, idx);
        DoubleVector.fromArray(S, c, idx + L).add(v1).intoArray(c, idx + L);
    }
}
