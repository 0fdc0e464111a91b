package org.gyrus.nn;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A channels-first grid copied, zero-padded, into a flat buffer so that a stride-1 convolution
 * reads every kernel offset as one shifted view of it (see {@link DirectConv}).
 *
 * <p>Every channel of the buffer holds the padded grid {@code Dp x Hp x Wp} (or a slab of it along
 * one axis) followed by zeros. Output position (z, y, x) of the convolution has the buffer position
 * {@code q = z*Hp*Wp + y*Wp + x}, and kernel offset t reads it at {@code q + taps[t]}; the positions
 * in between (x past the output width, y past the output height) are computed and thrown away.
 * Always three spatial axes: a 2-d grid has depth 1, a 1-d grid depth and height 1.
 */
final class PaddedGrid {

    /** The species of {@link DirectConv}'s kernels. */
    private static final VectorSpecies<Float> S = DirectConv.SPECIES;
    private static final int V = S.length();

    /** Source grid (what is padded). */
    final int sd, sh, sw;
    /** Zeros before the source along each axis. */
    final int pd, ph, pw;
    /** Padded grid. */
    final int dp, hp, wp;
    /** Result grid of the convolution. */
    final int od, oh, ow;
    /** Buffer offset of each kernel offset (kz, ky, kx), in the weight's order. */
    final int[] taps;
    /** Axis cut into slabs (0 depth, 1 height, 2 width): the outermost one that has more than one padded row. */
    final int slabAxis;

    /**
     * @param src      source grid (d, h, w)
     * @param padBefore zeros before it along each axis (at most dilation*(kernel-1))
     * @param out      result grid (d, h, w), {@code padded - dilation*(kernel-1)} along each axis
     * @param kernel   kernel (d, h, w)
     * @param dilation dilation (d, h, w)
     */
    PaddedGrid(int[] src, int[] padBefore, int[] out, int[] kernel, int[] dilation) {
        sd = src[0]; sh = src[1]; sw = src[2];
        pd = padBefore[0]; ph = padBefore[1]; pw = padBefore[2];
        od = out[0]; oh = out[1]; ow = out[2];
        dp = od + dilation[0] * (kernel[0] - 1);
        hp = oh + dilation[1] * (kernel[1] - 1);
        wp = ow + dilation[2] * (kernel[2] - 1);
        taps = new int[kernel[0] * kernel[1] * kernel[2]];
        int t = 0;
        for (int kz = 0; kz < kernel[0]; kz++) {
            for (int ky = 0; ky < kernel[1]; ky++) {
                for (int kx = 0; kx < kernel[2]; kx++) {
                    taps[t++] = kz * dilation[0] * hp * wp + ky * dilation[1] * wp + kx * dilation[2];
                }
            }
        }
        slabAxis = dp > 1 ? 0 : hp > 1 ? 1 : 2;
    }

    /** Output rows along the slab axis. */
    int outer() {
        return slabAxis == 0 ? od : slabAxis == 1 ? oh : ow;
    }

    /** Buffer stride of one step along the slab axis. */
    private int outerStride() {
        return slabAxis == 0 ? hp * wp : slabAxis == 1 ? wp : 1;
    }

    /** Padded rows along the slab axis that output rows [a0, a1) read. */
    private int slabRows(int a0, int a1) {
        int padded = slabAxis == 0 ? dp : slabAxis == 1 ? hp : wp;
        int out = outer();
        return a1 - a0 + padded - out;
    }

    /** Buffer positions spanned by the outputs of slab [a0, a1): the last one's position plus one. */
    int span(int a0, int a1) {
        int n = a1 - a0;
        return switch (slabAxis) {
            case 0 -> (n - 1) * hp * wp + (oh - 1) * wp + ow;
            case 1 -> (n - 1) * wp + ow;
            default -> n;
        };
    }

    /**
     * Floats per channel of the buffer for slab [a0, a1): the padded slab plus {@code tail} zeros,
     * so that a kernel may read up to {@code tail} positions past the last output and every view
     * {@code q + taps[t]} stays inside its channel.
     */
    int channelStride(int a0, int a1, int tail) {
        // The axes outside the slab axis have one padded row each (see slabAxis).
        int size = slabRows(a0, a1) * outerStride();
        return (size + tail + 15) & ~15;
    }

