package org.gyrus.nn;

import java.util.Arrays;
import org.gyrus.nn.linalg.Parallel;

/**
 * Max, average and adaptive average pooling over 1 to 3 spatial axes (NCL, NCHW, NCDHW), with
 * PyTorch's output sizes and conventions: max pooling passes the gradient to the first maximum of
 * each window in scan order (a NaN wins), average pooling divides by the window including padding
 * unless told otherwise, ceil mode drops a last window that would start in the right padding.
 */
final class Pooling {

    private Pooling() {
    }

    /** Spatial lengths as three (leading ones for fewer axes). */
    private static int[] three(int[] a, int fill) {
        int[] r = {fill, fill, fill};
        System.arraycopy(a, 0, r, 3 - a.length, a.length);
        return r;
    }

    private static int spatialRank(String op, Tensor x, int[] kernel) {
        int sp = kernel.length;
        if (sp < 1 || sp > 3 || x.shape.length != sp + 2) {
            throw new IllegalArgumentException(op + ": input must have " + (sp + 2) + " axes (N, C and " + sp
                    + " spatial) for a kernel of " + sp + " values, got " + Arrays.toString(x.shape));
        }
        return sp;
    }

    /** PyTorch's {@code pooling_output_shape}. */
    static int outputLength(String op, int in, int k, int pad, int stride, int dilation, boolean ceil) {
        if (k < 1 || stride < 1 || dilation < 1 || pad < 0) {
            throw new IllegalArgumentException(op + ": kernel, stride and dilation must be >= 1 and padding >= 0");
        }
        if (pad > k / 2) {
            throw new IllegalArgumentException(op + ": padding " + pad + " must be at most half the kernel " + k);
        }
        int out = Math.floorDiv(in + 2 * pad - dilation * (k - 1) - 1 + (ceil ? stride - 1 : 0), stride) + 1;
        if (ceil && (out - 1) * stride >= in + pad) {
            out--;
        }
        if (out < 1) {
            throw new IllegalArgumentException(op + ": input length " + in + " is smaller than the kernel " + k);
        }
        return out;
    }

    private static int[] outShape(Tensor x, int sp, int[] out) {
        int[] shape = new int[sp + 2];
        shape[0] = x.shape[0];
        shape[1] = x.shape[1];
        System.arraycopy(out, 3 - sp, shape, 2, sp);
        return shape;
    }

    static Tensor maxPool(Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceil) {
        String op = "max_pool" + kernel.length + "d";
        int sp = spatialRank(op, x, kernel);
        int[] in = three(Arrays.copyOfRange(x.shape, 2, x.shape.length), 1);
        int[] k = three(kernel, 1);
        int[] s = three(stride, 1);
        int[] p = three(padding, 0);
        int[] d = three(dilation, 1);
        int[] o = new int[3];
        for (int i = 0; i < 3; i++) {
            o[i] = outputLength(op, in[i], k[i], p[i], s[i], d[i], ceil);
        }
        int planes = x.shape[0] * x.shape[1];
        int inPlane = in[0] * in[1] * in[2];
        int outPlane = o[0] * o[1] * o[2];
        float[] xd = x.data;
        float[] out = new float[planes * outPlane];
        int[] arg = new int[out.length];
        Parallel.forRange(planes, Math.max(1, (1 << 15) / Math.max(1, outPlane)), (from, to) -> {
            for (int pl = from; pl < to; pl++) {
                int base = pl * inPlane;
                int oi = pl * outPlane;
                for (int oz = 0; oz < o[0]; oz++) {
                    int z0 = oz * s[0] - p[0];
                    int z1 = Math.min(z0 + (k[0] - 1) * d[0] + 1, in[0]);
                    while (z0 < 0) {
                        z0 += d[0];
                    }
                    for (int oy = 0; oy < o[1]; oy++) {
                        int y0 = oy * s[1] - p[1];
                        int y1 = Math.min(y0 + (k[1] - 1) * d[1] + 1, in[1]);
                        while (y0 < 0) {
                            y0 += d[1];
                        }
                        for (int ox = 0; ox < o[2]; ox++, oi++) {
                            int x0 = ox * s[2] - p[2];
                            int x1 = Math.min(x0 + (k[2] - 1) * d[2] + 1, in[2]);
                            while (x0 < 0) {
                                x0 += d[2];
                            }
                            int best = (z0 * in[1] + y0) * in[2] + x0;
                            float max = Float.NEGATIVE_INFINITY;
                            for (int z = z0; z < z1; z += d[0]) {
                                for (int y = y0; y < y1; y += d[1]) {
                                    int row = (z * in[1] + y) * in[2];
                                    for (int xx = x0; xx < x1; xx += d[2]) {
                                        float v = xd[base + row + xx];
                                        if (v > max || Float.isNaN(v)) {
                                            max = v;
                                            best = row + xx;
                                        }
                                    }
                                }
                            }
                            out[oi] = max;
                            arg[oi] = base + best;
                        }
                    }
                }
            }
        });
        return Tensor.result(out, outShape(x, sp, o), g -> {
            float[] gx = x.gradBuffer();
            for (int i = 0; i < arg.length; i++) {
                gx[arg[i]] += g[i];
            }
        }, x);
    }

