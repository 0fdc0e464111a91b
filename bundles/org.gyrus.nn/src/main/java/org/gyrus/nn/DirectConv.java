package org.gyrus.nn;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.gyrus.nn.linalg.Parallel;

/**
 * Stride-1 convolutions without a column matrix: the input is copied once, zero-padded, into a
 * {@link PaddedGrid} buffer, where every kernel offset is a shifted view, and a Vector API kernel
 * multiplies the packed weights straight against those views (an "implicit GEMM": rows are output
 * channels, columns buffer positions, the sum runs over input channels and kernel offsets).
 *
 * <p>The gradient with respect to the input is the same kernel on the zero-padded output gradient
 * with the weights transposed and flipped; the weight gradient sums, per thread, output gradient
 * times shifted input views over positions and batch items, and the per-thread sums are added in a
 * fixed order, so results depend on the thread budget only, not on scheduling. The im2col path of
 * {@link Convolution} keeps the cases this one does not take (strides, groups, large padding).
 */
final class DirectConv {

    /** The widest float vector the CPU runs natively, capped at 512 bits (as {@code Gemm}). */
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED.length() >= 16
            ? FloatVector.SPECIES_512 : FloatVector.SPECIES_256;
    private static final VectorSpecies<Float> S = SPECIES;
    private static final int V = S.length();
    /** Whether the CPU has float vectors of at least 8 lanes; without them the im2col path is used. */
    static final boolean VECTOR = FloatVector.SPECIES_PREFERRED.length() >= 8;
    /**
     * Whether the kernels may hold 32 vector registers (AVX-512) rather than 16 (AVX2). The register
     * blocks are cut to the register file: C2 neither spills nor schedules with register pressure in
     * mind, so a block whose accumulators, loaded vectors and broadcasts do not fit keeps some
     * accumulators on the stack, and each of their FMAs then waits on a store and a load.
     */
    private static final boolean WIDE = V >= 16;
    /** Result channels per register block of the convolution kernel. */
    static final int MR = 4;
    /** Buffer positions per register block: four vectors (AVX-512) or two (AVX2). */
    static final int NQ = (WIDE ? 4 : 2) * V;
    /** Output channels and kernel offsets per register block of the weight-gradient kernel. */
    static final int GR = WIDE ? 6 : 4;
    static final int GT = WIDE ? 3 : 2;
    /** Floats of padded copies one thread holds at once (slabs and batch chunks are cut to fit); tests lower it. */
    static int bufferFloats = 1 << 21;
    /**
     * Floats of one forward slab's padded copy plus its block of results (which the kernels write
     * and the scatter then reads back): slabs are cut so that the two stay within a core's L2 cache
     * (512 KB on Zen 3), down to one row along the slab axis, rather than only within
     * {@link #bufferFloats}. W9 (c), 16 channels on a 64^3 volume, was cut into 4 slabs of 16 planes
     * (copy and results about 5 MB each, so both streamed through L3); slabs of one plane took 0.85
     * of its CPU time (in-JVM A/B, 2026-12-02, with the equivalent bufferFloats = 1 << 16), slabs of
     * one or two planes (a budget of 1 << 18) 0.92. The 2-d cases of W9 stay one slab per item.
     */
    static int slabFloats = 1 << 17;
    /** Tests switch this path off to compare it with the im2col path. */
    static boolean enabled = true;

    private DirectConv() {
    }

    /** Whether this path computes the convolution: one group, stride 1, padding within the dilated kernel. */
    static boolean applies(int[] kernel, int[] stride, int[] padBefore, int[] padAfter, int[] dilation, int groups) {
        if (!enabled || !VECTOR || groups != 1) {
            return false;
        }
        for (int i = 0; i < kernel.length; i++) {
            int extent = dilation[i] * (kernel[i] - 1);
            if (stride[i] != 1 || padBefore[i] > extent || padAfter[i] > extent) {
                return false;
            }
        }
        return true;
    }

