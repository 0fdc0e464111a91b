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
    /**
     * Rows of the register block: twelve with 512-bit vectors (24 accumulators, 2 B vectors and a
     * broadcast of the 32 registers: half the loads per multiply-add of six rows), six with 256-bit
     * ones (16 registers).
     */
    static final int MR = L >= 8 ? 12 : 6;
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

    private static void kernel(int kc, double[] pa, int aIdx, double[] pb, int bIdx, double[] c, int cIdx, int ldc) {
        if (MR == 12) {
            kernel12(kc, pa, aIdx, pb, bIdx, c, cIdx, ldc);
        } else {
            kernel6(kc, pa, aIdx, pb, bIdx, c, cIdx, ldc);
        }
    }

    /** C[6 × NR] += Apanel · Bpanel with the twelve accumulators in registers (256-bit vectors). */
    private static void kernel6(int kc, double[] pa, int aIdx, double[] pb, int bIdx, double[] c, int cIdx, int ldc) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S), c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S), c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S), c31 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S), c41 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S), c51 = DoubleVector.zero(S);
        int ai = aIdx;
        int bi = bIdx;
        for (int p = 0; p < kc; p++, ai += 6, bi += NR) {
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
        // Written out: a helper taking the vectors is not inlined into a kernel this large, and boxes them.
        int i0 = cIdx;
        int i1 = cIdx + 1 * ldc;
        int i2 = cIdx + 2 * ldc;
        int i3 = cIdx + 3 * ldc;
        int i4 = cIdx + 4 * ldc;
        int i5 = cIdx + 5 * ldc;
        DoubleVector.fromArray(S, c, i0).add(c00).intoArray(c, i0);
        DoubleVector.fromArray(S, c, i0 + L).add(c01).intoArray(c, i0 + L);
        DoubleVector.fromArray(S, c, i1).add(c10).intoArray(c, i1);
        DoubleVector.fromArray(S, c, i1 + L).add(c11).intoArray(c, i1 + L);
        DoubleVector.fromArray(S, c, i2).add(c20).intoArray(c, i2);
        DoubleVector.fromArray(S, c, i2 + L).add(c21).intoArray(c, i2 + L);
        DoubleVector.fromArray(S, c, i3).add(c30).intoArray(c, i3);
        DoubleVector.fromArray(S, c, i3 + L).add(c31).intoArray(c, i3 + L);
        DoubleVector.fromArray(S, c, i4).add(c40).intoArray(c, i4);
        DoubleVector.fromArray(S, c, i4 + L).add(c41).intoArray(c, i4 + L);
        DoubleVector.fromArray(S, c, i5).add(c50).intoArray(c, i5);
        DoubleVector.fromArray(S, c, i5 + L).add(c51).intoArray(c, i5 + L);
    }

    /** C[12 × NR] += Apanel · Bpanel with the 24 accumulators in registers (512-bit vectors). */
    private static void kernel12(int kc, double[] pa, int aIdx, double[] pb, int bIdx, double[] c, int cIdx, int ldc) {
        DoubleVector c000 = DoubleVector.zero(S), c001 = DoubleVector.zero(S);
        DoubleVector c010 = DoubleVector.zero(S), c011 = DoubleVector.zero(S);
        DoubleVector c020 = DoubleVector.zero(S), c021 = DoubleVector.zero(S);
        DoubleVector c030 = DoubleVector.zero(S), c031 = DoubleVector.zero(S);
        DoubleVector c040 = DoubleVector.zero(S), c041 = DoubleVector.zero(S);
        DoubleVector c050 = DoubleVector.zero(S), c051 = DoubleVector.zero(S);
        DoubleVector c060 = DoubleVector.zero(S), c061 = DoubleVector.zero(S);
        DoubleVector c070 = DoubleVector.zero(S), c071 = DoubleVector.zero(S);
        DoubleVector c080 = DoubleVector.zero(S), c081 = DoubleVector.zero(S);
        DoubleVector c090 = DoubleVector.zero(S), c091 = DoubleVector.zero(S);
        DoubleVector c100 = DoubleVector.zero(S), c101 = DoubleVector.zero(S);
        DoubleVector c110 = DoubleVector.zero(S), c111 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ai = aIdx + p * 12;
            int bi = bIdx + p * NR;
            DoubleVector b0 = DoubleVector.fromArray(S, pb, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, pb, bi + L);
            DoubleVector av = DoubleVector.broadcast(S, pa[ai]);
            c000 = av.fma(b0, c000);
            c001 = av.fma(b1, c001);
            av = DoubleVector.broadcast(S, pa[ai + 1]);
            c010 = av.fma(b0, c010);
            c011 = av.fma(b1, c011);
            av = DoubleVector.broadcast(S, pa[ai + 2]);
            c020 = av.fma(b0, c020);
            c021 = av.fma(b1, c021);
            av = DoubleVector.broadcast(S, pa[ai + 3]);
            c030 = av.fma(b0, c030);
            c031 = av.fma(b1, c031);
            av = DoubleVector.broadcast(S, pa[ai + 4]);
            c040 = av.fma(b0, c040);
            c041 = av.fma(b1, c041);
            av = DoubleVector.broadcast(S, pa[ai + 5]);
            c050 = av.fma(b0, c050);
            c051 = av.fma(b1, c051);
            av = DoubleVector.broadcast(S, pa[ai + 6]);
            c060 = av.fma(b0, c060);
            c061 = av.fma(b1, c061);
            av = DoubleVector.broadcast(S, pa[ai + 7]);
            c070 = av.fma(b0, c070);
            c071 = av.fma(b1, c071);
            av = DoubleVector.broadcast(S, pa[ai + 8]);
            c080 = av.fma(b0, c080);
            c081 = av.fma(b1, c081);
            av = DoubleVector.broadcast(S, pa[ai + 9]);
            c090 = av.fma(b0, c090);
            c091 = av.fma(b1, c091);
            av = DoubleVector.broadcast(S, pa[ai + 10]);
            c100 = av.fma(b0, c100);
            c101 = av.fma(b1, c101);
            av = DoubleVector.broadcast(S, pa[ai + 11]);
            c110 = av.fma(b0, c110);
            c111 = av.fma(b1, c111);
        }
        int i00 = cIdx;
        int i01 = cIdx + 1 * ldc;
        int i02 = cIdx + 2 * ldc;
        int i03 = cIdx + 3 * ldc;
        int i04 = cIdx + 4 * ldc;
        int i05 = cIdx + 5 * ldc;
        int i06 = cIdx + 6 * ldc;
        int i07 = cIdx + 7 * ldc;
        int i08 = cIdx + 8 * ldc;
        int i09 = cIdx + 9 * ldc;
        int i10 = cIdx + 10 * ldc;
        int i11 = cIdx + 11 * ldc;
        DoubleVector.fromArray(S, c, i00).add(c000).intoArray(c, i00);
        DoubleVector.fromArray(S, c, i00 + L).add(c001).intoArray(c, i00 + L);
        DoubleVector.fromArray(S, c, i01).add(c010).intoArray(c, i01);
        DoubleVector.fromArray(S, c, i01 + L).add(c011).intoArray(c, i01 + L);
        DoubleVector.fromArray(S, c, i02).add(c020).intoArray(c, i02);
        DoubleVector.fromArray(S, c, i02 + L).add(c021).intoArray(c, i02 + L);
        DoubleVector.fromArray(S, c, i03).add(c030).intoArray(c, i03);
        DoubleVector.fromArray(S, c, i03 + L).add(c031).intoArray(c, i03 + L);
        DoubleVector.fromArray(S, c, i04).add(c040).intoArray(c, i04);
        DoubleVector.fromArray(S, c, i04 + L).add(c041).intoArray(c, i04 + L);
        DoubleVector.fromArray(S, c, i05).add(c050).intoArray(c, i05);
        DoubleVector.fromArray(S, c, i05 + L).add(c051).intoArray(c, i05 + L);
        DoubleVector.fromArray(S, c, i06).add(c060).intoArray(c, i06);
        DoubleVector.fromArray(S, c, i06 + L).add(c061).intoArray(c, i06 + L);
        DoubleVector.fromArray(S, c, i07).add(c070).intoArray(c, i07);
        DoubleVector.fromArray(S, c, i07 + L).add(c071).intoArray(c, i07 + L);
        DoubleVector.fromArray(S, c, i08).add(c080).intoArray(c, i08);
        DoubleVector.fromArray(S, c, i08 + L).add(c081).intoArray(c, i08 + L);
        DoubleVector.fromArray(S, c, i09).add(c090).intoArray(c, i09);
        DoubleVector.fromArray(S, c, i09 + L).add(c091).intoArray(c, i09 + L);
        DoubleVector.fromArray(S, c, i10).add(c100).intoArray(c, i10);
        DoubleVector.fromArray(S, c, i10 + L).add(c101).intoArray(c, i10 + L);
        DoubleVector.fromArray(S, c, i11).add(c110).intoArray(c, i11);
        DoubleVector.fromArray(S, c, i11 + L).add(c111).intoArray(c, i11 + L);
    }
}
