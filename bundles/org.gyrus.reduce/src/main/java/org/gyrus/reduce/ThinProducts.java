package org.gyrus.reduce;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.gyrus.nn.linalg.Parallel;

/**
 * Single-precision products of a large row-major data matrix with a thin block of a few dozen
 * columns, {@code A·B} and {@code Aᵀ·B}, and both at once for a power iteration
 * ({@link #powerStep}, {@code Aᵀ·(A·Z)} in one pass over A): the whole cost of the randomized PCA
 * solver.
 *
 * <p>A general GEMM packs both operands into panels; here every element of the large matrix is
 * used only as often as the block has columns (~60), so packing it would cost more than the
 * arithmetic. These kernels read the large matrix where it lies, row by row, and keep a 6 × 2L
 * tile of the result in registers (Vector API, twelve accumulators of {@link Species#FLOAT}).
 */
final class ThinProducts {

    private static final VectorSpecies<Float> S = Species.FLOAT;
    private static final int L = S.length();
    private static final int MR = 6;
    private static final int NR = 2 * L;
    /**
     * Rows of A per block of {@link #powerStep} and {@link #transposeTimes}: 48 rows of W3's 1,000
     * columns (192 KB) stay in a 1–2 MB L2 beside the packed Z and this thread's Wᵀ (240 KB each)
     * between their two uses. (On Zen 3's 512 KB L2, 24 and 96 rows measured no faster.)
     */
    private static final int ROWS = 48;

    private ThinProducts() {
    }

    /** C (m × n) = A (m × k, row-major) · B (k × n, row-major); n small. */
    static void times(float[] a, int m, int k, float[] b, int n, float[] c, int threads) {
        int panels = (n + NR - 1) / NR;
        float[] pb = panels(b, k, n);
        int blocks = (m + MR - 1) / MR;
        int parts = Math.max(1, Math.min(threads, blocks / 4));
        Parallel.forParts(parts, part -> {
            int b0 = (int) ((long) blocks * part / parts);
            int b1 = (int) ((long) blocks * (part + 1) / parts);
            float[] tile = new float[MR * NR];
            for (int blk = b0; blk < b1; blk++) {
                int i0 = blk * MR;
                int rows = Math.min(MR, m - i0);
                for (int s = 0; s < panels; s++) {
                    if (rows == MR) {
                        kernelRows(a, i0 * k, k, k, pb, s * NR * k, tile);
                    } else {
                        kernelFewRows(a, i0 * k, k, k, rows, pb, s * NR * k, tile);
                    }
                    int cols = Math.min(NR, n - s * NR);
                    for (int r = 0; r < rows; r++) {
                        System.arraycopy(tile, r * NR, c, (i0 + r) * n + s * NR, cols);
                    }
                }
            }
        });
    }