    /**
     * Writes the padded slab [a0, a1) of {@code channels} source channels (the source item at
     * {@code srcOff}) into {@code dst}, channel c at {@code dstOff + c * cs}, zeros everywhere else.
     */
    void fill(float[] src, int srcOff, int channels, int a0, int a1, float[] dst, int dstOff, int cs) {
        int rows = slabRows(a0, a1);
        // The slab in padded coordinates: [z0, z1) x [y0, y1) x [x0, x1).
        int z0 = 0, z1 = dp, y0 = 0, y1 = hp, x0 = 0, x1 = wp;
        if (slabAxis == 0) {
            z0 = a0;
            z1 = a0 + rows;
        } else if (slabAxis == 1) {
            y0 = a0;
            y1 = a0 + rows;
        } else {
            x0 = a0;
            x1 = a0 + rows;
        }
        int bw = x1 - x0;
        int bplane = (y1 - y0) * bw;
        int srcPlane = sh * sw;
        int srcSize = sd * srcPlane;
        // Source columns the slab's rows hold, in padded coordinates.
        int xs = Math.max(x0, pw);
        int xe = Math.min(x1, pw + sw);
        for (int c = 0; c < channels; c++) {
            int base = dstOff + c * cs;
            Arrays.fill(dst, base, base + cs, 0f);
            if (xe <= xs) {
                continue;
            }
            int sBase = srcOff + c * srcSize;
            for (int z = Math.max(z0, pd); z < Math.min(z1, pd + sd); z++) {
                for (int y = Math.max(y0, ph); y < Math.min(y1, ph + sh); y++) {
                    System.arraycopy(src, sBase + (z - pd) * srcPlane + (y - ph) * sw + xs - pw,
                            dst, base + (z - z0) * bplane + (y - y0) * bw + xs - x0, xe - xs);
                }
            }
        }
    }

    /**
     * Moves the outputs of slab [a0, a1) from {@code buf} (channel c at {@code c * ld}, buffer
     * positions) onto the result grid of {@code channels} channels at {@code dstOff}: added to what
     * is there when {@code add}, else written, plus {@code bias[c]} when given.
     */
    void scatter(float[] buf, int ld, int channels, int a0, int a1, float[] dst, int dstOff, boolean add, float[] bias) {
        int outPlane = oh * ow;
        int outSize = od * outPlane;
        int zs = 0, ze = od, ys = 0, ye = oh, xs = 0, xe = ow;
        if (slabAxis == 0) {
            zs = a0;
            ze = a1;
        } else if (slabAxis == 1) {
            ys = a0;
            ye = a1;
        } else {
            xs = a0;
            xe = a1;
        }
        int bw = slabAxis == 2 ? 0 : wp;
        int bplane = slabAxis == 0 ? hp * wp : 0;
        int run = xe - xs;
        for (int c = 0; c < channels; c++) {
            float b = bias == null ? 0f : bias[c];
            int cBuf = c * ld;
            int cDst = dstOff + c * outSize;
            for (int z = zs; z < ze; z++) {
                for (int y = ys; y < ye; y++) {
                    int s = cBuf + (z - zs) * bplane + (y - ys) * bw;
                    int d = cDst + z * outPlane + y * ow + xs;
                    if (add) {
                        addRow(buf, s, dst, d, run);
                    } else if (bias == null) {
                        System.arraycopy(buf, s, dst, d, run);
                    } else {
                        biasRow(buf, s, dst, d, run, b);
                    }
                }
            }
        }
    }

    // Rows are short (a few dozen floats): C2's own vector loops would leave them to their scalar
    // tails, so these use whole vectors and scalars only for the rest.

    /** {@code dst[d..d+n) += src[s..s+n)}. */
    private static void addRow(float[] src, int s, float[] dst, int d, int n) {
        int i = 0;
        for (; i + V <= n; i += V) {
            FloatVector.fromArray(S, dst, d + i).add(FloatVector.fromArray(S, src, s + i)).intoArray(dst, d + i);
        }
        for (; i < n; i++) {
            dst[d + i] += src[s + i];
        }
    }

    /**
     * {@code dst[d..d+n) = src[s..s+n) + b}; a row of at least one vector ends with a vector that
     * overlaps the one before (writing the same values twice).
     */
    private static void biasRow(float[] src, int s, float[] dst, int d, int n, float b) {
        if (n < V) {
            for (int i = 0; i < n; i++) {
                dst[d + i] = src[s + i] + b;
            }
            return;
        }
        for (int i = 0; ; i += V) {
            int j = Math.min(i, n - V);
            FloatVector.fromArray(S, src, s + j).add(b).intoArray(dst, d + j);
            if (j == n - V) {
                return;
            }
        }
    }
}
