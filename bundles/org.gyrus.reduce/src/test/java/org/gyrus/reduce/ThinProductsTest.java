package org.gyrus.reduce;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The thin-block kernels against the definition, on full tiles and every kind of edge. */
class ThinProductsTest {

    private static float[] random(SplittableRandom r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextDouble(-1, 1);
        }
        return a;
    }

    @Test
    void timesMatchesTheDefinition() {
        SplittableRandom r = new SplittableRandom(1);
        for (int[] s : new int[][] {{100, 37, 60}, {7, 5, 16}, {13, 300, 1}, {6, 1, 33}}) {
            int m = s[0];
            int k = s[1];
            int n = s[2];
            float[] a = random(r, m * k);
            float[] b = random(r, k * n);
            float[] c = new float[m * n];
            ThinProducts.times(a, m, k, b, n, c, 2);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double e = 0;
                    for (int p = 0; p < k; p++) {
                        e += (double) a[i * k + p] * b[p * n + j];
                    }
                    assertEquals(e, c[i * n + j], 1e-4, m + "x" + k + "x" + n + " at " + i + "," + j);
                }
            }
        }
    }

    @Test
    void transposeTimesMatchesTheDefinition() {
        SplittableRandom r = new SplittableRandom(2);
        for (int[] s : new int[][] {{600, 100, 60}, {300, 37, 7}, {5, 16, 6}, {1000, 3, 1}, {257, 60, 60}}) {
            int k = s[0];
            int m = s[1];
            int n = s[2];
            float[] a = random(r, k * m);
            float[] b = random(r, k * n);
            float[] c = new float[m * n];
            ThinProducts.transposeTimes(a, k, m, b, n, c, 2);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double e = 0;
                    for (int p = 0; p < k; p++) {
                        e += (double) a[p * m + i] * b[p * n + j];
                    }
                    assertEquals(e, c[i * n + j], 1e-3, k + "x" + m + "x" + n + " at " + i + "," + j);
                }
            }
        }
    }

    @Test
    void powerStepMatchesTheDefinition() {
        SplittableRandom r = new SplittableRandom(3);
        // Rows: whole and partial blocks of 48, a partial group of 6; columns: partial vectors.
        for (int[] s : new int[][] {{100, 37, 60}, {203, 1000, 60}, {13, 5, 7}, {96, 64, 6}, {5, 40, 62}, {1, 3, 1}}) {
            int m = s[0];
            int k = s[1];
            int n = s[2];
            float[] a = random(r, m * k);
            float[] z = random(r, k * n);
            float[] w = new float[k * n];
            float[] g = new float[n * n];
            ThinProducts.powerStep(a, m, k, z, n, w, g, 2);
            double[] y = new double[m * n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    for (int p = 0; p < k; p++) {
                        y[i * n + j] += (double) a[i * k + p] * z[p * n + j];
                    }
                }
            }
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < n; j++) {
                    double e = 0;
                    for (int i = 0; i < m; i++) {
                        e += a[i * k + c] * y[i * n + j];
                    }
                    assertEquals(e, w[c * n + j], 1e-5 * (1 + Math.abs(e)) * Math.sqrt(m * k), m + "x" + k + "x" + n + " W at " + c + "," + j);
                }
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double e = 0;
                    for (int p = 0; p < m; p++) {
                        e += y[p * n + i] * y[p * n + j];
                    }
                    assertEquals(e, g[i * n + j], 1e-5 * (1 + Math.abs(e)) * Math.sqrt(m * k), m + "x" + k + "x" + n + " G at " + i + "," + j);
                }
            }
        }
    }
}
