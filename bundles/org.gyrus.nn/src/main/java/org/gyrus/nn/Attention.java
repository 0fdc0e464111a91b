package org.gyrus.nn;

import java.util.Arrays;
import org.gyrus.nn.linalg.Gemm;
import org.gyrus.nn.linalg.Parallel;

/**
 * The two halves of multi-head scaled dot-product attention, fused so that heads are read and
 * written in place: queries, keys and values stay in their {@code [B, T, H*d]} projection layout
 * (head h in columns {@code h*d .. h*d+d-1}), and every per-head product is a strided GEMM. This
 * avoids the split-heads permutes and copies, which cost as much memory traffic as the products.
 */
final class Attention {

    private Attention() {
    }

    private static void check3(Tensor t, String name) {
        if (t.shape.length != 3) {
            throw new IllegalArgumentException(name + " must be [B, T, E], got " + Arrays.toString(t.shape));
        }
    }

    /** softmax(scale * Q_h K_h^T + mask) for every batch entry and head: {@code [B, H, T, S]}. */
    static Tensor weights(Tensor q, Tensor k, int heads, float scale, Tensor mask) {
        check3(q, "query");
        check3(k, "key");
        int b = q.shape[0];
        int t = q.shape[1];
        int e = q.shape[2];
        int s = k.shape[1];
        if (k.shape[0] != b || k.shape[2] != e || heads <= 0 || e % heads != 0) {
            throw new IllegalArgumentException("attention: query " + Arrays.toString(q.shape) + ", key "
                    + Arrays.toString(k.shape) + ", " + heads + " heads");
        }
        int d = e / heads;
        int[] shape = {b, heads, t, s};
        int[] maskIndex = null;
        boolean plainMask = false;
        if (mask != null) {
            int[] ms = mask.shape;
            plainMask = mask.data.length == t * s && ms.length >= 2 && ms[ms.length - 2] == t && ms[ms.length - 1] == s;
            if (!plainMask) {
                int[] full = Shapes.broadcast(ms, shape);
                if (!Arrays.equals(full, shape)) {
                    throw new IllegalArgumentException("mask " + Arrays.toString(ms) + " does not broadcast to " + Arrays.toString(shape));
                }
                maskIndex = Shapes.broadcastIndex(ms, shape);
            }
        }
        float[] qd = q.data;
        float[] kd = k.data;
        float[] md = mask == null ? null : mask.data;
        float[] y = new float[b * heads * t * s];
        boolean plain = plainMask;
        int[] mIdx = maskIndex;
        Parallel.forRange(b * heads, 1, (from, to) -> {
            for (int bh = from; bh < to; bh++) {
                int bi = bh / heads;
                int h = bh % heads;
                int off = bh * t * s;
                Gemm.sgemmSerial(false, true, t, s, d, scale, qd, bi * t * e + h * d, e, kd, bi * s * e + h * d, e,
                        0f, y, off, s);
                if (md != null) {
                    for (int i = 0; i < t * s; i++) {
                        y[off + i] += plain ? md[i] : md[mIdx[off + i]];
                    }
                }
                for (int r = 0; r < t; r++) {
                    int row = off + r * s;
                    float max = VectorMath.max(y, row, s);
                    if (max == Float.NEGATIVE_INFINITY) {
                        max = 0f;
                    }
                    float sum = VectorMath.expShifted(y, row, y, row, s, max);
                    VectorMath.scale(y, row, s, 1f / sum);
                }
            }
        });
        return Tensor.result(y, shape, g -> {
            boolean needQ = q.requiresGrad();
            boolean needK = k.requiresGrad();
            float[] gq = needQ ? q.gradBuffer() : null;
            float[] gk = needK ? k.gradBuffer() : null;
            Parallel.forRange(b * heads, 1, (from, to) -> {
                float[] ds = new float[t * s];
                for (int bh = from; bh < to; bh++) {
                    int bi = bh / heads;
                    int h = bh % heads;
                    int off = bh * t * s;
                    // Softmax backward, row by row: dS = Y * (G - sum(G * Y)).
                    for (int r = 0; r < t; r++) {
                        int row = off + r * s;
                        float dot = 0f;
                        for (int j = 0; j < s; j++) {
                            dot += g[row + j] * y[row + j];
                        }
                        for (int j = 0; j < s; j++) {
                            ds[r * s + j] = y[row + j] * (g[row + j] - dot);
                        }
                    }
                    int qo = bi * t * e + h * d;
                    int ko = bi * s * e + h * d;
                    if (needQ) {
                        Gemm.sgemmSerial(false, false, t, d, s, scale, ds, 0, s, kd, ko, e, 1f, gq, qo, e);
                    }
                    if (needK) {
                        Gemm.sgemmSerial(true, false, s, d, t, scale, ds, 0, s, qd, qo, e, 1f, gk, ko, e);
                    }
                }
            });
        }, q, k);
    }

    /** Per-head weighted sums of the values: {@code out[b, t, h*d + j] = sum_s w[b, h, t, s] v[b, s, h*d + j]}. */
    static Tensor values(Tensor w, Tensor v) {
        check3(v, "value");
        if (w.shape.length != 4 || w.shape[0] != v.shape[0] || w.shape[3] != v.shape[1] || v.shape[2] % w.shape[1] != 0) {
            throw new IllegalArgumentException("attention: weights " + Arrays.toString(w.shape) + " do not fit values "
                    + Arrays.toString(v.shape));
        }
        int b = w.shape[0];
        int heads = w.shape[1];
        int t = w.shape[2];
        int s = w.shape[3];
        int e = v.shape[2];
        int d = e / heads;
        float[] wd = w.data;
        float[] vd = v.data;
        float[] out = new float[b * t * e];
        Parallel.forRange(b * heads, 1, (from, to) -> {
            for (int bh = from; bh < to; bh++) {
                int bi = bh / heads;
                int h = bh % heads;
                Gemm.sgemmSerial(false, false, t, d, s, 1f, wd, bh * t * s, s, vd, bi * s * e + h * d, e,
                        0f, out, bi * t * e + h * d, e);
            }
        });
        return Tensor.result(out, new int[] {b, t, e}, g -> {
            float[] gw = w.requiresGrad() ? w.gradBuffer() : null;
            float[] gv = v.requiresGrad() ? v.gradBuffer() : null;
            Parallel.forRange(b * heads, 1, (from, to) -> {
                for (int bh = from; bh < to; bh++) {
                    int bi = bh / heads;
                    int h = bh % heads;
                    int go = bi * t * e + h * d;
                    if (gw != null) {
                        Gemm.sgemmSerial(false, true, t, s, d, 1f, g, go, e, vd, bi * s * e + h * d, e, 1f, gw, bh * t * s, s);
                    }
                    if (gv != null) {
                        Gemm.sgemmSerial(true, false, s, d, t, 1f, wd, bh * t * s, s, g, go, e, 1f, gv, bi * s * e + h * d, e);
                    }
                }
            });
        }, w, v);
    }
}
