package org.gyrus.nn;

import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.gyrus.nn.linalg.Parallel;

/**
 * Softmax, layer normalisation and dropout, each fused into one recorded operation. Rows are
 * independent, so large tensors are split by rows over the thread budget.
 */
final class Normalization {

    /** Elements below which a row loop stays on the calling thread. */
    static final int GRAIN = 1 << 15;
    /** The engine's one species (see {@link Attention} for why not a second one). */
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private Normalization() {
    }

    /** Rows per part so that each part has at least GRAIN elements. */
    private static int minRows(int rowLength) {
        return Math.max(1, GRAIN / Math.max(1, rowLength));
    }

    static Tensor softmax(Tensor a, int axis, boolean log) {
        int ax = Shapes.axis(axis, a.shape.length);
        int outer = Shapes.outer(a.shape, ax);
        int len = a.shape[ax];
        int inner = Shapes.inner(a.shape, ax);
        float[] x = a.data;
        float[] y = new float[x.length];
        if (inner == 1) {
            Parallel.forRange(outer, minRows(len), (from, to) -> {
                for (int o = from; o < to; o++) {
                    int base = o * len;
                    float max = VectorMath.max(x, base, len);
                    if (max == Float.NEGATIVE_INFINITY) {
                        // A fully masked row: exp(-inf - 0) = 0 everywhere instead of NaN from -inf - -inf.
                        max = 0f;
                    }
                    float sum = VectorMath.expShifted(x, base, y, base, len, max);
                    if (log) {
                        float shift = max + (float) Math.log(sum);
                        for (int l = 0; l < len; l++) {
                            y[base + l] = x[base + l] - shift;
                        }
                    } else {
                        VectorMath.scale(y, base, len, 1f / sum);
                    }
                }
            });
        } else {
            stridedSoftmax(x, y, outer, len, inner, log);
        }
        return Tensor.result(y, a.shape.clone(), g -> {
            float[] gx = a.gradBuffer();
            Parallel.forRange(outer, minRows(len * inner), (from, to) -> {
                for (int o = from; o < to; o++) {
                    for (int i = 0; i < inner; i++) {
                        int base = o * len * inner + i;
                        float s = 0f;
                        if (log) {
                            for (int l = 0; l < len; l++) {
                                s += g[base + l * inner];
                            }
                            for (int l = 0; l < len; l++) {
                                int idx = base + l * inner;
                                gx[idx] += g[idx] - (float) Math.exp(y[idx]) * s;
                            }
                        } else {
                            for (int l = 0; l < len; l++) {
                                int idx = base + l * inner;
                                s += g[idx] * y[idx];
                            }
                            for (int l = 0; l < len; l++) {
                                int idx = base + l * inner;
                                gx[idx] += y[idx] * (g[idx] - s);
                            }
                        }
                    }
                }
            });
        }, a);
    }

