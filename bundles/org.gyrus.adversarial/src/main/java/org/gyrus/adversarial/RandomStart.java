package org.gyrus.adversarial;

import java.util.Random;

/** Points drawn uniformly from an ε-ball, one per sample (ART's {@code random_sphere}). */
final class RandomStart {

    private RandomStart() {
    }

    /**
     * L∞: each value uniform in [-ε, ε]. L2: a uniform direction (normalised Gaussian) times
     * {@code ε u^(1/d)} with u uniform in [0, 1), which is uniform in the ball, the same law as ART's
     * incomplete-gamma construction.
     */
    static float[] inBall(Random random, int samples, int size, float eps, Norm norm) {
        float[] d = new float[samples * size];
        if (norm == Norm.INF) {
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) ((2 * random.nextDouble() - 1) * eps);
            }
            return d;
        }
        for (int s = 0; s < samples; s++) {
            double sq = 0;
            double[] g = new double[size];
            for (int i = 0; i < size; i++) {
                g[i] = random.nextGaussian();
                sq += g[i] * g[i];
            }
            double radius = eps * Math.pow(random.nextDouble(), 1.0 / size) / Math.max(Math.sqrt(sq), 1e-30);
            for (int i = 0; i < size; i++) {
                d[s * size + i] = (float) (g[i] * radius);
            }
        }
        return d;
    }
}
