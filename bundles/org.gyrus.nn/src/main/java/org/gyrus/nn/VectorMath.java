package org.gyrus.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Array kernels for the transcendental functions, written with the Vector API.
 *
 * <p>exp and tanh are our own polynomials (Cephes' {@code expf}/{@code tanhf}, within 2 ulp) built
 * from additions, multiplications, fused multiply-adds and conversions only, and lane sums are
 * added in a fixed order. The Vector API's own {@code EXP}/{@code TANH} (SVML once C2 compiles a
 * loop, {@code Math} per lane before) and its {@code reduceLanes(ADD)} (any order) give results
 * that depend on whether the JIT has compiled the loop yet: the same computation then differs in
 * the last bits between two runs, and a seeded training is not reproducible. The scalar tails run
 * the same operations, so an element's value does not depend on where a range split falls.
 */
final class VectorMath {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    // Cephes expf: exp(x) = 2^n * exp(r), n = rint(x log2 e), r = x - n ln 2 (ln 2 in two parts).
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float ROUND = 12582912f; // 1.5 * 2^23: adding and subtracting it rounds to an integer
    private static final int ROUND_BITS = Float.floatToRawIntBits(ROUND);
    private static final float EXP_LO = -104f; // below: 0 (the result would be under the smallest subnormal)
    private static final float EXP_HI = 89f; // above: infinity
    private static final float P0 = 1.9875691500e-4f;
    private static final float P1 = 1.3981999507e-3f;
    private static final float P2 = 8.3334519073e-3f;
    private static final float P3 = 4.1665795894e-2f;
    private static final float P4 = 1.6666665459e-1f;
    private static final float P5 = 5.0000001201e-1f;
    // Cephes tanhf near 0, where 1 - 2 / (exp(2x) + 1) would lose relative precision.
    private static final float TANH_SMALL = 0.625f;
    private static final float T0 = -5.70498872745e-3f;
    private static final float T1 = 2.06390887954e-2f;
    private static final float T2 = -5.37397155531e-2f;
    private static final float T3 = 1.33314422036e-1f;
    private static final float T4 = -3.33332819422e-1f;

    // GELU: x * Phi(x), Phi(x) = erfc(-x / sqrt 2) / 2 with Numerical Recipes' erfc (2nd ed., 6.2,
    // fractional error below 1.2e-7): erfc(z) = t exp(-z^2 + poly(t)), t = 1 / (1 + z/2), z >= 0.
    private static final float SQRT_HALF = 0.70710678118654752f;
    private static final float INV_SQRT_2PI = 0.39894228040143268f;
    private static final float E0 = -1.26551223f;
    private static final float E1 = 1.00002368f;
    private static final float E2 = 0.37409196f;
    private static final float E3 = 0.09678418f;
    private static final float E4 = -0.18628806f;
    private static final float E5 = 0.27886807f;
    private static final float E6 = -1.13520398f;
    private static final float E7 = 1.48851587f;
    private static final float E8 = -0.82215223f;
    private static final float E9 = 0.17087277f;

    private VectorMath() {
    }

    /** e^x for every lane, the same bits as {@link #exp(float)} gives for each. */
    static FloatVector exp(FloatVector v) {
        FloatVector x = v.max(EXP_LO).min(EXP_HI); // NaN stays NaN
        FloatVector t = x.mul(LOG2E).add(ROUND);
        FloatVector fx = t.sub(ROUND);
        FloatVector r = x.sub(fx.mul(LN2_HI)).sub(fx.mul(LN2_LO));
        FloatVector p = r.fma(P0, P1).fma(r, FloatVector.broadcast(S, P2)).fma(r, FloatVector.broadcast(S, P3))
                .fma(r, FloatVector.broadcast(S, P4)).fma(r, FloatVector.broadcast(S, P5));
        FloatVector y = p.mul(r.mul(r)).add(r).add(1f);
        // 2^n as two powers of two, so that n from -150 to 128 (subnormal and overflowing results) needs no special case.
        // n from the bits of t, whose mantissa holds it (a float-to-int conversion costs twice the whole polynomial here).
        IntVector n = ((IntVector) t.reinterpretAsInts()).sub(ROUND_BITS);
        IntVector n1 = n.lanewise(VectorOperators.ASHR, 1);
        IntVector n2 = n.sub(n1);
        FloatVector s1 = (FloatVector) n1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = (FloatVector) n2.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return y.mul(s1).mul(s2);
    }

