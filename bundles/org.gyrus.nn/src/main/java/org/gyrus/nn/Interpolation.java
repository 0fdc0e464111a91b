package org.gyrus.nn;

import java.util.Arrays;

/**
 * Resampling of channels-first tensors over 1 to 3 spatial axes as PyTorch's
 * {@code F.interpolate}: {@code nearest} (the source index is {@code floor(dst * in / out)}, or
 * {@code floor(dst / scale)} when a scale factor is given) and the linear modes (linear, bilinear,
 * trilinear) with {@code align_corners} either way. Index and weight arithmetic is done in float as
 * in PyTorch's CPU kernels, so the sampled positions agree exactly.
 */
final class Interpolation {

    private Interpolation() {
    }

    /** Per output position along one axis: two source indices and their weights. */
    private record Axis(int[] i0, int[] i1, float[] w0, float[] w1) {
    }

    private static Axis nearest(int in, int out, double scale) {
        int[] i0 = new int[out];
        float[] w0 = new float[out];
        float s = scale > 0 ? (float) (1.0 / scale) : (float) in / out;
        for (int o = 0; o < out; o++) {
            int src;
            if (out == in) {
                src = o;
            } else if (out == 2 * in) {
                src = o >> 1;
            } else {
                src = Math.min((int) Math.floor(o * s), in - 1);
            }
            i0[o] = src;
            w0[o] = 1f;
        }
        return new Axis(i0, i0, w0, new float[out]);
    }

    private static Axis linear(int in, int out, boolean alignCorners, double scale) {
        int[] i0 = new int[out];
        int[] i1 = new int[out];
        float[] w0 = new float[out];
        float[] w1 = new float[out];
        float s;
        if (alignCorners) {
            s = out > 1 ? (float) (in - 1) / (out - 1) : 0f;
        } else {
            s = scale > 0 ? (float) (1.0 / scale) : (float) in / out;
        }
        for (int o = 0; o < out; o++) {
            float src = alignCorners ? s * o : Math.max(s * (o + 0.5f) - 0.5f, 0f);
            int a = (int) src;
            int b = a + (a < in - 1 ? 1 : 0);
            float l1 = Math.min(Math.max(src - a, 0f), 1f);
            i0[o] = a;
            i1[o] = b;
            w0[o] = 1f - l1;
            w1[o] = l1;
        }
        return new Axis(i0, i1, w0, w1);
    }

    /**
     * @param size   output lengths, one per spatial axis
     * @param linear linear modes if true, nearest otherwise
     * @param scales the scale factors the size came from (used for the index arithmetic as PyTorch
     *               does), or null
     */
    static Tensor interpolate(Tensor x, int[] size, boolean linear, boolean alignCorners, double[] scales) {
        int sp = size.length;
        if (sp < 1 || sp > 3 || x.shape.length != sp + 2) {
            throw new IllegalArgumentException("interpolate: input must have " + (sp + 2) + " axes for an output size of "
                    + sp + " values, got " + Arrays.toString(x.shape));
        }
        if (scales != null && scales.length != sp) {
            throw new IllegalArgumentException("interpolate: need one scale factor per spatial axis");
        }
        int[] in = {1, 1, 1};
        int[] out = {1, 1, 1};
        Axis[] axes = new Axis[3];
        for (int a = 0; a < 3; a++) {
            int j = a - (3 - sp);
            if (j >= 0) {
                in[a] = x.shape[2 + j];
                out[a] = size[j];
                if (out[a] < 1) {
                    throw new IllegalArgumentException("interpolate: output size must be >= 1, got " + Arrays.toString(size));
                }
            }
            double sc = j >= 0 && scales != null ? scales[j] : 0;
            axes[a] = linear && j >= 0 ? linear(in[a], out[a], alignCorners, sc) : nearest(in[a], out[a], sc);
        }
        int planes = x.shape[0] * x.shape[1];
        int inPlane = in[0] * in[1] * in[2];
        int outPlane = out[0] * out[1] * out[2];
        float[] xd = x.data;
        float[] y = new float[planes * outPlane];
        Axis az = axes[0];
        Axis ay = axes[1];
        Axis ax = axes[2];
        for (int p = 0; p < planes; p++) {
            int base = p * inPlane;
            int oi = p * outPlane;
            for (int z = 0; z < out[0]; z++) {
                int z0 = base + az.i0[z] * in[1] * in[2];
                int z1 = base + az.i1[z] * in[1] * in[2];
                for (int yy = 0; yy < out[1]; yy++) {
                    int y0 = ay.i0[yy] * in[2];
                    int y1 = ay.i1[yy] * in[2];
                    for (int xx = 0; xx < out[2]; xx++, oi++) {
                        int x0 = ax.i0[xx];
                        int x1 = ax.i1[xx];
                        float wx0 = ax.w0[xx];
                        float wx1 = ax.w1[xx];
                        float a = ay.w0[yy] * (wx0 * xd[z0 + y0 + x0] + wx1 * xd[z0 + y0 + x1])
                                + ay.w1[yy] * (wx0 * xd[z0 + y1 + x0] + wx1 * xd[z0 + y1 + x1]);
                        if (az.w1[z] != 0f) {
                            float b = ay.w0[yy] * (wx0 * xd[z1 + y0 + x0] + wx1 * xd[z1 + y0 + x1])
                                    + ay.w1[yy] * (wx0 * xd[z1 + y1 + x0] + wx1 * xd[z1 + y1 + x1]);
                            y[oi] = az.w0[z] * a + az.w1[z] * b;
                        } else {
                            y[oi] = az.w0[z] * a;
                        }
                    }
                }
            }
        }
        int[] shape = x.shape.clone();
        System.arraycopy(size, 0, shape, 2, sp);
        return Tensor.result(y, shape, g -> {
            float[] gx = x.gradBuffer();
            for (int p = 0; p < planes; p++) {
                int base = p * inPlane;
                int oi = p * outPlane;
                for (int z = 0; z < out[0]; z++) {
                    int[] zs = {base + az.i0[z] * in[1] * in[2], base + az.i1[z] * in[1] * in[2]};
                    float[] wz = {az.w0[z], az.w1[z]};
                    for (int yy = 0; yy < out[1]; yy++) {
                        int y0 = ay.i0[yy] * in[2];
                        int y1 = ay.i1[yy] * in[2];
                        for (int xx = 0; xx < out[2]; xx++, oi++) {
                            float gv = g[oi];
                            for (int k = 0; k < 2; k++) {
                                float v = gv * wz[k];
                                if (v == 0f) {
                                    continue;
                                }
                                int zb = zs[k];
                                gx[zb + y0 + ax.i0[xx]] += v * ay.w0[yy] * ax.w0[xx];
                                gx[zb + y0 + ax.i1[xx]] += v * ay.w0[yy] * ax.w1[xx];
                                gx[zb + y1 + ax.i0[xx]] += v * ay.w1[yy] * ax.w0[xx];
                                gx[zb + y1 + ax.i1[xx]] += v * ay.w1[yy] * ax.w1[xx];
                            }
                        }
                    }
                }
            }
        }, x);
    }
}
