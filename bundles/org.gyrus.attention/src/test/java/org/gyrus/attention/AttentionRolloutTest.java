package org.gyrus.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class AttentionRolloutTest {

    /** Random row-stochastic weights [N, H, T, T]. */
    static float[] weights(Random r, int n, int h, int t) {
        float[] w = new float[n * h * t * t];
        for (int row = 0; row < n * h * t; row++) {
            double sum = 0;
            for (int j = 0; j < t; j++) {
                w[row * t + j] = (float) r.nextDouble();
                sum += w[row * t + j];
            }
            for (int j = 0; j < t; j++) {
                w[row * t + j] /= (float) sum;
            }
        }
        return w;
    }

    @Test
    void equalsTheMatrixProductOfAbnarAndZuidema() {
        Random r = new Random(3);
        int n = 2;
        int h = 3;
        int t = 5;
        List<float[]> layers = List.of(weights(r, n, h, t), weights(r, n, h, t), weights(r, n, h, t));
        for (int s = 0; s < n; s++) {
            // R = A3' A2' A1', A' = 0.5 mean_h(A) + 0.5 I
            double[][] prod = null;
            for (float[] w : layers) {
                double[][] a = new double[t][t];
                for (int i = 0; i < t; i++) {
                    for (int j = 0; j < t; j++) {
                        double m = 0;
                        for (int k = 0; k < h; k++) {
                            m += w[((s * h + k) * t + i) * t + j] / h;
                        }
                        a[i][j] = 0.5 * m + (i == j ? 0.5 : 0);
                    }
                }
                if (prod == null) {
                    prod = a;
                } else {
                    double[][] c = new double[t][t];
                    for (int i = 0; i < t; i++) {
                        for (int j = 0; j < t; j++) {
                            for (int k = 0; k < t; k++) {
                                c[i][j] += a[i][k] * prod[k][j];
                            }
                        }
                    }
                    prod = c;
                }
            }
            double[] got = AttentionRollout.rollout(layers, h, t, s);
            double sum = prod[0][0];
            for (int j = 1; j < t; j++) {
                assertEquals(prod[0][j], got[j - 1], 1e-8);
                sum += got[j - 1];
            }
            assertEquals(1.0, sum, 1e-6);
        }
    }

    @Test
    void clsRowIsTheFirstRowOfAHead() {
        Random r = new Random(4);
        float[] w = weights(r, 2, 2, 4);
        double[] row = AttentionRollout.clsRow(w, 2, 4, 1, 1);
        for (int j = 1; j < 4; j++) {
            assertEquals(w[((1 * 2 + 1) * 4) * 4 + j], row[j - 1], 0);
        }
    }
}