    /** The grids of a convolution of {@code geo} (stride 1): forward reads the input, backward the output gradient. */
    static PaddedGrid[] grids(ConvGeometry geo) {
        int[] k = {geo.kd, geo.kh, geo.kw};
        int[] d = {geo.dd, geo.dh, geo.dw};
        int[] big = {geo.bd, geo.bh, geo.bw};
        int[] small = {geo.od, geo.oh, geo.ow};
        int[] pad = {geo.pd, geo.ph, geo.pw};
        int[] padT = new int[3];
        for (int i = 0; i < 3; i++) {
            padT[i] = d[i] * (k[i] - 1) - pad[i];
        }
        // [2]: the output gradient unpadded, on the positions of the forward grid (for the weight gradient).
        return new PaddedGrid[] {new PaddedGrid(big, pad, small, k, d), new PaddedGrid(small, padT, big, k, d),
                new PaddedGrid(small, new int[3], small, k, d)};
    }

    /**
     * Packs weights {@code [rows][cols][taps]} into register blocks {@code [rows/MR][cols][taps][MR]}
     * (rows past the last zero). With {@code flip}, packs the weights of the input gradient instead:
     * rows and cols swapped and the taps reversed.
     */
    static float[] pack(float[] w, int rows, int cols, int taps, boolean flip) {
        int outRows = flip ? cols : rows;
        int inCols = flip ? rows : cols;
        int blocks = (outRows + MR - 1) / MR;
        float[] p = new float[blocks * inCols * taps * MR];
        for (int r = 0; r < outRows; r++) {
            int b = r / MR;
            int lane = r % MR;
            for (int c = 0; c < inCols; c++) {
                for (int t = 0; t < taps; t++) {
                    float v = flip ? w[(c * cols + r) * taps + taps - 1 - t] : w[(r * cols + c) * taps + t];
                    p[((b * inCols + c) * taps + t) * MR + lane] = v;
                }
            }
        }
        return p;
    }

    private static int roundUp(int n, int to) {
        return (n + to - 1) / to * to;
    }

    // ------------------------------------------------------------------ forward

    /**
     * The convolution of a batch: {@code batch} items of {@code cin} channels on {@code g}'s source
     * grid, weights packed by {@link #pack}, {@code cout} result channels plus {@code bias} (or null).
     */
    static float[] forward(float[] x, int batch, int cin, float[] wp, int cout, float[] bias, PaddedGrid g) {
        int outer = g.outer();
        int outSize = g.od * g.oh * g.ow;
        int inItem = cin * g.sd * g.sh * g.sw;
        int threads = Parallel.threads();
        long itemFloats = (long) cin * g.channelStride(0, outer, NQ)
                + (long) roundUp(cout, MR) * roundUp(g.span(0, outer), NQ);
        int budget = Math.min(bufferFloats, slabFloats);
        int slabs = Math.max(threads > 1 ? (2 * threads + batch - 1) / batch : 1,
                (int) Math.min(outer, (itemFloats + budget - 1) / budget));
        int perItem = Math.min(outer, slabs);
        float[] out = new float[batch * cout * outSize];
        Parallel.forParts(batch * perItem, t -> {
            int n = t / perItem;
            int s = t % perItem;
            int a0 = outer * s / perItem;
            int a1 = outer * (s + 1) / perItem;
            int cs = g.channelStride(a0, a1, NQ);
            float[] buf = Workspace.get(2, cin * cs);
            g.fill(x, n * inItem, cin, a0, a1, buf, 0, cs);
            convolve(buf, 0, cs, cin, wp, cout, g, a0, a1, out, n * cout * outSize, false, bias);
        });
        return out;
    }

