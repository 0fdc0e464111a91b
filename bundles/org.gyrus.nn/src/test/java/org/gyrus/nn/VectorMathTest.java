package org.gyrus.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * exp, tanh and sigmoid give the same bits on the vector path and on the scalar tail (so a value
 * never depends on where a range split falls, nor on whether the JIT has compiled the loop), and
 * stay within a few ulp of {@link Math}.
 */
class VectorMathTest {

    private static float[] values() {
        SplittableRandom random = new SplittableRandom(11);
        float[] x = new float[100_003]; // not a multiple of any vector length: the tail runs too
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (random.nextDouble() * 210 - 110);
        }
        float[] special = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 88.72f, 88.73f, -87.3f,
            -103.2f, -104.5f, 1e-8f, -1e-8f, 0.6249f, 0.6251f, -0.6251f, 9.1f, -9.1f, 20f};
        System.arraycopy(special, 0, x, 0, special.length);
        return x;
    }

    private static long ulps(float got, double want) {
        float w = (float) want;
        if (Float.isNaN(w) || Float.isInfinite(w) || w == 0f) {
            return Float.compare(got, w) == 0 || got == w ? 0 : Long.MAX_VALUE;
        }
        return Math.abs((long) Float.floatToIntBits(got) - Float.floatToIntBits(w));
    }

    @Test
    void expIsTheSameOnBothPathsAndCloseToMath() {
        float[] x = values();
        float[] y = new float[x.length];
        VectorMath.exp(x, y, 0, x.length);
        long worst = 0;
        for (int i = 0; i < x.length; i++) {
            assertEquals(Float.floatToIntBits(VectorMath.exp(x[i])), Float.floatToIntBits(y[i]), "exp(" + x[i] + ")");
            double want = Math.exp(x[i]);
            if (want >= Float.MIN_NORMAL || Float.isNaN(x[i])) {
                worst = Math.max(worst, ulps(y[i], want));
            } else { // subnormal results: within two of the smallest steps
                assertTrue(Math.abs(y[i] - want) <= 2 * Float.MIN_VALUE, "exp(" + x[i] + ") = " + y[i] + ", not " + want);
            }
        }
        assertTrue(worst <= 2, "worst error " + worst + " ulp");
        assertEquals(Float.POSITIVE_INFINITY, VectorMath.exp(88.73f));
        assertEquals(0f, VectorMath.exp(Float.NEGATIVE_INFINITY));
    }

    @Test
    void tanhIsTheSameOnBothPathsAndCloseToMath() {
        float[] x = values();
        float[] y = new float[x.length];
        VectorMath.tanh(x, y, 0, x.length);
        long worst = 0;
        for (int i = 0; i < x.length; i++) {
            assertEquals(Float.floatToIntBits(VectorMath.tanh(x[i])), Float.floatToIntBits(y[i]), "tanh(" + x[i] + ")");
            worst = Math.max(worst, ulps(y[i], Math.tanh(x[i])));
        }
        assertTrue(worst <= 3, "worst error " + worst + " ulp");
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(VectorMath.tanh(-0f)));
    }

    @Test
    void sigmoidAndShiftedSumsDoNotDependOnTheSplit() {
        float[] x = values();
        float[] whole = new float[x.length];
        VectorMath.sigmoid(x, whole, 0, x.length);
        float[] pieces = new float[x.length];
        for (int from = 0; from < x.length; from += 37) { // ranges of odd lengths: other elements fall in tails
            VectorMath.sigmoid(x, pieces, from, Math.min(x.length, from + 37));
        }
        for (int i = 0; i < x.length; i++) {
            assertEquals(Float.floatToIntBits(whole[i]), Float.floatToIntBits(pieces[i]), "sigmoid(" + x[i] + ")");
        }
        float[] row = new float[1001];
        System.arraycopy(x, 18, row, 0, row.length);
        float[] e = new float[row.length];
        float max = VectorMath.max(row, 0, row.length);
        float s1 = VectorMath.expShifted(row, 0, e, 0, row.length, max);
        float s2 = VectorMath.expShifted(row, 0, e, 0, row.length, max);
        assertEquals(Float.floatToIntBits(s1), Float.floatToIntBits(s2));
        double exact = 0;
        for (float v : row) {
            exact += Math.exp(v - max);
        }
        assertEquals(exact, s1, 1e-5 * exact);
    }
}