    /** B (k × n) in zero-padded panels of NR columns: panel s holds k rows of NR, from s·NR·k. */
    private static float[] panels(float[] b, int k, int n) {
        int panels = (n + NR - 1) / NR;
        float[] pb = new float[panels * NR * k];
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < n; j++) {
                pb[(j / NR) * NR * k + p * NR + j % NR] = b[p * n + j];
            }
        }
        return pb;
    }

    /**
     * One power iteration's products in a single pass over A (m × k, row-major): for Y = A·Z
     * (Z k × n, n small) it returns W = Aᵀ·Y (k × n) into {@code w} and the Gram matrix YᵀY (n × n)
     * into {@code g}, without storing Y. A is read from memory once instead of twice: each block of
     * {@link #ROWS} rows gives its rows of Y while it is in cache, and is then used again for its
     * share of Aᵀ·Y. (Both products stream the 40 MB of W3's A from memory, so the pass costs about
     * what one product did.)
     */
    static void powerStep(float[] a, int m, int k, float[] z, int n, float[] w, float[] g, int threads) {
        int panels = (n + NR - 1) / NR;
        // Whole vectors and whole groups of MR columns of Y.
        int nPad = ((n + MR - 1) / MR * MR + NR - 1) / NR * NR;
        int kPad = (k + NR - 1) / NR * NR;
        float[] pz = panels(z, k, n);
        int blocks = (m + ROWS - 1) / ROWS;
        int parts = Math.max(1, Math.min(threads, blocks));
        float[][] wParts = new float[parts][];
        float[][] gParts = new float[parts][];
        Parallel.forParts(parts, part -> {
            int r0 = Math.min(m, (int) ((long) blocks * part / parts) * ROWS);
            int r1 = Math.min(m, (int) ((long) blocks * (part + 1) / parts) * ROWS);
            float[] wt = new float[nPad * kPad]; // Wᵀ, rows padded to whole vectors
            float[] gp = new float[nPad * nPad];
            float[] y = new float[ROWS * nPad]; // this block's rows of Y, zero past n
            float[] tile = new float[MR * NR];
            float[] strip = new float[ROWS * NR];
            for (int i0 = r0; i0 < r1; i0 += ROWS) {
                int rows = Math.min(ROWS, r1 - i0);
                for (int i = 0; i < rows; i += MR) {
                    int few = Math.min(MR, rows - i);
                    for (int s = 0; s < panels; s++) {
                        if (few == MR) {
                            kernelRows(a, (i0 + i) * k, k, k, pz, s * NR * k, tile);
                        } else {
                            kernelFewRows(a, (i0 + i) * k, k, k, few, pz, s * NR * k, tile);
                        }
                        for (int r = 0; r < few; r++) {
                            System.arraycopy(tile, r * NR, y, (i + r) * nPad + s * NR, NR);
                        }
                    }
                }
                int kc = accumulateRows(a, i0, rows, k, y, n, nPad, wt, kPad, strip);
                for (int j0 = 0; j0 < n; j0 += MR) {
                    for (int c0 = 0; c0 < nPad; c0 += NR) {
                        accumulateTransposed(y, j0, nPad, y, c0, nPad, kc, gp, j0 * nPad + c0, nPad);
                    }
                }
            }
            wParts[part] = wt;
            gParts[part] = gp;
        });
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < n; j++) {
                float s = 0;
                for (float[] wt : wParts) {
                    s += wt[j * kPad + c];
                }
                w[c * n + j] = s;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0;
                for (float[] gp : gParts) {
                    s += gp[i * nPad + j];
                }
                g[i * n + j] = s;
            }
        }
    }

    /**
     * {@code wt[j][c] += Σ_p y[p][j] · A[i0 + p][c]} over a block of {@code rows} ≤ {@link #ROWS}
     * rows of A (row-major, k columns), for the n columns of y (ROWS × nPad, row stride nPad);
     * wt is n × kPad. Rows of y past {@code rows} up to a whole group of MR are zeroed here, so
     * whole groups are summed. The block of A has just been read (or is read now, row by row
     * within L2's reach), so its strips of NR columns come from cache. Returns the rows summed.
     */
    private static int accumulateRows(float[] a, int i0, int rows, int k, float[] y, int n, int nPad, float[] wt,
                                      int kPad, float[] strip) {
        int kc = (rows + MR - 1) / MR * MR;
        if (kc > rows) {
            java.util.Arrays.fill(y, rows * nPad, kc * nPad, 0f);
        }
        for (int c0 = 0; c0 < k; c0 += NR) {
            float[] src = a;
            int srcOff = i0 * k + c0;
            int ld = k;
            if (c0 + NR > k || kc > rows) {
                // Past the last column, or past the last row: a zero-padded copy.
                int cols = Math.min(NR, k - c0);
                java.util.Arrays.fill(strip, 0f);
                for (int p = 0; p < rows; p++) {
                    System.arraycopy(a, (i0 + p) * k + c0, strip, p * NR, cols);
                }
                src = strip;
                srcOff = 0;
                ld = NR;
            }
            for (int j0 = 0; j0 < n; j0 += MR) {
                accumulateTransposed(y, j0, nPad, src, srcOff, ld, kc, wt, j0 * kPad + c0, kPad);
            }
        }
        return kc;
    }

    /** C (m × n) = Aᵀ · B for A (k × m, row-major) and B (k × n, row-major); n small, m any. */
    static void transposeTimes(float[] a, int k, int m, float[] b, int n, float[] c, int threads) {
        // As powerStep's second half: blocks of ROWS rows of A, each added into this thread's Cᵀ
        // (n × mPad) strip by strip. Split by rows, A is read once, in address order within a
        // block (by columns, as before, every strip was a strided walk over rows A's cache had
        // long dropped: half the speed of powerStep's products on W3).
        int nPad = ((n + MR - 1) / MR * MR + NR - 1) / NR * NR;
        int mPad = (m + NR - 1) / NR * NR;
        int blocks = (k + ROWS - 1) / ROWS;
        int parts = Math.max(1, Math.min(threads, blocks));
        float[][] partial = new float[parts][];
        Parallel.forParts(parts, part -> {
            int r0 = Math.min(k, (int) ((long) blocks * part / parts) * ROWS);
            int r1 = Math.min(k, (int) ((long) blocks * (part + 1) / parts) * ROWS);
            float[] ct = new float[nPad * mPad];
            float[] y = new float[ROWS * nPad]; // this block's rows of B, zero past n
            float[] strip = new float[ROWS * NR];
            for (int i0 = r0; i0 < r1; i0 += ROWS) {
                int rows = Math.min(ROWS, r1 - i0);
                for (int p = 0; p < rows; p++) {
                    System.arraycopy(b, (i0 + p) * n, y, p * nPad, n);
                }
                accumulateRows(a, i0, rows, m, y, n, nPad, ct, mPad, strip);
            }
            partial[part] = ct;
        });
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0;
                for (float[] ct : partial) {
                    s += ct[j * mPad + i];
                }
                c[i * n + j] = s;
            }
        }
    }

    /** tile[6 × 2L] = A rows [aOff, aOff + 6 lda) · Bpanel (k × 16). */
    private static void kernelRows(float[] a, int aOff, int lda, int k, float[] pb, int bOff, float[] tile) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        int r0 = aOff;
        int r1 = r0 + lda;
        int r2 = r1 + lda;
        int r3 = r2 + lda;
        int r4 = r3 + lda;
        int r5 = r4 + lda;
        int bi = bOff;
        for (int p = 0; p < k; p++, bi += NR) {
            FloatVector b0 = FloatVector.fromArray(S, pb, bi);
            FloatVector b1 = FloatVector.fromArray(S, pb, bi + L);
            FloatVector av = FloatVector.broadcast(S, a[r0 + p]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, a[r1 + p]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, a[r2 + p]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, a[r3 + p]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, a[r4 + p]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, a[r5 + p]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + L);
    }

    /** As {@link #kernelRows} for fewer than 6 rows, one row at a time. */
    private static void kernelFewRows(float[] a, int aOff, int lda, int k, int rows, float[] pb, int bOff, float[] tile) {
        for (int r = 0; r < rows; r++) {
            FloatVector c0 = FloatVector.zero(S);
            FloatVector c1 = FloatVector.zero(S);
            int ar = aOff + r * lda;
            int bi = bOff;
            for (int p = 0; p < k; p++, bi += NR) {
                FloatVector av = FloatVector.broadcast(S, a[ar + p]);
                c0 = av.fma(FloatVector.fromArray(S, pb, bi), c0);
                c1 = av.fma(FloatVector.fromArray(S, pb, bi + L), c1);
            }
            c0.intoArray(tile, r * NR);
            c1.intoArray(tile, r * NR + L);
        }
    }

    /**
     * C[r][q] += Σ_p B[p][r] · A[p][q] for r &lt; 6 (columns of B from bOff, row stride ldb) and
     * q &lt; 2L (columns of A from aOff, row stride lda), over kc rows p; C from cOff, row stride
     * ldc. The twelve accumulators start from C and end in it.
     */
    private static void accumulateTransposed(float[] b, int bOff, int ldb, float[] a, int aOff, int lda, int kc,
                                             float[] c, int cOff, int ldc) {
        int i1 = cOff + ldc;
        int i2 = i1 + ldc;
        int i3 = i2 + ldc;
        int i4 = i3 + ldc;
        int i5 = i4 + ldc;
        FloatVector c00 = FloatVector.fromArray(S, c, cOff), c01 = FloatVector.fromArray(S, c, cOff + L);
        FloatVector c10 = FloatVector.fromArray(S, c, i1), c11 = FloatVector.fromArray(S, c, i1 + L);
        FloatVector c20 = FloatVector.fromArray(S, c, i2), c21 = FloatVector.fromArray(S, c, i2 + L);
        FloatVector c30 = FloatVector.fromArray(S, c, i3), c31 = FloatVector.fromArray(S, c, i3 + L);
        FloatVector c40 = FloatVector.fromArray(S, c, i4), c41 = FloatVector.fromArray(S, c, i4 + L);
        FloatVector c50 = FloatVector.fromArray(S, c, i5), c51 = FloatVector.fromArray(S, c, i5 + L);
        int ai = aOff;
        int bi = bOff;
        for (int p = 0; p < kc; p++, ai += lda, bi += ldb) {
            FloatVector a0 = FloatVector.fromArray(S, a, ai);
            FloatVector a1 = FloatVector.fromArray(S, a, ai + L);
            FloatVector bv = FloatVector.broadcast(S, b[bi]);
            c00 = bv.fma(a0, c00);
            c01 = bv.fma(a1, c01);
            bv = FloatVector.broadcast(S, b[bi + 1]);
            c10 = bv.fma(a0, c10);
            c11 = bv.fma(a1, c11);
            bv = FloatVector.broadcast(S, b[bi + 2]);
            c20 = bv.fma(a0, c20);
            c21 = bv.fma(a1, c21);
            bv = FloatVector.broadcast(S, b[bi + 3]);
            c30 = bv.fma(a0, c30);
            c31 = bv.fma(a1, c31);
            bv = FloatVector.broadcast(S, b[bi + 4]);
            c40 = bv.fma(a0, c40);
            c41 = bv.fma(a1, c41);
            bv = FloatVector.broadcast(S, b[bi + 5]);
            c50 = bv.fma(a0, c50);
            c51 = bv.fma(a1, c51);
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + L);
        c10.intoArray(c, i1);
        c11.intoArray(c, i1 + L);
        c20.intoArray(c, i2);
        c21.intoArray(c, i2 + L);
        c30.intoArray(c, i3);
        c31.intoArray(c, i3 + L);
        c40.intoArray(c, i4);
        c41.intoArray(c, i4 + L);
        c50.intoArray(c, i5);
        c51.intoArray(c, i5 + L);
    }
}
