package org.gyrus.diffusion;

import java.util.Random;

/** Synthetic noise for experiments: Gaussian, or Rician as magnitude MR images have it. */
public final class AddedNoise {

    private AddedNoise() {
    }

    /**
     * A noisy copy of {@code image}.
     *
     * @param kind  gaussian: x + σ n; rician: √((x + σ n₁)² + (σ n₂)²), the magnitude of a complex signal with noise in both channels
     * @param sigma the standard deviation of the noise (per channel for Rician)
     * @param seed  the seed of the draws
     */
    public static float[] add(float[] image, String kind, double sigma, long seed) {
        if (!(sigma >= 0)) {
            throw new IllegalArgumentException("Noise: sigma must be 0 or more, not " + sigma);
        }
        Random r = new Random(seed);
        float[] out = new float[image.length];
        switch (kind) {
            case "gaussian" -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = (float) (image[i] + sigma * r.nextGaussian());
                }
            }
            case "rician" -> {
                for (int i = 0; i < out.length; i++) {
                    double re = image[i] + sigma * r.nextGaussian();
                    double im = sigma * r.nextGaussian();
                    out[i] = (float) Math.sqrt(re * re + im * im);
                }
            }
            default -> throw new IllegalArgumentException("Noise: unknown kind '" + kind + "': use gaussian or rician");
        }
        return out;
    }

    /** max − min of the values (0 for a constant image). */
    public static double range(float[] image) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float v : image) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return image.length == 0 ? 0 : hi - lo;
    }
}