    static Tensor avgPool(Tensor x, int[] kernel, int[] stride, int[] padding, boolean ceil, boolean countIncludePad,
                          int divisorOverride) {
        String op = "avg_pool" + kernel.length + "d";
        int sp = spatialRank(op, x, kernel);
        int[] in = three(Arrays.copyOfRange(x.shape, 2, x.shape.length), 1);
        int[] k = three(kernel, 1);
        int[] s = three(stride, 1);
        int[] p = three(padding, 0);
        int[] o = new int[3];
        for (int i = 0; i < 3; i++) {
            o[i] = outputLength(op, in[i], k[i], p[i], s[i], 1, ceil);
        }
        // Window bounds and divisor per output position, per axis (the divisor factorises).
        int[][] lo = new int[3][];
        int[][] hi = new int[3][];
        int[][] full = new int[3][];
        for (int a = 0; a < 3; a++) {
            lo[a] = new int[o[a]];
            hi[a] = new int[o[a]];
            full[a] = new int[o[a]];
            for (int j = 0; j < o[a]; j++) {
                int start = j * s[a] - p[a];
                int end = Math.min(start + k[a], in[a] + p[a]);
                full[a][j] = end - start;
                lo[a][j] = Math.max(start, 0);
                hi[a][j] = Math.min(end, in[a]);
            }
        }
        int planes = x.shape[0] * x.shape[1];
        int inPlane = in[0] * in[1] * in[2];
        int outPlane = o[0] * o[1] * o[2];
        float[] div = new float[outPlane];
        for (int oz = 0, i = 0; oz < o[0]; oz++) {
            for (int oy = 0; oy < o[1]; oy++) {
                for (int ox = 0; ox < o[2]; ox++, i++) {
                    int n = divisorOverride > 0 ? divisorOverride
                            : countIncludePad ? full[0][oz] * full[1][oy] * full[2][ox]
                            : (hi[0][oz] - lo[0][oz]) * (hi[1][oy] - lo[1][oy]) * (hi[2][ox] - lo[2][ox]);
                    div[i] = n;
                }
            }
        }
        float[] xd = x.data;
        float[] out = new float[planes * outPlane];
        Parallel.forRange(planes, Math.max(1, (1 << 15) / Math.max(1, outPlane)), (from, to) -> {
            for (int pl = from; pl < to; pl++) {
                int base = pl * inPlane;
                int oi = pl * outPlane;
                for (int oz = 0, i = 0; oz < o[0]; oz++) {
                    for (int oy = 0; oy < o[1]; oy++) {
                        for (int ox = 0; ox < o[2]; ox++, i++) {
                            float sum = 0f;
                            for (int z = lo[0][oz]; z < hi[0][oz]; z++) {
                                for (int y = lo[1][oy]; y < hi[1][oy]; y++) {
                                    int row = base + (z * in[1] + y) * in[2];
                                    for (int xx = lo[2][ox]; xx < hi[2][ox]; xx++) {
                                        sum += xd[row + xx];
                                    }
                                }
                            }
                            out[oi + i] = sum / div[i];
                        }
                    }
                }
            }
        });
        return Tensor.result(out, outShape(x, sp, o), g -> {
            float[] gx = x.gradBuffer();
            Parallel.forRange(planes, Math.max(1, (1 << 15) / Math.max(1, outPlane)), (from, to) -> {
                for (int pl = from; pl < to; pl++) {
                    int base = pl * inPlane;
                    int oi = pl * outPlane;
                    for (int oz = 0, i = 0; oz < o[0]; oz++) {
                        for (int oy = 0; oy < o[1]; oy++) {
                            for (int ox = 0; ox < o[2]; ox++, i++) {
                                float v = g[oi + i] / div[i];
                                for (int z = lo[0][oz]; z < hi[0][oz]; z++) {
                                    for (int y = lo[1][oy]; y < hi[1][oy]; y++) {
                                        int row = base + (z * in[1] + y) * in[2];
                                        for (int xx = lo[2][ox]; xx < hi[2][ox]; xx++) {
                                            gx[row + xx] += v;
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            });
        }, x);
    }

    static Tensor adaptiveAvgPool(Tensor x, int[] outputSize) {
        String op = "adaptive_avg_pool" + outputSize.length + "d";
        int sp = spatialRank(op, x, outputSize);
        int[] in = three(Arrays.copyOfRange(x.shape, 2, x.shape.length), 1);
        int[] o = three(outputSize, 1);
        int[][] lo = new int[3][];
        int[][] hi = new int[3][];
        for (int a = 0; a < 3; a++) {
            if (o[a] < 1) {
                throw new IllegalArgumentException(op + ": output size must be >= 1, got " + Arrays.toString(outputSize));
            }
            lo[a] = new int[o[a]];
            hi[a] = new int[o[a]];
            for (int j = 0; j < o[a]; j++) {
                lo[a][j] = (int) ((long) j * in[a] / o[a]);
                hi[a][j] = (int) (((long) (j + 1) * in[a] + o[a] - 1) / o[a]);
            }
        }
        int planes = x.shape[0] * x.shape[1];
        int inPlane = in[0] * in[1] * in[2];
        int outPlane = o[0] * o[1] * o[2];
        float[] xd = x.data;
        float[] out = new float[planes * outPlane];
        for (int pl = 0; pl < planes; pl++) {
            int base = pl * inPlane;
            for (int oz = 0, i = pl * outPlane; oz < o[0]; oz++) {
                for (int oy = 0; oy < o[1]; oy++) {
                    for (int ox = 0; ox < o[2]; ox++, i++) {
                        float sum = 0f;
                        for (int z = lo[0][oz]; z < hi[0][oz]; z++) {
                            for (int y = lo[1][oy]; y < hi[1][oy]; y++) {
                                int row = base + (z * in[1] + y) * in[2];
                                for (int xx = lo[2][ox]; xx < hi[2][ox]; xx++) {
                                    sum += xd[row + xx];
                                }
                            }
                        }
                        int count = (hi[0][oz] - lo[0][oz]) * (hi[1][oy] - lo[1][oy]) * (hi[2][ox] - lo[2][ox]);
                        out[i] = sum / count;
                    }
                }
            }
        }
        return Tensor.result(out, outShape(x, sp, o), g -> {
            float[] gx = x.gradBuffer();
            for (int pl = 0; pl < planes; pl++) {
                int base = pl * inPlane;
                for (int oz = 0, i = pl * outPlane; oz < o[0]; oz++) {
                    for (int oy = 0; oy < o[1]; oy++) {
                        for (int ox = 0; ox < o[2]; ox++, i++) {
                            int count = (hi[0][oz] - lo[0][oz]) * (hi[1][oy] - lo[1][oy]) * (hi[2][ox] - lo[2][ox]);
                            float v = g[i] / count;
                            for (int z = lo[0][oz]; z < hi[0][oz]; z++) {
                                for (int y = lo[1][oy]; y < hi[1][oy]; y++) {
                                    int row = base + (z * in[1] + y) * in[2];
                                    for (int xx = lo[2][ox]; xx < hi[2][ox]; xx++) {
                                        gx[row + xx] += v;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }, x);
    }
}