    /**
     * Convolves one filled slab ({@code cin} channels at {@code bufOff}, stride {@code cs}) and moves
     * the {@code cout} results onto {@code dst} at {@code dstOff} (added when {@code add}).
     */
    static void convolve(float[] buf, int bufOff, int cs, int cin, float[] wp, int cout, PaddedGrid g, int a0, int a1,
                         float[] dst, int dstOff, boolean add, float[] bias) {
        int qt = roundUp(g.span(a0, a1), NQ);
        int blocks = (cout + MR - 1) / MR;
        int taps = g.taps.length;
        float[] o = Workspace.get(3, blocks * MR * qt);
        // Buffer offset of every (input channel, kernel offset) pair: the kernel runs one flat loop.
        int[] offs = new int[cin * taps];
        for (int c = 0; c < cin; c++) {
            for (int t = 0; t < taps; t++) {
                offs[c * taps + t] = bufOff + c * cs + g.taps[t];
            }
        }
        // Positions outer, channel blocks inner: one block of positions reads a few kilobytes of
        // every input channel, which stay in L1 for all channel blocks (the whole slab would not).
        // A last block of at most one vector of positions takes the one-vector kernel, not the full block.
        int span = g.span(a0, a1);
        for (int q = 0; q < qt; q += NQ) {
            boolean narrow = span - q <= V;
            for (int b = 0; b < blocks; b++) {
                int wOff = b * cin * taps * MR;
                int oOff = b * MR * qt + q;
                if (narrow) {
                    kernel1(buf, q, offs, wp, wOff, o, oOff, qt);
                } else if (WIDE) {
                    kernel(buf, q, offs, wp, wOff, o, oOff, qt);
                } else {
                    kernelAvx2(buf, q, offs, wp, wOff, o, oOff, qt);
                }
            }
        }
        g.scatter(o, qt, cout, a0, a1, dst, dstOff, add, bias);
    }

