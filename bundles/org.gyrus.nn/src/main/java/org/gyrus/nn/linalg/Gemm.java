package org.gyrus.nn.linalg;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-precision general matrix multiply on row-major arrays:
 * {@code C = alpha * op(A) * op(B) + beta * C}, where {@code op(X)} is {@code X} or its transpose.
 *
 * <p>Large products are cache-blocked (Goto/BLIS style: B packed into panels of two vectors' width and
 * KC rows, A into panels of 12 rows with AVX-512 (6 with AVX2), a register-blocked micro-kernel
 * written with the Vector API: 12x32 with AVX-512, 6x16 with AVX2; with AVX-512, narrow products
 * read A in place with a 6-row kernel) and split
 * over {@link Parallel#threads()} threads; small products run on the calling thread, tiny ones
 * without packing, because packing and thread hand-off would cost more than the arithmetic.
 */
public final class Gemm {

    /**
     * The widest float vector the CPU runs natively (8 lanes with AVX2, 16 with AVX-512), capped at
     * 512 bits. Register blocks are two vectors wide; see {@link #MR} and {@link #MR_PACKED} for
     * their heights.
     */
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED.length() >= 16
            ? FloatVector.SPECIES_512 : FloatVector.SPECIES_256;
    /** Lanes per vector. */
    private static final int V = S.length();
    /** Rows of the register block of the kernels that read A in place. */
    static final int MR = 6;
    /**
     * Rows of the register block on packed A: twelve with AVX-512 (24 accumulators + 2 B vectors +
     * 1 broadcast of the 32 registers: half the loads per multiply-add of six rows), six with AVX2
     * (its 16 registers hold only twelve accumulators).
     */
    static final int MR_PACKED = V >= 16 ? 12 : MR;
    /** Columns of the register block: two vectors. */
    static final int NR = 2 * V;
    /** Rows of a packed A block (a multiple of 6 and 12). */
    static final int MC = 96;
    /**
     * Depth of a packed block. PackedLinear sums over the same blocks to give the same bits, so a
     * change here must go there too (with AVX2, KC = 384 with NC2 = 256 measured up to 1.38x on
     * W8 1024², two threads, in one noisy in-JVM A/B; not taken for that reason).
     */
    static final int KC = 256;
    /**
     * The loop order over the register tiles of a packed block, and with it the blocking
     * ({@link #blockedStrip} with AVX2, {@link #blockedWide} with AVX-512). With AVX-512: B panel outer, so
     * that one B panel stays in L1 while the A block streams from L2 (BLIS). With AVX2: A panel
     * outer, so that the 6 x KC A panel (6 KB) stays in L1 while the B block streams past it
     * (GotoBLAS order): on a Zen 3 (AVX2) 1.25x the GFLOP/s of the BLIS order (in-JVM A/B under
     * load, see BENCHMARKS.md), while on a Zen 5 with AVX-512 it was slower in some JVMs.
     */
    private static final boolean A_PANEL_OUTER = V < 16;
    /**
     * Columns of a packed B block with AVX-512 (AVX2: {@link #NC2}). Wide enough that a thread's
     * share of a large product is one block, so each thread packs A once per KC rows instead of once per block (the packed B,
     * 2 MB, streams from L3; the kernel reuses each B panel for all MC rows).
     */
    static final int NC = 2048;
    /**
     * With AVX2: columns of a packed B block, sized for the L2 cache (KC x NC2 floats = 256 KB of
     * Zen 3's 512 KB), since the A-panel-outer order streams the whole B block past each A panel:
     * from L3 (NC = 2048: 2 MB) the kernel waited on B.
     */
    static final int NC2 = 256;
    /**
     * With AVX2: rows of A packed at once (a strip of MC2 x KC floats, up to 1.5 MB, in L3), reused
     * for every B block of the strip's KC rows, so that the small L2-sized B blocks do not make A
     * be packed again for each of them.
     */
    static final int MC2 = 1536;
    /** Below this many multiply-adds the unpacked loop wins. */
    private static final long TINY = 16L * 16 * 16;
    /** Below this many multiply-adds one thread wins over the hand-off. */
    private static final long SERIAL = 96L * 96 * 96;
    /**
     * Up to this many output columns per block, A is read in place instead of packed: each packed
     * element would be reused only nc/NR times, too few to repay the copy. With AVX-512 only: on an
     * AVX2 Zen 3 the in-place 6-row kernels ran at about half the packed kernel's speed on W4's and
     * W5's shapes (22-29 against 36-63 GFLOP/s, one thread; A always packed: W4 epoch 0.73x, W5
     * step 0.92x, inference 0.76x; branch wt-fuse, in-JVM A/B), so there A is
     * always packed ({@link #blockedStrip} never reads A in place). The same tiles, so the same
     * results either way.
     */
    static final int DIRECT_A_MAX_N = 256;
    /** The Vector API kernel only pays (and is only correct as written) with 8-lane float vectors. */
    private static final boolean VECTOR = FloatVector.SPECIES_PREFERRED.length() >= 8;

    private static final ThreadLocal<float[]> PACK_A = ThreadLocal.withInitial(() -> new float[(MC + MR_PACKED) * KC]);
    /** With AVX2: grown to the tallest A strip a thread has packed (at most (MC2 + MR) x KC). */
    private static final ThreadLocal<float[]> PACK_A_STRIP = ThreadLocal.withInitial(() -> new float[0]);
    /** Grown to the widest block a thread has packed (at most KC x NC). */
    private static final ThreadLocal<float[]> PACK_B = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> EDGE = ThreadLocal.withInitial(() -> new float[MR_PACKED * NR]);

    private Gemm() {
    }

    /**
     * Computes {@code C = alpha * op(A) * op(B) + beta * C} with all matrices row-major.
     *
     * @param transA whether {@code op(A)} is the transpose of A
     * @param transB whether {@code op(B)} is the transpose of B
     * @param m      rows of op(A) and C
     * @param n      columns of op(B) and C
     * @param k      columns of op(A), rows of op(B)
     * @param alpha  scale of the product
     * @param a      storage of A
     * @param aOff   offset of A's first element
     * @param lda    row stride of A as stored
     * @param b      storage of B
     * @param bOff   offset of B's first element
     * @param ldb    row stride of B as stored
     * @param beta   scale of the existing C (0 ignores its contents, even NaN)
     * @param c      storage of C
     * @param cOff   offset of C's first element
     * @param ldc    row stride of C
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, true);
    }

    /**
     * As {@link #sgemm(boolean, boolean, int, int, int, float, float[], int, int, float[], int, int, float, float[], int, int)},
     * on the calling thread only (for callers that already parallelise over a batch).
     *
     * @param transA whether {@code op(A)} is the transpose of A
     * @param transB whether {@code op(B)} is the transpose of B
     * @param m      rows of op(A) and C
     * @param n      columns of op(B) and C
     * @param k      columns of op(A), rows of op(B)
     * @param alpha  scale of the product
     * @param a      storage of A
     * @param aOff   offset of A's first element
     * @param lda    row stride of A as stored
     * @param b      storage of B
     * @param bOff   offset of B's first element
     * @param ldb    row stride of B as stored
     * @param beta   scale of the existing C
     * @param c      storage of C
     * @param cOff   offset of C's first element
     * @param ldc    row stride of C
     */
    public static void sgemmSerial(boolean transA, boolean transB, int m, int n, int k, float alpha,
                                   float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                   float beta, float[] c, int cOff, int ldc) {
        sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, false);
    }

    private static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                              float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                              float beta, float[] c, int cOff, int ldc, boolean parallel) {
        if (m <= 0 || n <= 0) {
            return;
        }
        checkBounds("A", a, aOff, lda, transA ? k : m, transA ? m : k);
        checkBounds("B", b, bOff, ldb, transB ? n : k, transB ? k : n);
        checkBounds("C", c, cOff, ldc, m, n);
        long work = (long) m * n * k;
        if (k <= 0 || alpha == 0f || work <= TINY || !VECTOR) {
            scale(m, n, beta, c, cOff, ldc);
            if (k > 0 && alpha != 0f) {
                naive(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
            }
            return;
        }
        int threads = parallel && work > SERIAL ? Parallel.threads() : 1;
        if (threads <= 1) {
            scale(m, n, beta, c, cOff, ldc);
            blocked(transA, transB, 0, m, 0, n, k, alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
            return;
        }
        // Each part scales its own block of C (beta = 0: zero-fills it) before multiplying: in
        // parallel, and the block is then in cache (a 1024² fill on the calling thread alone was
        // ~4 % of a two-thread product).
        // Split the wider side so every thread keeps whole register blocks.
        if (n >= m || m < threads * MR * 2) {
            int blocks = (n + NR - 1) / NR;
            int parts = Math.min(threads, blocks);
            Parallel.forParts(parts, p -> {
                int j0 = Math.min(n, (int) ((long) blocks * p / parts) * NR);
                int j1 = Math.min(n, (int) ((long) blocks * (p + 1) / parts) * NR);
                scale(m, j1 - j0, beta, c, cOff + j0, ldc);
                blocked(transA, transB, 0, m, j0, j1, k, alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
            });
        } else {
            int blocks = (m + MR - 1) / MR;
            int parts = Math.min(threads, blocks);
            Parallel.forParts(parts, p -> {
                int i0 = Math.min(m, (int) ((long) blocks * p / parts) * MR);
                int i1 = Math.min(m, (int) ((long) blocks * (p + 1) / parts) * MR);
                scale(i1 - i0, n, beta, c, cOff + i0 * ldc, ldc);
                blocked(transA, transB, i0, i1, 0, n, k, alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
            });
        }
    }

    /**
     * Every element the kernels touch lies inside the stored matrices, checked once here, so that a
     * wrong stride or offset fails with a clear message instead of deep inside a kernel (and the
     * kernels stay in bounds even on a JVM run with the Vector API's own checks switched off).
     */
    private static void checkBounds(String name, float[] x, int off, int ld, int rows, int cols) {
        if (rows <= 0 || cols <= 0) {
            return;
        }
        long last = off + (long) (rows - 1) * ld + cols - 1;
        if (off < 0 || ld < cols || last >= x.length) {
            throw new IndexOutOfBoundsException(name + ": " + rows + " x " + cols + " matrix at offset " + off
                    + " with row stride " + ld + " does not fit an array of " + x.length);
        }
    }

    private static void scale(int m, int n, float beta, float[] c, int cOff, int ldc) {
        if (beta == 1f) {
            return;
        }
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            if (beta == 0f) {
                java.util.Arrays.fill(c, row, row + n, 0f);
            } else {
                for (int j = 0; j < n; j++) {
                    c[row + j] *= beta;
                }
            }
        }
    }

    private static void naive(boolean transA, boolean transB, int m, int n, int k, float alpha,
                              float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                              float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0f;
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += av * bv;
                }
                c[cOff + i * ldc + j] += alpha * s;
            }
        }
    }

    /** The blocked algorithm on the C sub-block rows [i0, i1) x columns [j0, j1). */
    private static void blocked(boolean transA, boolean transB, int i0, int i1, int j0, int j1, int k,
                                float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                float[] c, int cOff, int ldc) {
        if (A_PANEL_OUTER) {
            blockedStrip(transA, transB, i0, i1, j0, j1, k, alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        } else {
            blockedWide(transA, transB, i0, i1, j0, j1, k, alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        }
    }

    /**
     * The AVX2 blocking: for each KC rows of B, a strip of up to MC2 rows of A is packed once, then
     * B is packed NC2 columns at a time (a block that stays in L2) and multiplied A panel by A panel
     * (each 6 x KC panel stays in L1 while the B block streams past it). Each element of C still
     * receives its KC-sized partial sums in the order of pc, as in {@link #blockedWide}.
     */
    private static void blockedStrip(boolean transA, boolean transB, int i0, int i1, int j0, int j1, int k,
                                     float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                     float[] c, int cOff, int ldc) {
        float[] edge = EDGE.get();
        float[] pa = PACK_A_STRIP.get();
        int needA = Math.min(KC, k) * (Math.min(MC2, i1 - i0) + MR_PACKED);
        if (pa.length < needA) {
            pa = new float[needA];
            PACK_A_STRIP.set(pa);
        }
        float[] pb = PACK_B.get();
        int needB = Math.min(KC, k) * (Math.min(NC2, j1 - j0) + NR);
        if (pb.length < needB) {
            pb = new float[needB];
            PACK_B.set(pb);
        }
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            for (int ic = i0; ic < i1; ic += MC2) {
                int mc = Math.min(MC2, i1 - ic);
                packA(transA, a, aOff, lda, ic, pc, mc, kc, MR_PACKED, pa);
                for (int jc = j0; jc < j1; jc += NC2) {
                    int nc = Math.min(NC2, j1 - jc);
                    packB(transB, b, bOff, ldb, pc, jc, kc, nc, pb);
                    packed(pa, mc, kc, pb, nc, alpha, c, cOff + ic * ldc + jc, ldc, edge);
                }
            }
        }
    }

    /** The AVX-512 blocking (Goto/BLIS): B in blocks of KC x NC, A in blocks of MC x KC. */
    private static void blockedWide(boolean transA, boolean transB, int i0, int i1, int j0, int j1, int k,
                                float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                float[] c, int cOff, int ldc) {
        float[] pa = PACK_A.get();
        float[] edge = EDGE.get();
        boolean direct = j1 - j0 <= DIRECT_A_MAX_N;
        float[] pb = PACK_B.get();
        int need = Math.min(KC, k) * (Math.min(NC, j1 - j0) + NR);
        if (pb.length < need) {
            pb = new float[need];
            PACK_B.set(pb);
        }
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                packB(transB, b, bOff, ldb, pc, jc, kc, nc, pb);
                for (int ic = i0; ic < i1; ic += MC) {
                    int mc = Math.min(MC, i1 - ic);
                    if (direct) {
                        direct(transA, a, aOff, lda, ic, mc, pc, kc, pb, nc, alpha, c, cOff + ic * ldc + jc, ldc, pa, edge);
                    } else {
                        packA(transA, a, aOff, lda, ic, pc, mc, kc, MR_PACKED, pa);
                        packed(pa, mc, kc, pb, nc, alpha, c, cOff + ic * ldc + jc, ldc, edge);
                    }
                }
            }
        }
    }

    /** C[mc x nc] (at cIdx) += alpha * packed A block * packed B block, in register tiles. */
    private static void packed(float[] pa, int mc, int kc, float[] pb, int nc, float alpha, float[] c, int cIdx,
                               int ldc, float[] edge) {
        if (A_PANEL_OUTER) {
            for (int ir = 0; ir < mc; ir += MR_PACKED) {
                for (int jr = 0; jr < nc; jr += NR) {
                    packedTile(pa, ir, mc, kc, pb, jr, nc, alpha, c, cIdx, ldc, edge);
                }
            }
        } else {
            for (int jr = 0; jr < nc; jr += NR) {
                for (int ir = 0; ir < mc; ir += MR_PACKED) {
                    packedTile(pa, ir, mc, kc, pb, jr, nc, alpha, c, cIdx, ldc, edge);
                }
            }
        }
    }

    /** The register tile at rows ir, columns jr of a packed block (see {@link #packed}). */
    private static void packedTile(float[] pa, int ir, int mc, int kc, float[] pb, int jr, int nc, float alpha,
                                   float[] c, int cIdx, int ldc, float[] edge) {
        int mr = Math.min(MR_PACKED, mc - ir);
        int nr = Math.min(NR, nc - jr);
        int at = cIdx + ir * ldc + jr;
        if (mr == MR_PACKED && nr == NR) {
            packedKernel(kc, pa, ir * kc, pb, jr * kc, alpha, c, at, ldc);
        } else {
            // An edge tile: the zero-padded panels go through the full kernel into a scratch tile.
            java.util.Arrays.fill(edge, 0f);
            packedKernel(kc, pa, ir * kc, pb, jr * kc, 1f, edge, 0, NR);
            addEdge(edge, mr, nr, alpha, c, at, ldc);
        }
    }

    private static void packedKernel(int kc, float[] pa, int aIdx, float[] pb, int bIdx, float alpha, float[] c,
                                     int cIdx, int ldc) {
        if (MR_PACKED == 12) {
            kernel12(kc, pa, aIdx, pb, bIdx, alpha, c, cIdx, ldc);
        } else {
            kernel(kc, pa, aIdx, MR, pb, bIdx, alpha, c, cIdx, ldc);
        }
    }

    /** As {@link #packed} with A read where it lies (narrow blocks, too little reuse to pack A). */
    private static void direct(boolean transA, float[] a, int aOff, int lda, int ic, int mc, int pc, int kc,
                               float[] pb, int nc, float alpha, float[] c, int cIdx, int ldc, float[] pa, float[] edge) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int bPanel = jr * kc;
            for (int ir = 0; ir < mc; ir += MR) {
                int mr = Math.min(MR, mc - ir);
                int at = cIdx + ir * ldc + jr;
                if (mr == MR && nr == NR) {
                    if (transA) {
                        // Column p of op(A) rows ic+ir.. is six consecutive floats of stored row p.
                        kernel(kc, a, aOff + pc * lda + ic + ir, lda, pb, bPanel, alpha, c, at, ldc);
                    } else {
                        kernelDirect(kc, a, aOff + (ic + ir) * lda + pc, lda, pb, bPanel, alpha, c, at, ldc);
                    }
                } else {
                    // An edge tile: pack its rows (zero-padded) and use the packed kernel.
                    java.util.Arrays.fill(edge, 0f);
                    packA(transA, a, aOff, lda, ic + ir, pc, mr, kc, MR, pa);
                    kernel(kc, pa, 0, MR, pb, bPanel, 1f, edge, 0, NR);
                    addEdge(edge, mr, nr, alpha, c, at, ldc);
                }
            }
        }
    }

    private static void addEdge(float[] edge, int mr, int nr, float alpha, float[] c, int cIdx, int ldc) {
        for (int r = 0; r < mr; r++) {
            int row = cIdx + r * ldc;
            for (int j = 0; j < nr; j++) {
                c[row + j] += alpha * edge[r * NR + j];
            }
        }
    }

    /**
     * Packs op(B)[pc:pc+kc, jc:jc+nc] into panels of NR columns; panel s holds kc rows of NR floats
     * and starts at s*NR*kc. Columns past nc are zero so the kernel needs no edge case.
     */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int pc, int jc, int kc, int nc, float[] dst) {
        int panels = (nc + NR - 1) / NR;
        if (!transB) {
            // Panel by panel, so that the writes run in address order: twice as fast as row by
            // row, whose writes jumped between all the panels (in-JVM, one thread, 1024² B).
            int full = nc / NR;
            for (int s = 0; s < full; s++) {
                int d = s * NR * kc;
                int src = bOff + pc * ldb + jc + s * NR;
                for (int p = 0; p < kc; p++, d += NR, src += ldb) {
                    FloatVector.fromArray(S, b, src).intoArray(dst, d);
                    FloatVector.fromArray(S, b, src + V).intoArray(dst, d + V);
                }
            }
            if (full < panels) {
                int rem = nc - full * NR;
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (pc + p) * ldb + jc + full * NR;
                    int d = full * NR * kc + p * NR;
                    for (int j = 0; j < NR; j++) {
                        dst[d + j] = j < rem ? b[src + j] : 0f;
                    }
                }
            }
        } else {
            for (int s = 0; s < panels; s++) {
                int base = s * NR * kc;
                for (int j = 0; j < NR; j++) {
                    int col = s * NR + j;
                    if (col < nc) {
                        int src = bOff + (jc + col) * ldb + pc;
                        for (int p = 0; p < kc; p++) {
                            dst[base + p * NR + j] = b[src + p];
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            dst[base + p * NR + j] = 0f;
                        }
                    }
                }
            }
        }
    }

    /**
     * Packs op(A)[ic:ic+mc, pc:pc+kc] into panels of {@code mr} rows; panel r holds kc columns of
     * mr floats and starts at r*mr*kc (= ir*kc for the panel's first row ir). Rows past mc are zero.
     */
    static void packA(boolean transA, float[] a, int aOff, int lda, int ic, int pc, int mc, int kc, int mr, float[] dst) {
        for (int ir = 0; ir < mc; ir += mr) {
            int base = ir * kc;
            int rows = Math.min(mr, mc - ir);
            if (!transA && rows == 6 && mr == 6) {
                // A full 6-row panel: column by column, so that the writes run in address order
                // (row by row, below, wrote with a stride of 6 floats: ~10 % of a 1024² product's
                // time on an AVX2 Zen 3, two threads, each packing all of A).
                int s0 = aOff + (ic + ir) * lda + pc;
                int s1 = s0 + lda;
                int s2 = s1 + lda;
                int s3 = s2 + lda;
                int s4 = s3 + lda;
                int s5 = s4 + lda;
                for (int p = 0, d = base; p < kc; p++, d += 6) {
                    dst[d] = a[s0 + p];
                    dst[d + 1] = a[s1 + p];
                    dst[d + 2] = a[s2 + p];
                    dst[d + 3] = a[s3 + p];
                    dst[d + 4] = a[s4 + p];
                    dst[d + 5] = a[s5 + p];
                }
            } else if (!transA) {
                for (int r = 0; r < mr; r++) {
                    if (r < rows) {
                        int src = aOff + (ic + ir + r) * lda + pc;
                        for (int p = 0; p < kc; p++) {
                            dst[base + p * mr + r] = a[src + p];
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            dst[base + p * mr + r] = 0f;
                        }
                    }
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (pc + p) * lda + ic + ir;
                    int d = base + p * mr;
                    for (int r = 0; r < rows; r++) {
                        dst[d + r] = a[src + r];
                    }
                    for (int r = rows; r < mr; r++) {
                        dst[d + r] = 0f;
                    }
                }
            }
        }
    }

    /**
     * C[6 x NR] += alpha * A * Bpanel[kc x NR], the twelve accumulators held in registers; column p
     * of the A tile is the MR consecutive floats at {@code aIdx + p * aStride} (a packed panel with
     * stride MR, or a transposed A read in place with its row stride).
     */
    private static void kernel(int kc, float[] pa, int aIdx, int aStride, float[] pb, int bIdx, float alpha,
                               float[] c, int cIdx, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ai = aIdx + p * aStride;
            int bi = bIdx + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, pb, bi);
            FloatVector b1 = FloatVector.fromArray(S, pb, bi + V);
            FloatVector av = FloatVector.broadcast(S, pa[ai]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, pa[ai + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, pa[ai + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, pa[ai + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, pa[ai + 4]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, pa[ai + 5]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
        }
        // Written out rather than in a helper: C2 does not inline a helper taking vectors once the
        // kernel is this large, and the vectors would then be boxed. fma with alpha = 1 is exact.
        FloatVector al = FloatVector.broadcast(S, alpha);
        int i1 = cIdx + ldc;
        int i2 = i1 + ldc;
        int i3 = i2 + ldc;
        int i4 = i3 + ldc;
        int i5 = i4 + ldc;
        c00.fma(al, FloatVector.fromArray(S, c, cIdx)).intoArray(c, cIdx);
        c01.fma(al, FloatVector.fromArray(S, c, cIdx + V)).intoArray(c, cIdx + V);
        c10.fma(al, FloatVector.fromArray(S, c, i1)).intoArray(c, i1);
        c11.fma(al, FloatVector.fromArray(S, c, i1 + V)).intoArray(c, i1 + V);
        c20.fma(al, FloatVector.fromArray(S, c, i2)).intoArray(c, i2);
        c21.fma(al, FloatVector.fromArray(S, c, i2 + V)).intoArray(c, i2 + V);
        c30.fma(al, FloatVector.fromArray(S, c, i3)).intoArray(c, i3);
        c31.fma(al, FloatVector.fromArray(S, c, i3 + V)).intoArray(c, i3 + V);
        c40.fma(al, FloatVector.fromArray(S, c, i4)).intoArray(c, i4);
        c41.fma(al, FloatVector.fromArray(S, c, i4 + V)).intoArray(c, i4 + V);
        c50.fma(al, FloatVector.fromArray(S, c, i5)).intoArray(c, i5);
        c51.fma(al, FloatVector.fromArray(S, c, i5 + V)).intoArray(c, i5 + V);
    }

    /**
     * C[12 x NR] += alpha * A * Bpanel[kc x NR] on a packed A panel (stride 12), the 24 accumulators
     * held in registers (AVX-512 only: 24 + 2 + 1 of its 32 vector registers).
     */
    private static void kernel12(int kc, float[] pa, int aIdx, float[] pb, int bIdx, float alpha,
                                 float[] c, int cIdx, int ldc) {
        FloatVector c000 = FloatVector.zero(S), c001 = FloatVector.zero(S);
        FloatVector c010 = FloatVector.zero(S), c011 = FloatVector.zero(S);
        FloatVector c020 = FloatVector.zero(S), c021 = FloatVector.zero(S);
        FloatVector c030 = FloatVector.zero(S), c031 = FloatVector.zero(S);
        FloatVector c040 = FloatVector.zero(S), c041 = FloatVector.zero(S);
        FloatVector c050 = FloatVector.zero(S), c051 = FloatVector.zero(S);
        FloatVector c060 = FloatVector.zero(S), c061 = FloatVector.zero(S);
        FloatVector c070 = FloatVector.zero(S), c071 = FloatVector.zero(S);
        FloatVector c080 = FloatVector.zero(S), c081 = FloatVector.zero(S);
        FloatVector c090 = FloatVector.zero(S), c091 = FloatVector.zero(S);
        FloatVector c100 = FloatVector.zero(S), c101 = FloatVector.zero(S);
        FloatVector c110 = FloatVector.zero(S), c111 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ai = aIdx + p * MR_PACKED;
            int bi = bIdx + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, pb, bi);
            FloatVector b1 = FloatVector.fromArray(S, pb, bi + V);
            FloatVector av = FloatVector.broadcast(S, pa[ai]);
            c000 = av.fma(b0, c000);
            c001 = av.fma(b1, c001);
            av = FloatVector.broadcast(S, pa[ai + 1]);
            c010 = av.fma(b0, c010);
            c011 = av.fma(b1, c011);
            av = FloatVector.broadcast(S, pa[ai + 2]);
            c020 = av.fma(b0, c020);
            c021 = av.fma(b1, c021);
            av = FloatVector.broadcast(S, pa[ai + 3]);
            c030 = av.fma(b0, c030);
            c031 = av.fma(b1, c031);
            av = FloatVector.broadcast(S, pa[ai + 4]);
            c040 = av.fma(b0, c040);
            c041 = av.fma(b1, c041);
            av = FloatVector.broadcast(S, pa[ai + 5]);
            c050 = av.fma(b0, c050);
            c051 = av.fma(b1, c051);
            av = FloatVector.broadcast(S, pa[ai + 6]);
            c060 = av.fma(b0, c060);
            c061 = av.fma(b1, c061);
            av = FloatVector.broadcast(S, pa[ai + 7]);
            c070 = av.fma(b0, c070);
            c071 = av.fma(b1, c071);
            av = FloatVector.broadcast(S, pa[ai + 8]);
            c080 = av.fma(b0, c080);
            c081 = av.fma(b1, c081);
            av = FloatVector.broadcast(S, pa[ai + 9]);
            c090 = av.fma(b0, c090);
            c091 = av.fma(b1, c091);
            av = FloatVector.broadcast(S, pa[ai + 10]);
            c100 = av.fma(b0, c100);
            c101 = av.fma(b1, c101);
            av = FloatVector.broadcast(S, pa[ai + 11]);
            c110 = av.fma(b0, c110);
            c111 = av.fma(b1, c111);
        }
        FloatVector al = FloatVector.broadcast(S, alpha);
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
        c000.fma(al, FloatVector.fromArray(S, c, i00)).intoArray(c, i00);
        c001.fma(al, FloatVector.fromArray(S, c, i00 + V)).intoArray(c, i00 + V);
        c010.fma(al, FloatVector.fromArray(S, c, i01)).intoArray(c, i01);
        c011.fma(al, FloatVector.fromArray(S, c, i01 + V)).intoArray(c, i01 + V);
        c020.fma(al, FloatVector.fromArray(S, c, i02)).intoArray(c, i02);
        c021.fma(al, FloatVector.fromArray(S, c, i02 + V)).intoArray(c, i02 + V);
        c030.fma(al, FloatVector.fromArray(S, c, i03)).intoArray(c, i03);
        c031.fma(al, FloatVector.fromArray(S, c, i03 + V)).intoArray(c, i03 + V);
        c040.fma(al, FloatVector.fromArray(S, c, i04)).intoArray(c, i04);
        c041.fma(al, FloatVector.fromArray(S, c, i04 + V)).intoArray(c, i04 + V);
        c050.fma(al, FloatVector.fromArray(S, c, i05)).intoArray(c, i05);
        c051.fma(al, FloatVector.fromArray(S, c, i05 + V)).intoArray(c, i05 + V);
        c060.fma(al, FloatVector.fromArray(S, c, i06)).intoArray(c, i06);
        c061.fma(al, FloatVector.fromArray(S, c, i06 + V)).intoArray(c, i06 + V);
        c070.fma(al, FloatVector.fromArray(S, c, i07)).intoArray(c, i07);
        c071.fma(al, FloatVector.fromArray(S, c, i07 + V)).intoArray(c, i07 + V);
        c080.fma(al, FloatVector.fromArray(S, c, i08)).intoArray(c, i08);
        c081.fma(al, FloatVector.fromArray(S, c, i08 + V)).intoArray(c, i08 + V);
        c090.fma(al, FloatVector.fromArray(S, c, i09)).intoArray(c, i09);
        c091.fma(al, FloatVector.fromArray(S, c, i09 + V)).intoArray(c, i09 + V);
        c100.fma(al, FloatVector.fromArray(S, c, i10)).intoArray(c, i10);
        c101.fma(al, FloatVector.fromArray(S, c, i10 + V)).intoArray(c, i10 + V);
        c110.fma(al, FloatVector.fromArray(S, c, i11)).intoArray(c, i11);
        c111.fma(al, FloatVector.fromArray(S, c, i11 + V)).intoArray(c, i11 + V);
    }

    /** As {@link #kernel}, reading six consecutive rows of a row-major A (stride lda) in place. */
    private static void kernelDirect(int kc, float[] a, int r0, int lda, float[] pb, int bIdx, float alpha,
                                     float[] c, int cIdx, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        int r1 = r0 + lda;
        int r2 = r1 + lda;
        int r3 = r2 + lda;
        int r4 = r3 + lda;
        int r5 = r4 + lda;
        for (int p = 0; p < kc; p++) {
            int bi = bIdx + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, pb, bi);
            FloatVector b1 = FloatVector.fromArray(S, pb, bi + V);
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
        // Written out rather than in a helper: C2 does not inline a helper taking vectors once the
        // kernel is this large, and the vectors would then be boxed. fma with alpha = 1 is exact.
        FloatVector al = FloatVector.broadcast(S, alpha);
        int i1 = cIdx + ldc;
        int i2 = i1 + ldc;
        int i3 = i2 + ldc;
        int i4 = i3 + ldc;
        int i5 = i4 + ldc;
        c00.fma(al, FloatVector.fromArray(S, c, cIdx)).intoArray(c, cIdx);
        c01.fma(al, FloatVector.fromArray(S, c, cIdx + V)).intoArray(c, cIdx + V);
        c10.fma(al, FloatVector.fromArray(S, c, i1)).intoArray(c, i1);
        c11.fma(al, FloatVector.fromArray(S, c, i1 + V)).intoArray(c, i1 + V);
        c20.fma(al, FloatVector.fromArray(S, c, i2)).intoArray(c, i2);
        c21.fma(al, FloatVector.fromArray(S, c, i2 + V)).intoArray(c, i2 + V);
        c30.fma(al, FloatVector.fromArray(S, c, i3)).intoArray(c, i3);
        c31.fma(al, FloatVector.fromArray(S, c, i3 + V)).intoArray(c, i3 + V);
        c40.fma(al, FloatVector.fromArray(S, c, i4)).intoArray(c, i4);
        c41.fma(al, FloatVector.fromArray(S, c, i4 + V)).intoArray(c, i4 + V);
        c50.fma(al, FloatVector.fromArray(S, c, i5)).intoArray(c, i5);
        c51.fma(al, FloatVector.fromArray(S, c, i5 + V)).intoArray(c, i5 + V);
    }
}