    /** e^x, the same operations as {@link #exp(FloatVector)}. */
    static float exp(float v) {
        float x = Math.min(Math.max(v, EXP_LO), EXP_HI);
        float t = x * LOG2E + ROUND;
        float fx = t - ROUND;
        float r = (x - fx * LN2_HI) - fx * LN2_LO;
        float p = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(r, P0, P1), r, P2), r, P3), r, P4), r, P5);
        float y = p * (r * r) + r + 1f;
        int n = Float.floatToRawIntBits(t) - ROUND_BITS;
        int n1 = n >> 1;
        int n2 = n - n1;
        return y * Float.intBitsToFloat((n1 + 127) << 23) * Float.intBitsToFloat((n2 + 127) << 23);
    }

    /** tanh for every lane, the same bits as {@link #tanh(float)} gives for each. */
    static FloatVector tanh(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector e = exp(a.add(a));
        FloatVector large = FloatVector.broadcast(S, 1f).sub(FloatVector.broadcast(S, 2f).div(e.add(1f)));
        large = large.blend(large.neg(), x.compare(VectorOperators.LT, 0f));
        FloatVector s = x.mul(x);
        FloatVector q = s.fma(T0, T1).fma(s, FloatVector.broadcast(S, T2)).fma(s, FloatVector.broadcast(S, T3))
                .fma(s, FloatVector.broadcast(S, T4));
        FloatVector small = q.mul(s).mul(x).add(x).blend(x, x.compare(VectorOperators.EQ, 0f)); // tanh(-0) = -0
        return large.blend(small, a.compare(VectorOperators.LT, TANH_SMALL));
    }

    /** tanh, the same operations as {@link #tanh(FloatVector)}. */
    static float tanh(float x) {
        float a = Math.abs(x);
        if (a < TANH_SMALL) {
            if (x == 0f) {
                return x; // tanh(-0) = -0
            }
            float s = x * x;
            float q = Math.fma(Math.fma(Math.fma(Math.fma(s, T0, T1), s, T2), s, T3), s, T4);
            return q * s * x + x;
        }
        float large = 1f - 2f / (exp(a + a) + 1f);
        return x < 0f ? -large : large;
    }

    /** The lanes' sum, added in lane order (reduceLanes(ADD) may add them in any order). */
    private static float sum(FloatVector v) {
        float[] lanes = new float[L];
        v.intoArray(lanes, 0);
        float s = 0f;
        for (float x : lanes) {
            s += x;
        }
        return s;
    }

    /** {@code y[yo+i] = exp(x[xo+i] - shift)}; returns the sum of the results. */
    static float expShifted(float[] x, int xo, float[] y, int yo, int n, float shift) {
        int i = 0;
        int bound = S.loopBound(n);
        FloatVector sum = FloatVector.zero(S);
        if (bound > 0) {
            FloatVector sh = FloatVector.broadcast(S, shift);
            for (; i < bound; i += L) {
                FloatVector e = exp(FloatVector.fromArray(S, x, xo + i).sub(sh));
                e.intoArray(y, yo + i);
                sum = sum.add(e);
            }
        }
        float s = sum(sum);
        for (; i < n; i++) {
            float e = exp(x[xo + i] - shift);
            y[yo + i] = e;
            s += e;
        }
        return s;
    }

    /**
     * The backward of one softmax row, times a constant: {@code out[oo+j] = y[yo+j] * (g[go+j] - dot) * c}
     * with {@code dot = Σ g·y} (summed in vectors, their lanes added in order), for {@code j < n}.
     */
    static void softmaxBackward(float[] g, int go, float[] y, int yo, int n, float c, float[] out, int oo) {
        int i = 0;
        int bound = S.loopBound(n);
        FloatVector acc = FloatVector.zero(S);
        for (; i < bound; i += L) {
            acc = FloatVector.fromArray(S, g, go + i).fma(FloatVector.fromArray(S, y, yo + i), acc);
        }
        float dot = sum(acc);
        for (; i < n; i++) {
            dot = Math.fma(g[go + i], y[yo + i], dot);
        }
        FloatVector dv = FloatVector.broadcast(S, dot);
        i = 0;
        for (; i < bound; i += L) {
            FloatVector.fromArray(S, y, yo + i).mul(FloatVector.fromArray(S, g, go + i).sub(dv)).mul(c)
                    .intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = y[yo + i] * (g[go + i] - dot) * c;
        }
    }

    static float max(float[] x, int xo, int n) {
        int i = 0;
        int bound = S.loopBound(n);
        float m = Float.NEGATIVE_INFINITY;
        if (bound > 0) {
            FloatVector v = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
            for (; i < bound; i += L) {
                v = v.max(FloatVector.fromArray(S, x, xo + i));
            }
            m = v.reduceLanes(VectorOperators.MAX);
        }
        for (; i < n; i++) {
            m = Math.max(m, x[xo + i]);
        }
        return m;
    }

    static void scale(float[] y, int yo, int n, float c) {
        int i = 0;
        int bound = S.loopBound(n);
        for (; i < bound; i += L) {
            FloatVector.fromArray(S, y, yo + i).mul(c).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] *= c;
        }
    }

    /** {@code y = 1 / (1 + exp(-x))}. */
    static void sigmoid(float[] x, float[] y, int from, int to) {
        int i = from;
        int bound = from + S.loopBound(to - from);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (; i < bound; i += L) {
            FloatVector e = exp(FloatVector.fromArray(S, x, i).neg());
            one.div(one.add(e)).intoArray(y, i);
        }
        for (; i < to; i++) {
            y[i] = 1f / (1f + exp(-x[i]));
        }
    }

    static void tanh(float[] x, float[] y, int from, int to) {
        int i = from;
        int bound = from + S.loopBound(to - from);
        for (; i < bound; i += L) {
            tanh(FloatVector.fromArray(S, x, i)).intoArray(y, i);
        }
        for (; i < to; i++) {
            y[i] = tanh(x[i]);
        }
    }

    /** {@code gx += x > 0 ? g : 0}: ReLU backward (C2 on JDK 17 does not vectorise the select). */
    static void reluBackward(float[] x, float[] g, float[] gx, int from, int to) {
        int i = from;
        int bound = from + S.loopBound(to - from);
        for (; i < bound; i += L) {
            FloatVector xv = FloatVector.fromArray(S, x, i);
            FloatVector gv = FloatVector.fromArray(S, g, i);
            FloatVector keep = gv.blend(0f, xv.compare(VectorOperators.LE, 0f));
            FloatVector.fromArray(S, gx, i).add(keep).intoArray(gx, i);
        }
        for (; i < to; i++) {
            gx[i] += x[i] > 0f ? g[i] : 0f;
        }
    }

    /** {@code gx += g * y * (1 - y)}: sigmoid backward from its output. */
    static void sigmoidBackward(float[] y, float[] g, float[] gx, int from, int to) {
        int i = from;
        int bound = from + S.loopBound(to - from);
        for (; i < bound; i += L) {
            FloatVector yv = FloatVector.fromArray(S, y, i);
            FloatVector d = FloatVector.fromArray(S, g, i).mul(yv).mul(yv.neg().add(1f));
            FloatVector.fromArray(S, gx, i).add(d).intoArray(gx, i);
        }
        for (; i < to; i++) {
            gx[i] += g[i] * y[i] * (1f - y[i]);
        }
    }

    /** {@code y = max(z, 0)}, in place when y is z. */
    static void relu(float[] z, float[] y, int from, int to) {
        int i = from;
        int bound = from + S.loopBound(to - from);
        for (; i < bound; i += L) {
            FloatVector.fromArray(S, z, i).max(0f).intoArray(y, i);
        }
        for (; i < to; i++) {
            y[i] = Math.max(z[i], 0f);
        }
    }

    /**
     * SiLU {@code y = z · s} with {@code s = 1 / (1 + exp(−z))} kept in {@code s} for the backward
     * (the bits of {@link #sigmoid} followed by the product, as {@code Tensor.silu()}); with
     * {@code s == null} the sigmoid is not kept and y may be z.
     */
    static void silu(float[] z, float[] y, float[] s, int from, int to) {
        int i = from;
        int bound = from + S.loopBound(to - from);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (; i < bound; i += L) {
            FloatVector zv = FloatVector.fromArray(S, z, i);
            FloatVector sv = one.div(one.add(exp(zv.neg())));
            if (s != null) {
                sv.intoArray(s, i);
            }
            sv.mul(zv).intoArray(y, i);
        }
        for (; i < to; i++) {
            float sv = 1f / (1f + exp(-z[i]));
            if (s != null) {
                s[i] = sv;
            }
            y[i] = sv * z[i];
        }
    }

    /** {@code dst[dOff + i] += src[so + i]} for {@code i < n}. */
    static void addInto(float[] src, int so, float[] dst, int dOff, int n) {
        int i = 0;
        int bound = S.loopBound(n);
        for (; i < bound; i += L) {
            FloatVector.fromArray(S, dst, dOff + i).add(FloatVector.fromArray(S, src, so + i)).intoArray(dst, dOff + i);
        }
        for (; i < n; i++) {
            dst[dOff + i] += src[so + i];
        }
    }

    /** {@code g = y > 0 ? g : 0} in place: ReLU backward from its output (y > 0 exactly where z > 0). */
    static void reluBackwardInPlace(float[] y, float[] g, int from, int to) {
        int i = from;
        int bound = from + S.loopBound(to - from);
        for (; i < bound; i += L) {
            FloatVector yv = FloatVector.fromArray(S, y, i);
            FloatVector.fromArray(S, g, i).blend(0f, yv.compare(VectorOperators.LE, 0f)).intoArray(g, i);
        }
        for (; i < to; i++) {
            g[i] = y[i] > 0f ? g[i] : 0f;
        }
    }

    /** {@code g = g · y · (1 − y)} in place: sigmoid backward from its output, as {@link #sigmoidBackward}. */
    static void sigmoidBackwardInPlace(float[] y, float[] g, int from, int to) {
        int i = from;
        int bound = from + S.loopBound(to - from);
        for (; i < bound; i += L) {
            FloatVector yv = FloatVector.fromArray(S, y, i);
            FloatVector.fromArray(S, g, i).mul(yv).mul(yv.neg().add(1f)).intoArray(g, i);
        }
        for (; i < to; i++) {
            g[i] = g[i] * y[i] * (1f - y[i]);
        }
    }

    /** {@code g = g · s · (1 + z (1 − s))} in place: SiLU backward from its input z and kept sigmoid s. */
    static void siluBackwardInPlace(float[] z, float[] s, float[] g, int from, int to) {
        int i = from;
        int bound = from + S.loopBound(to - from);
        for (; i < bound; i += L) {
            FloatVector sv = FloatVector.fromArray(S, s, i);
            FloatVector d = FloatVector.fromArray(S, z, i).mul(sv.neg().add(1f)).add(1f);
            FloatVector.fromArray(S, g, i).mul(sv).mul(d).intoArray(g, i);
        }
        for (; i < to; i++) {
            g[i] = g[i] * s[i] * (1f + z[i] * (1f - s[i]));
        }
    }

    /**
     * {@code gx += g * s * (1 + x * (1 - s))} with {@code s = sigmoid(x)}: SiLU's backward, the
     * sigmoid computed as {@link #sigmoid(float[], float[], int, int)} does (the forward's value).
     */
    static void siluBackward(float[] x, float[] g, float[] gx, int from, int to) {
        int i = from;
        int bound = from + S.loopBound(to - from);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (; i < bound; i += L) {
            FloatVector xv = FloatVector.fromArray(S, x, i);
            FloatVector sg = one.div(one.add(exp(xv.neg())));
            FloatVector d = FloatVector.fromArray(S, g, i).mul(sg).mul(xv.mul(one.sub(sg)).add(one));
            FloatVector.fromArray(S, gx, i).add(d).intoArray(gx, i);
        }
        for (; i < to; i++) {
            float sg = 1f / (1f + exp(-x[i]));
            gx[i] += g[i] * sg * (1f + x[i] * (1f - sg));
        }
    }

    static void exp(float[] x, float[] y, int from, int to) {
        expShifted(x, from, y, from, to - from, 0f);
    }

    /** The standard normal CDF per lane, the same bits as {@link #phi(float)} gives for each. */
    static FloatVector phi(FloatVector x) {
        FloatVector z = x.abs().mul(SQRT_HALF);
        FloatVector t = z.fma(0.5f, 1f);
        t = FloatVector.broadcast(S, 1f).div(t);
        FloatVector p = t.fma(E9, E8).fma(t, FloatVector.broadcast(S, E7)).fma(t, FloatVector.broadcast(S, E6))
                .fma(t, FloatVector.broadcast(S, E5)).fma(t, FloatVector.broadcast(S, E4)).fma(t, FloatVector.broadcast(S, E3))
                .fma(t, FloatVector.broadcast(S, E2)).fma(t, FloatVector.broadcast(S, E1)).fma(t, FloatVector.broadcast(S, E0));
        FloatVector half = t.mul(exp(z.neg().fma(z, p))).mul(0.5f);
        return FloatVector.broadcast(S, 1f).sub(half).blend(half, x.compare(VectorOperators.LT, 0f));
    }

    /** The standard normal CDF, {@code erfc(-x / sqrt 2) / 2}, within a few float ulp. */
    static float phi(float x) {
        float z = Math.abs(x) * SQRT_HALF;
        float t = Math.fma(z, 0.5f, 1f);
        t = 1f / t;
        float p = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(t, E9, E8), t, E7), t, E6), t, E5),
                t, E4), t, E3), t, E2), t, E1), t, E0);
        float half = t * exp(Math.fma(-z, z, p)) * 0.5f;
        return x < 0f ? half : 1f - half;
    }

    /** {@code y = x * Phi(x)}: exact (erf) GELU. */
    static void gelu(float[] x, float[] y, int from, int to) {
        int i = from;
        int bound = from + S.loopBound(to - from);
        for (; i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            v.mul(phi(v)).intoArray(y, i);
        }
        for (; i < to; i++) {
            y[i] = x[i] * phi(x[i]);
        }
    }

    /** {@code gx += g * (Phi(x) + x * exp(-x^2 / 2) / sqrt(2 pi))}: exact GELU backward. */
    static void geluBackward(float[] x, float[] g, float[] gx, int from, int to) {
        int i = from;
        int bound = from + S.loopBound(to - from);
        for (; i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            FloatVector density = exp(v.mul(-0.5f).mul(v)).mul(INV_SQRT_2PI);
            FloatVector d = v.fma(density, phi(v));
            FloatVector.fromArray(S, g, i).fma(d, FloatVector.fromArray(S, gx, i)).intoArray(gx, i);
        }
        for (; i < to; i++) {
            float v = x[i];
            float d = Math.fma(v, exp(v * -0.5f * v) * INV_SQRT_2PI, phi(v));
            gx[i] = Math.fma(g[i], d, gx[i]);
        }
    }

    /**
     * Softmax of {@code rows} short rows: row r's {@code n} values at {@code x[xo + r*np]} into
     * {@code y[yo + r*ldy]}. {@code x} is scratch with room for {@code np} values per row ({@code n}
     * rounded up to whole vectors) and is overwritten. A row of {@code -inf} only (fully masked)
     * gives zeros, not NaN.
     *
     * <p>Each row's sum runs over its values in order (the rounding of the scalar loop), but eight
     * rows' sums advance side by side: one row's chain of {@code n} dependent additions alone was
     * a fifth of an attention layer's inference.
     */
    static void softmaxRows(float[] x, int xo, int rows, int n, int np, float[] y, int yo, int ldy) {
        for (int r = 0; r < rows; r++) {
            int at = xo + r * np;
            java.util.Arrays.fill(x, at + n, at + np, Float.NEGATIVE_INFINITY);
            FloatVector m = FloatVector.fromArray(S, x, at);
            for (int c = L; c < np; c += L) {
                m = m.max(FloatVector.fromArray(S, x, at + c));
            }
            float max = m.reduceLanes(VectorOperators.MAX); // exact, so in any order
            if (max == Float.NEGATIVE_INFINITY) {
                max = 0f;
            }
            FloatVector shift = FloatVector.broadcast(S, max);
            for (int c = 0; c < np; c += L) {
                exp(FloatVector.fromArray(S, x, at + c).sub(shift)).intoArray(x, at + c);
            }
        }
        int r = 0;
        for (; r + 8 <= rows; r += 8) {
            int a = xo + r * np;
            float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
            for (int j = 0; j < n; j++) {
                int k = a + j;
                s0 += x[k];
                s1 += x[k + np];
                s2 += x[k + 2 * np];
                s3 += x[k + 3 * np];
                s4 += x[k + 4 * np];
                s5 += x[k + 5 * np];
                s6 += x[k + 6 * np];
                s7 += x[k + 7 * np];
            }
            scaleRow(x, a, n, 1f / s0, y, yo + r * ldy);
            scaleRow(x, a + np, n, 1f / s1, y, yo + (r + 1) * ldy);
            scaleRow(x, a + 2 * np, n, 1f / s2, y, yo + (r + 2) * ldy);
            scaleRow(x, a + 3 * np, n, 1f / s3, y, yo + (r + 3) * ldy);
            scaleRow(x, a + 4 * np, n, 1f / s4, y, yo + (r + 4) * ldy);
            scaleRow(x, a + 5 * np, n, 1f / s5, y, yo + (r + 5) * ldy);
            scaleRow(x, a + 6 * np, n, 1f / s6, y, yo + (r + 6) * ldy);
            scaleRow(x, a + 7 * np, n, 1f / s7, y, yo + (r + 7) * ldy);
        }
        for (; r < rows; r++) {
            int a = xo + r * np;
            float sum = 0f;
            for (int j = 0; j < n; j++) {
                sum += x[a + j];
            }
            scaleRow(x, a, n, 1f / sum, y, yo + r * ldy);
        }
    }

    /** {@code y[yo + j] = x[xo + j] * inv} for {@code j < n}. */
    private static void scaleRow(float[] x, int xo, int n, float inv, float[] y, int yo) {
        int j = 0;
        int bound = S.loopBound(n);
        for (; j < bound; j += L) {
            FloatVector.fromArray(S, x, xo + j).mul(inv).intoArray(y, yo + j);
        }
        for (; j < n; j++) {
            y[yo + j] = x[xo + j] * inv;
        }
    }
}