    /**
     * One MR x NQ block on AVX-512 (4 x 4 vectors): {@code o[r][q..q+NQ) = sum over k of wp[k][r] *
     * x[offs[k] + q..]}. One flat loop: with nested loops C2 (JDK 17) boxes the accumulators on every step.
     */
    private static void kernel(float[] x, int q, int[] offs, float[] wp, int wOff, float[] o, int oOff, int ldo) {
        FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S), a02 = FloatVector.zero(S), a03 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S), a11 = FloatVector.zero(S), a12 = FloatVector.zero(S), a13 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S), a21 = FloatVector.zero(S), a22 = FloatVector.zero(S), a23 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S), a31 = FloatVector.zero(S), a32 = FloatVector.zero(S), a33 = FloatVector.zero(S);
        int wi = wOff;
        for (int k = 0; k < offs.length; k++) {
            int xi = offs[k] + q;
            FloatVector b0 = FloatVector.fromArray(S, x, xi);
            FloatVector b1 = FloatVector.fromArray(S, x, xi + V);
            FloatVector b2 = FloatVector.fromArray(S, x, xi + 2 * V);
            FloatVector b3 = FloatVector.fromArray(S, x, xi + 3 * V);
            FloatVector w = FloatVector.broadcast(S, wp[wi]);
            a00 = w.fma(b0, a00);
            a01 = w.fma(b1, a01);
            a02 = w.fma(b2, a02);
            a03 = w.fma(b3, a03);
            w = FloatVector.broadcast(S, wp[wi + 1]);
            a10 = w.fma(b0, a10);
            a11 = w.fma(b1, a11);
            a12 = w.fma(b2, a12);
            a13 = w.fma(b3, a13);
            w = FloatVector.broadcast(S, wp[wi + 2]);
            a20 = w.fma(b0, a20);
            a21 = w.fma(b1, a21);
            a22 = w.fma(b2, a22);
            a23 = w.fma(b3, a23);
            w = FloatVector.broadcast(S, wp[wi + 3]);
            a30 = w.fma(b0, a30);
            a31 = w.fma(b1, a31);
            a32 = w.fma(b2, a32);
            a33 = w.fma(b3, a33);
            wi += MR;
        }
        // Written out: C2 would not inline a helper taking vectors here, and would box them.
        int o1 = oOff + ldo;
        int o2 = o1 + ldo;
        int o3 = o2 + ldo;
        a00.intoArray(o, oOff);
        a01.intoArray(o, oOff + V);
        a02.intoArray(o, oOff + 2 * V);
        a03.intoArray(o, oOff + 3 * V);
        a10.intoArray(o, o1);
        a11.intoArray(o, o1 + V);
        a12.intoArray(o, o1 + 2 * V);
        a13.intoArray(o, o1 + 3 * V);
        a20.intoArray(o, o2);
        a21.intoArray(o, o2 + V);
        a22.intoArray(o, o2 + 2 * V);
        a23.intoArray(o, o2 + 3 * V);
        a30.intoArray(o, o3);
        a31.intoArray(o, o3 + V);
        a32.intoArray(o, o3 + 2 * V);
        a33.intoArray(o, o3 + 3 * V);
    }

    /**
     * {@link #kernel} and {@link #kernelAvx2} for one vector of positions (MR x V): the same sums in
     * the same order.
     */
    private static void kernel1(float[] x, int q, int[] offs, float[] wp, int wOff, float[] o, int oOff, int ldo) {
        FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S), a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
        int wi = wOff;
        for (int k = 0; k < offs.length; k++) {
            FloatVector b = FloatVector.fromArray(S, x, offs[k] + q);
            a0 = FloatVector.broadcast(S, wp[wi]).fma(b, a0);
            a1 = FloatVector.broadcast(S, wp[wi + 1]).fma(b, a1);
            a2 = FloatVector.broadcast(S, wp[wi + 2]).fma(b, a2);
            a3 = FloatVector.broadcast(S, wp[wi + 3]).fma(b, a3);
            wi += MR;
        }
        a0.intoArray(o, oOff);
        a1.intoArray(o, oOff + ldo);
        a2.intoArray(o, oOff + 2 * ldo);
        a3.intoArray(o, oOff + 3 * ldo);
    }

    /**
     * {@link #kernel} for AVX2: 4 x 2 vectors, 8 accumulators, so that they, the two loaded vectors
     * and the broadcasts C2 hoists fit in 16 registers (4 x 4 and 4 x 3 kept accumulators on the
     * stack; 6 x 2 fits but measured slower, 5 x 2 the same as 4 x 2 but computes 20 rows for 16
     * channels). A/B under load, one thread, W9 (a)'s shapes: 5 x 2 took 0.69-0.86 of 4 x 4's CPU
     * time for the forward pass and the input gradient, 4 x 2 then 0.93-1.02 of 5 x 2's.
     */
    private static void kernelAvx2(float[] x, int q, int[] offs, float[] wp, int wOff, float[] o, int oOff, int ldo) {
        FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S), a11 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S), a21 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S), a31 = FloatVector.zero(S);
        int wi = wOff;
        for (int k = 0; k < offs.length; k++) {
            int xi = offs[k] + q;
            FloatVector b0 = FloatVector.fromArray(S, x, xi);
            FloatVector b1 = FloatVector.fromArray(S, x, xi + V);
            FloatVector w = FloatVector.broadcast(S, wp[wi]);
            a00 = w.fma(b0, a00);
            a01 = w.fma(b1, a01);
            w = FloatVector.broadcast(S, wp[wi + 1]);
            a10 = w.fma(b0, a10);
            a11 = w.fma(b1, a11);
            w = FloatVector.broadcast(S, wp[wi + 2]);
            a20 = w.fma(b0, a20);
            a21 = w.fma(b1, a21);
            w = FloatVector.broadcast(S, wp[wi + 3]);
            a30 = w.fma(b0, a30);
            a31 = w.fma(b1, a31);
            wi += MR;
        }
        int o1 = oOff + ldo;
        int o2 = o1 + ldo;
        int o3 = o2 + ldo;
        a00.intoArray(o, oOff);
        a01.intoArray(o, oOff + V);
        a10.intoArray(o, o1);
        a11.intoArray(o, o1 + V);
        a20.intoArray(o, o2);
        a21.intoArray(o, o2 + V);
        a30.intoArray(o, o3);
        a31.intoArray(o, o3 + V);
    }

    // ------------------------------------------------------------------ backward

    /**
     * Whether {@link #backward} takes a batch: enough items for every thread, and one item's padded
     * copies within the buffer budget (otherwise the im2col path, which cuts items into chunks).
     */
    static boolean backwardApplies(int batch, int cin, int cout, PaddedGrid[] g) {
        long item = (long) cout * g[1].channelStride(0, g[1].outer(), NQ) + (long) cin * g[0].channelStride(0, g[0].outer(), NQ);
        return item <= bufferFloats && batch >= Parallel.threads();
    }

    /**
     * Adds the gradients of a convolution to {@code gx} (input, or null), {@code gw} (weight,
     * {@code [cout][cin][taps]}, or null) and {@code gbias} (or null) from the output gradient
     * {@code gy}. Each thread takes a fixed contiguous range of items and sums its own weight and
     * bias gradients; the threads' sums are added in order.
     */
    static void backward(float[] x, float[] gy, float[] w, int batch, int cin, int cout, PaddedGrid[] grids,
                         float[] gx, float[] gw, float[] gbias) {
        if (gx == null && gw == null && gbias == null) {
            return;
        }
        PaddedGrid gf = grids[0];
        PaddedGrid gt = grids[1];
        int taps = gf.taps.length;
        float[] wt = gx == null ? null : pack(w, cout, cin, taps, true);
        int inItem = cin * gf.sd * gf.sh * gf.sw;
        int outItem = cout * gt.sd * gt.sh * gt.sw;
        int csT = gt.channelStride(0, gt.outer(), NQ);
        int csF = gf.channelStride(0, gf.outer(), NQ);
        // When both padded grids have the same shape ("same" padding), the output gradient on the
        // forward grid's positions is a view into its padded copy: the positions between rows fall
        // on the copy's zero padding. Otherwise it gets a copy of its own.
        PaddedGrid gg = grids[2];
        boolean view = gt.dp == gf.dp && gt.hp == gf.hp && gt.wp == gf.wp;
        int csG = view ? csT : gg.channelStride(0, gg.outer(), NQ);
        int gOff0 = view ? (gt.pd * gt.hp + gt.ph) * gt.wp + gt.pw : 0;
        int qn = roundUp(gf.span(0, gf.outer()), V);
        int parts = Math.max(1, Math.min(batch, Parallel.threads()));
        float[][] gwParts = new float[parts][];
        double[][] biasParts = new double[parts][];
        int plane = outItem / cout;
        Parallel.forParts(parts, p -> {
            float[] acc = gw == null ? null : p == 0 ? gw : new float[gw.length];
            gwParts[p] = acc;
            double[] bsum = gbias == null ? null : new double[cout];
            biasParts[p] = bsum;
            float[] lanes = acc == null ? null : Workspace.get(7, laneFloats(cout, cin, taps));
            if (lanes != null) {
                Arrays.fill(lanes, 0, laneFloats(cout, cin, taps), 0f);
            }
            // Item by item: the weight gradient reads an item's padded copies right after they are
            // written, while they are still in L2 (a whole batch chunk of copies would not be).
            float[] dy = Workspace.get(4, cout * csT);
            float[] xb = gw == null ? null : Workspace.get(5, cin * csF);
            float[] gb = gw == null || view ? dy : Workspace.get(6, cout * csG);
            for (int n = batch * p / parts; n < batch * (p + 1) / parts; n++) {
                if (gx != null || acc != null && gb == dy) {
                    gt.fill(gy, n * outItem, cout, 0, gt.outer(), dy, 0, csT);
                }
                if (bsum != null) {
                    for (int o = 0; o < cout; o++) {
                        bsum[o] += Convolution.sum(gy, n * outItem + o * plane, plane);
                    }
                }
                if (gx != null) {
                    convolve(dy, 0, csT, cout, wt, cin, gt, 0, gt.outer(), gx, n * inItem, true, null);
                }
                if (acc != null) {
                    gf.fill(x, n * inItem, cin, 0, gf.outer(), xb, 0, csF);
                    if (gb != dy) {
                        gg.fill(gy, n * outItem, cout, 0, gg.outer(), gb, 0, csG);
                    }
                    weightGradient(gb, gOff0, csG, xb, csF, cout, cin, gf.taps, qn, lanes);
                }
            }
            if (acc != null) {
                addLanes(lanes, cout, cin, taps, acc);
            }
        });
        if (gbias != null) {
            for (int o = 0; o < cout; o++) {
                double t = 0;
                for (int p = 0; p < parts; p++) {
                    t += biasParts[p][o];
                }
                gbias[o] += (float) t;
            }
        }
        if (gw != null) {
            for (int p = 1; p < parts; p++) {
                float[] part = gwParts[p];
                for (int i = 0; i < gw.length; i++) {
                    gw[i] += part[i];
                }
            }
        }
    }

    /**
     * {@code dw[o][c][t] += sum over positions q of g[o][q] * x[c][q + taps[t]]} for one item, in
     * blocks of GR output channels by GT kernel offsets, so that the block's GR output-gradient rows
     * stay in the L1 cache across all input channels. Each block's vector lanes are kept in
     * {@code lanes} (zeroed by the caller, {@link #laneFloats} long) across items and calls;
     * {@link #addLanes} adds them into the weight gradient at the end, in a fixed order (so the
     * result does not depend on how the JIT would reduce a vector).
     */
    private static void weightGradient(float[] g, int gOff0, int gcs, float[] x, int xcs, int cout, int cin, int[] taps,
                                       int qn, float[] lanes) {
        int nt = taps.length;
        int l = 0;
        int last = gOff0 + (cout - 1) * gcs;
        for (int o0 = 0; o0 < cout; o0 += GR) {
            // Rows past the last output channel repeat it (their lanes are never added).
            int gr = gOff0 + o0 * gcs;
            for (int c = 0; c < cin; c++) {
                int xc = c * xcs;
                for (int t0 = 0; t0 < nt; t0 += GT) {
                    int xt0 = xc + taps[t0];
                    int xt1 = xc + taps[Math.min(t0 + 1, nt - 1)];
                    if (WIDE) {
                        block(g, gr, gcs, last, x, xt0, xt1, xc + taps[Math.min(t0 + 2, nt - 1)], qn, lanes, l);
                    } else {
                        blockAvx2(g, gr, gcs, last, x, xt0, xt1, qn, lanes, l);
                    }
                    l += GR * GT * V;
                }
            }
        }
    }

    /** Floats of the lanes kept by {@link #weightGradient}. */
    static int laneFloats(int cout, int cin, int nt) {
        return (cout + GR - 1) / GR * cin * ((nt + GT - 1) / GT) * GR * GT * V;
    }

    /** Adds the kept lanes into {@code dw}, each sum's lanes in order. */
    private static void addLanes(float[] lanes, int cout, int cin, int nt, float[] dw) {
        int l = 0;
        for (int o0 = 0; o0 < cout; o0 += GR) {
            for (int c = 0; c < cin; c++) {
                for (int t0 = 0; t0 < nt; t0 += GT) {
                    for (int r = 0; r < GR; r++) {
                        for (int k = 0; k < GT; k++) {
                            if (o0 + r < cout && t0 + k < nt) {
                                int b = l + (r * GT + k) * V;
                                float s = 0f;
                                for (int i = 0; i < V; i++) {
                                    s += lanes[b + i];
                                }
                                dw[((o0 + r) * cin + c) * nt + t0 + k] += s;
                            }
                        }
                    }
                    l += GR * GT * V;
                }
            }
        }
    }

    /**
     * One weight-gradient block of one item on AVX-512 (GR = 6 output channels by GT = 3 kernel offsets),
     * added onto its lanes at {@code lanes[lo..]}. Output channel r's row is at {@code gr + r * gcs},
     * capped at {@code last}. A method of its own, called once per block, so that the JIT compiles
     * it early and whole.
     */
    private static void block(float[] g, int gr, int gcs, int last, float[] x, int xt0, int xt1, int xt2,
                              int qn, float[] lanes, int lo) {
        int g1 = Math.min(gr + gcs, last);
        int g2 = Math.min(gr + 2 * gcs, last);
        int g3 = Math.min(gr + 3 * gcs, last);
        int g4 = Math.min(gr + 4 * gcs, last);
        int g5 = Math.min(gr + 5 * gcs, last);
        FloatVector s00 = FloatVector.fromArray(S, lanes, lo + 0 * V), s01 = FloatVector.fromArray(S, lanes, lo + 1 * V), s02 = FloatVector.fromArray(S, lanes, lo + 2 * V);
        FloatVector s10 = FloatVector.fromArray(S, lanes, lo + 3 * V), s11 = FloatVector.fromArray(S, lanes, lo + 4 * V), s12 = FloatVector.fromArray(S, lanes, lo + 5 * V);
        FloatVector s20 = FloatVector.fromArray(S, lanes, lo + 6 * V), s21 = FloatVector.fromArray(S, lanes, lo + 7 * V), s22 = FloatVector.fromArray(S, lanes, lo + 8 * V);
        FloatVector s30 = FloatVector.fromArray(S, lanes, lo + 9 * V), s31 = FloatVector.fromArray(S, lanes, lo + 10 * V), s32 = FloatVector.fromArray(S, lanes, lo + 11 * V);
        FloatVector s40 = FloatVector.fromArray(S, lanes, lo + 12 * V), s41 = FloatVector.fromArray(S, lanes, lo + 13 * V), s42 = FloatVector.fromArray(S, lanes, lo + 14 * V);
        FloatVector s50 = FloatVector.fromArray(S, lanes, lo + 15 * V), s51 = FloatVector.fromArray(S, lanes, lo + 16 * V), s52 = FloatVector.fromArray(S, lanes, lo + 17 * V);
        for (int q = 0; q < qn; q += V) {
            FloatVector v0 = FloatVector.fromArray(S, x, xt0 + q);
            FloatVector v1 = FloatVector.fromArray(S, x, xt1 + q);
            FloatVector v2 = FloatVector.fromArray(S, x, xt2 + q);
            FloatVector d = FloatVector.fromArray(S, g, gr + q);
            s00 = d.fma(v0, s00);
            s01 = d.fma(v1, s01);
            s02 = d.fma(v2, s02);
            d = FloatVector.fromArray(S, g, g1 + q);
            s10 = d.fma(v0, s10);
            s11 = d.fma(v1, s11);
            s12 = d.fma(v2, s12);
            d = FloatVector.fromArray(S, g, g2 + q);
            s20 = d.fma(v0, s20);
            s21 = d.fma(v1, s21);
            s22 = d.fma(v2, s22);
            d = FloatVector.fromArray(S, g, g3 + q);
            s30 = d.fma(v0, s30);
            s31 = d.fma(v1, s31);
            s32 = d.fma(v2, s32);
            d = FloatVector.fromArray(S, g, g4 + q);
            s40 = d.fma(v0, s40);
            s41 = d.fma(v1, s41);
            s42 = d.fma(v2, s42);
            d = FloatVector.fromArray(S, g, g5 + q);
            s50 = d.fma(v0, s50);
            s51 = d.fma(v1, s51);
            s52 = d.fma(v2, s52);
        }
        s00.intoArray(lanes, lo + 0 * V);
        s01.intoArray(lanes, lo + 1 * V);
        s02.intoArray(lanes, lo + 2 * V);
        s10.intoArray(lanes, lo + 3 * V);
        s11.intoArray(lanes, lo + 4 * V);
        s12.intoArray(lanes, lo + 5 * V);
        s20.intoArray(lanes, lo + 6 * V);
        s21.intoArray(lanes, lo + 7 * V);
        s22.intoArray(lanes, lo + 8 * V);
        s30.intoArray(lanes, lo + 9 * V);
        s31.intoArray(lanes, lo + 10 * V);
        s32.intoArray(lanes, lo + 11 * V);
        s40.intoArray(lanes, lo + 12 * V);
        s41.intoArray(lanes, lo + 13 * V);
        s42.intoArray(lanes, lo + 14 * V);
        s50.intoArray(lanes, lo + 15 * V);
        s51.intoArray(lanes, lo + 16 * V);
        s52.intoArray(lanes, lo + 17 * V);
    }

    /**
     * {@link #block} for AVX2: 4 output channels by 2 kernel offsets. C2 issues all of an
     * iteration's loads (GR + GT vectors) ahead of its FMAs, so accumulators plus loads must fit in
     * 16 registers: 6 x 3 kept 10 accumulators on the stack, 4 x 3 four. A/B under load, one thread:
     * 0.84-0.87 of 6 x 3's CPU time on W9's shapes.
     */
    private static void blockAvx2(float[] g, int gr, int gcs, int last, float[] x, int xt0, int xt1, int qn,
                                  float[] lanes, int lo) {
        int g1 = Math.min(gr + gcs, last);
        int g2 = Math.min(gr + 2 * gcs, last);
        int g3 = Math.min(gr + 3 * gcs, last);
        FloatVector s00 = FloatVector.fromArray(S, lanes, lo), s01 = FloatVector.fromArray(S, lanes, lo + V);
        FloatVector s10 = FloatVector.fromArray(S, lanes, lo + 2 * V), s11 = FloatVector.fromArray(S, lanes, lo + 3 * V);
        FloatVector s20 = FloatVector.fromArray(S, lanes, lo + 4 * V), s21 = FloatVector.fromArray(S, lanes, lo + 5 * V);
        FloatVector s30 = FloatVector.fromArray(S, lanes, lo + 6 * V), s31 = FloatVector.fromArray(S, lanes, lo + 7 * V);
        for (int q = 0; q < qn; q += V) {
            FloatVector v0 = FloatVector.fromArray(S, x, xt0 + q);
            FloatVector v1 = FloatVector.fromArray(S, x, xt1 + q);
            FloatVector d = FloatVector.fromArray(S, g, gr + q);
            s00 = d.fma(v0, s00);
            s01 = d.fma(v1, s01);
            d = FloatVector.fromArray(S, g, g1 + q);
            s10 = d.fma(v0, s10);
            s11 = d.fma(v1, s11);
            d = FloatVector.fromArray(S, g, g2 + q);
            s20 = d.fma(v0, s20);
            s21 = d.fma(v1, s21);
            d = FloatVector.fromArray(S, g, g3 + q);
            s30 = d.fma(v0, s30);
            s31 = d.fma(v1, s31);
        }
        s00.intoArray(lanes, lo);
        s01.intoArray(lanes, lo + V);
        s10.intoArray(lanes, lo + 2 * V);
        s11.intoArray(lanes, lo + 3 * V);
        s20.intoArray(lanes, lo + 4 * V);
        s21.intoArray(lanes, lo + 5 * V);
        s30.intoArray(lanes, lo + 6 * V);
        s31.intoArray(lanes, lo + 7 * V);
    }
}
