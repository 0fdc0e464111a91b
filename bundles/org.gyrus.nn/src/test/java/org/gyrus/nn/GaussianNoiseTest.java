package org.gyrus.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/**
 * The vectorised normal source: reproducible (seed, thread count), and standard normal by its
 * moments, its distribution function (Kolmogorov–Smirnov) and its tails.
 */
class GaussianNoiseTest {

    @Test
    void theSameSeedGivesTheSameValuesOnOneThreadOrMany() {
        GaussianNoise a = new GaussianNoise(42);
        GaussianNoise b = new GaussianNoise(42);
        for (int len : new int[] {50_176, 100_003, 31, 1}) {
            float[] x = new float[len];
            float[] y = new float[len];
            a.fill(x, true);
            b.fill(y, false);
            assertArrayEquals(x, y, 0f, "length " + len);
        }
        float[] other = new float[1000];
        float[] mine = new float[1000];
        new GaussianNoise(43).fill(other);
        new GaussianNoise(42).fill(mine);
        assertFalse(Arrays.equals(other, mine), "another seed gives other values");
    }

    @Test
    void fillingByPartsGivesTheWholeFillsValues() {
        for (int parts : new int[] {1, 2, 3, 8}) {
            GaussianNoise whole = new GaussianNoise(9);
            GaussianNoise byParts = new GaussianNoise(9);
            for (int len : new int[] {50_176, 100_003, 31}) {
                float[] x = new float[len];
                float[] y = new float[len];
                whole.fill(x);
                for (int p = parts - 1; p >= 0; p--) { // any order
                    byParts.fill(y, p, parts);
                }
                assertArrayEquals(x, y, 0f, parts + " parts, length " + len);
            }
        }
    }

    @Test
    void valuesAreStandardNormal() {
        GaussianNoise g = new GaussianNoise(7);
        int n = 1_000_003; // not a multiple of the block: partial blocks are drawn too
        float[] x = new float[n];
        g.fill(x);
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        long beyond3 = 0;
        for (float v : x) {
            assertTrue(Float.isFinite(v) && Math.abs(v) < 5.8f, "value " + v);
            s1 += v;
            s2 += (double) v * v;
            s3 += (double) v * v * v;
            s4 += (double) v * v * v * v;
            if (Math.abs(v) > 3) {
                beyond3++;
            }
        }
        // standard errors for n = 1e6: mean 0.001, variance 0.0014, third moment 0.0039, fourth 0.0098
        assertEquals(0, s1 / n, 0.005, "mean");
        assertEquals(1, s2 / n, 0.007, "variance");
        assertEquals(0, s3 / n, 0.02, "third moment");
        assertEquals(3, s4 / n, 0.05, "fourth moment");
        // P(|z| > 3) = 0.0026998, sd of the count ~ 52
        assertEquals(2699.8, beyond3, 260, "values beyond 3 sigma");
        float[] sorted = x.clone();
        Arrays.sort(sorted);
        double ks = 0;
        for (int i = 0; i < n; i += 7) {
            double cdf = VectorMath.phi(sorted[i]);
            ks = Math.max(ks, Math.max(Math.abs(cdf - (double) i / n), Math.abs(cdf - (double) (i + 1) / n)));
        }
        // the 0.1 % critical value of the Kolmogorov-Smirnov distance for n = 1e6 is 0.00195
        assertTrue(ks < 0.00195, "Kolmogorov-Smirnov distance " + ks);
        // successive fills continue the sequence
        float[] next = new float[n];
        g.fill(next);
        assertFalse(Arrays.equals(x, next), "the second fill draws new values");
    }
}