    private static void stridedSoftmax(float[] x, float[] y, int outer, int len, int inner, boolean log) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * len * inner + i;
                float max = Float.NEGATIVE_INFINITY;
                for (int l = 0; l < len; l++) {
                    max = Math.max(max, x[base + l * inner]);
                }
                if (max == Float.NEGATIVE_INFINITY) {
                    max = 0f;
                }
                double sum = 0;
                for (int l = 0; l < len; l++) {
                    float e = (float) Math.exp(x[base + l * inner] - max);
                    y[base + l * inner] = e;
                    sum += e;
                }
                for (int l = 0; l < len; l++) {
                    int idx = base + l * inner;
                    y[idx] = log ? x[idx] - max - (float) Math.log(sum) : (float) (y[idx] / sum);
                }
            }
        }
    }

    static Tensor layerNorm(Tensor a, int d, Tensor weight, Tensor bias, float eps) {
        return layerNorm(a, null, d, weight, bias, eps);
    }

    /**
     * Layer norm of {@code a + residual} (residual null: of a) as one operation: the values of
     * {@code a.add(residual).layerNorm(..)}, but the sum is never stored. Each row's sum is formed in
     * per-thread scratch, in the forward and again in the backward (from a and the residual, which
     * the graph keeps anyway), and the backward hands the one gradient to both inputs: a
     * transformer's post-norm residual step without the sum's array, its pass and its graph node.
     */
    static Tensor layerNorm(Tensor a, Tensor residual, int d, Tensor weight, Tensor bias, float eps) {
        if (residual != null && !java.util.Arrays.equals(a.shape, residual.shape)) {
            return layerNorm(a.add(residual), null, d, weight, bias, eps);
        }
        if (d <= 0 || a.data.length % d != 0) {
            throw new IllegalArgumentException("layerNorm over " + d + " elements of shape " + java.util.Arrays.toString(a.shape));
        }
        int tail = 1;
        for (int i = a.shape.length - 1; i >= 0 && tail < d; i--) {
            tail *= a.shape[i];
        }
        if (tail != d) {
            throw new IllegalArgumentException("layerNorm size " + d + " is not a product of trailing axes of "
                    + java.util.Arrays.toString(a.shape));
        }
        if ((weight != null && weight.data.length != d) || (bias != null && bias.data.length != d)) {
            throw new IllegalArgumentException("layerNorm weight and bias must have " + d + " elements");
        }
        int rows = a.data.length / d;
        float[] x = a.data;
        float[] y = new float[x.length];
        float[] mean = new float[rows];
        float[] rstd = new float[rows];
        float[] w = weight == null ? null : weight.data;
        float[] b = bias == null ? null : bias.data;
        float[] xr = residual == null ? null : residual.data;
        Parallel.forRange(rows, minRows(d), (from, to) -> {
            // Lanes for the ordered sums in [0, L), the row's sum with the residual after them.
            float[] lanes = Workspace.get(1, L + (xr == null ? 0 : d));
            for (int r = from; r < to; r++) {
                if (xr == null) {
                    layerNormRow(x, r * d, d, eps, w, b, y, r * d, mean, rstd, r, lanes);
                } else {
                    sumRow(x, xr, r * d, d, lanes, L);
                    layerNormRow(lanes, L, d, eps, w, b, y, r * d, mean, rstd, r, lanes);
                }
            }
        });
        Tensor[] inputs = residual == null ? new Tensor[] {a, weight, bias} : new Tensor[] {a, weight, bias, residual};
        return Tensor.result(y, a.shape.clone(), g -> {
            boolean needA = a.requiresGrad();
            boolean needR = xr != null && residual.requiresGrad();
            // With a residual both inputs get the sum's gradient: it is made in its own array, which
            // one of them then adopts.
            float[] gx = xr == null ? (needA ? a.gradBuffer() : null) : (needA || needR ? new float[x.length] : null);
            boolean needW = weight != null && weight.requiresGrad();
            boolean needB = bias != null && bias.requiresGrad();
            int parts = Math.max(1, Math.min(Parallel.threads(), rows / minRows(d)));
            // Per-part partial sums of the weight and bias gradients, added up afterwards.
            float[][] pw = new float[parts][];
            float[][] pb = new float[parts][];
            Parallel.forParts(parts, part -> {
                int from = (int) ((long) rows * part / parts);
                int to = (int) ((long) rows * (part + 1) / parts);
                float[] lw = needW ? new float[d] : null;
                float[] lb = needB ? new float[d] : null;
                float[] lanes = Workspace.get(1, L + (xr == null ? 0 : d));
                for (int r = from; r < to; r++) {
                    if (xr == null) {
                        layerNormRowBackward(x, r * d, g, r * d, d, mean[r], rstd[r], w, gx, lw, lb, lanes);
                    } else {
                        sumRow(x, xr, r * d, d, lanes, L);
                        layerNormRowBackward(lanes, L, g, r * d, d, mean[r], rstd[r], w, gx, lw, lb, lanes);
                    }
                }
                pw[part] = lw;
                pb[part] = lb;
            });
            if (xr != null && gx != null) {
                boolean adopted = needA && a.adoptGrad(gx);
                if (needA && !adopted) {
                    VectorMath.addInto(gx, 0, a.gradBuffer(), 0, gx.length);
                }
                if (needR && (adopted || !residual.adoptGrad(gx))) {
                    VectorMath.addInto(gx, 0, residual.gradBuffer(), 0, gx.length);
                }
            }
            if (needW) {
                float[] gw = weight.gradBuffer();
                for (float[] lw : pw) {
                    for (int j = 0; j < d; j++) {
                        gw[j] += lw[j];
                    }
                }
            }
            if (needB) {
                float[] gb = bias.gradBuffer();
                for (float[] lb : pb) {
                    for (int j = 0; j < d; j++) {
                        gb[j] += lb[j];
                    }
                }
            }
        }, inputs);
    }

    /** {@code dst[dOff + j] = x[base + j] + r[base + j]} for {@code j < d}: one row's sum, as {@code add} computes it. */
    private static void sumRow(float[] x, float[] r, int base, int d, float[] dst, int dOff) {
        for (int j = 0; j < d; j++) {
            dst[dOff + j] = x[base + j] + r[base + j];
        }
    }

    /**
     * One row of layer norm: mean and variance in two passes over per-lane partial sums (added in
     * lane order, so the result does not depend on the JIT), then the affine output.
     */
    private static void layerNormRow(float[] x, int base, int d, float eps, float[] w, float[] b, float[] y, int yo,
                                     float[] mean, float[] rstd, int r, float[] lanes) {
        int vd = S.loopBound(d);
        FloatVector acc = FloatVector.broadcast(S, 0f);
        for (int j = 0; j < vd; j += L) {
            acc = acc.add(FloatVector.fromArray(S, x, base + j));
        }
        float s = laneSum(acc, lanes);
        for (int j = vd; j < d; j++) {
            s += x[base + j];
        }
        float mu = s / d;
        FloatVector muv = FloatVector.broadcast(S, mu);
        acc = FloatVector.broadcast(S, 0f);
        for (int j = 0; j < vd; j += L) {
            FloatVector c = FloatVector.fromArray(S, x, base + j).sub(muv);
            acc = c.fma(c, acc);
        }
        float v = laneSum(acc, lanes);
        for (int j = vd; j < d; j++) {
            float c = x[base + j] - mu;
            v = Math.fma(c, c, v);
        }
        float rs = (float) (1.0 / Math.sqrt((double) v / d + eps));
        mean[r] = mu;
        rstd[r] = rs;
        FloatVector rsv = FloatVector.broadcast(S, rs);
        int j = 0;
        for (; j < vd; j += L) {
            FloatVector h = FloatVector.fromArray(S, x, base + j).sub(muv).mul(rsv);
            if (w != null) {
                h = h.mul(FloatVector.fromArray(S, w, j));
            }
            if (b != null) {
                h = h.add(FloatVector.fromArray(S, b, j));
            }
            h.intoArray(y, yo + j);
        }
        for (; j < d; j++) {
            float h = (x[base + j] - mu) * rs;
            y[yo + j] = (w == null ? h : h * w[j]) + (b == null ? 0f : b[j]);
        }
    }

    /**
     * One row of layer norm's backward: {@code gx += rs * (g*w - mean(g*w) - h * mean(g*w*h))}
     * with {@code h} the normalised input, and the row's share of the weight and bias gradients
     * into {@code lw}, {@code lb} (either may be null).
     */
    private static void layerNormRowBackward(float[] x, int base, float[] g, int go, int d, float mu, float rs, float[] w,
                                             float[] gx, float[] lw, float[] lb, float[] lanes) {
        int vd = S.loopBound(d);
        FloatVector muv = FloatVector.broadcast(S, mu);
        FloatVector rsv = FloatVector.broadcast(S, rs);
        FloatVector accG = FloatVector.broadcast(S, 0f);
        FloatVector accGH = FloatVector.broadcast(S, 0f);
        for (int j = 0; j < vd; j += L) {
            FloatVector h = FloatVector.fromArray(S, x, base + j).sub(muv).mul(rsv);
            FloatVector gj = FloatVector.fromArray(S, g, go + j);
            FloatVector gh = w == null ? gj : gj.mul(FloatVector.fromArray(S, w, j));
            accG = accG.add(gh);
            accGH = gh.fma(h, accGH);
            if (lw != null) {
                gj.fma(h, FloatVector.fromArray(S, lw, j)).intoArray(lw, j);
            }
            if (lb != null) {
                gj.add(FloatVector.fromArray(S, lb, j)).intoArray(lb, j);
            }
        }
        float sumG = laneSum(accG, lanes);
        float sumGH = laneSum(accGH, lanes);
        for (int j = vd; j < d; j++) {
            float h = (x[base + j] - mu) * rs;
            float gj = g[go + j];
            float gh = w == null ? gj : gj * w[j];
            sumG += gh;
            sumGH = Math.fma(gh, h, sumGH);
            if (lw != null) {
                lw[j] = Math.fma(gj, h, lw[j]);
            }
            if (lb != null) {
                lb[j] += gj;
            }
        }
        if (gx == null) {
            return;
        }
        float mg = sumG / d;
        float mgh = sumGH / d;
        FloatVector mgv = FloatVector.broadcast(S, mg);
        FloatVector mghv = FloatVector.broadcast(S, mgh);
        int j = 0;
        for (; j < vd; j += L) {
            FloatVector h = FloatVector.fromArray(S, x, base + j).sub(muv).mul(rsv);
            FloatVector gj = FloatVector.fromArray(S, g, go + j);
            FloatVector gh = w == null ? gj : gj.mul(FloatVector.fromArray(S, w, j));
            FloatVector dx = gh.sub(mgv).sub(h.mul(mghv)).mul(rsv);
            FloatVector.fromArray(S, gx, go + j).add(dx).intoArray(gx, go + j);
        }
        for (; j < d; j++) {
            float h = (x[base + j] - mu) * rs;
            float gh = w == null ? g[go + j] : g[go + j] * w[j];
            gx[go + j] += rs * (gh - mg - h * mgh);
        }
    }

    /** The lanes' sum, in lane order (reduceLanes(ADD) may add them in any order), through scratch {@code lanes}. */
    private static float laneSum(FloatVector v, float[] lanes) {
        v.intoArray(lanes, 0);
        float s = 0f;
        for (int i = 0; i < L; i++) {
            s += lanes[i];
        }
        return s;
    }

    static Tensor dropout(Tensor a, float p, boolean training, Random random) {
        if (p < 0f || p >= 1f) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1): " + p);
        }
        if (!training || p == 0f) {
            return a;
        }
        float scale = 1f / (1f - p);
        float[] x = a.data;
        float[] mask = new float[x.length];
        float[] y = new float[x.length];
        // One draw from the caller's source seeds a splitmix64 stream for the whole mask:
        // java.util.Random costs an atomic update per number, which dominated large masks.
        long state = random.nextLong();
        for (int i = 0; i < x.length; i += 2) {
            state += 0x9E3779B97F4A7C15L;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z ^= z >>> 31;
            // Two uniform floats in [0, 1) from the two 24-bit halves' top bits.
            float u0 = (z >>> 40) * 0x1.0p-24f;
            float u1 = ((z >>> 8) & 0xFFFFFF) * 0x1.0p-24f;
            mask[i] = u0 < p ? 0f : scale;
            if (i + 1 < x.length) {
                mask[i + 1] = u1 < p ? 0f : scale;
            }
        }
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] * mask[i];
        }
        return Tensor.result(y, a.shape.clone(), g -> {
            if (a.adoptGrad(g)) {
                for (int i = 0; i < g.length; i++) {
                    g[i] *= mask[i];
                }
                return;
            }
            float[] gx = a.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                gx[i] += g[i] * mask[i];
            }
        }, a);
    }
}
