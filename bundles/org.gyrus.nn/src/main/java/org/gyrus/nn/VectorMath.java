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

    static void exp(float[] x, float[] y, int from, int to) {
        expShifted(x, from, y, from, to - from, 0f);
    }
}
