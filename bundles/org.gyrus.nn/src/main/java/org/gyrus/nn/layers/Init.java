package org.gyrus.nn.layers;

import java.util.Random;
import org.gyrus.nn.Tensor;

/**
 * Weight initialisers, as in {@code torch.nn.init}, drawing from a caller-supplied seeded source.
 * Fans are computed PyTorch's way: for a weight {@code [out, in, k...]}, fan-in is
 * {@code in * prod(k)} and fan-out {@code out * prod(k)}.
 */
public final class Init {

    private Init() {
    }

    static int fanIn(Tensor w) {
        int[] s = w.shape();
        if (s.length < 2) {
            throw new IllegalArgumentException("fan needs a weight of rank >= 2");
        }
        return w.size() / s[0];
    }

    static int fanOut(Tensor w) {
        int[] s = w.shape();
        if (s.length < 2) {
            throw new IllegalArgumentException("fan needs a weight of rank >= 2");
        }
        return w.size() / s[1];
    }

    /**
     * Fills with samples uniform in {@code [low, high)}.
     *
     * @param t      the tensor
     * @param low    lower bound
     * @param high   upper bound
     * @param random source
     */
    public static void uniform(Tensor t, double low, double high, Random random) {
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (low + (high - low) * random.nextDouble());
        }
    }

    /**
     * Fills with normal samples.
     *
     * @param t      the tensor
     * @param mean   mean
     * @param std    standard deviation
     * @param random source
     */
    public static void normal(Tensor t, double mean, double std, Random random) {
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (mean + std * random.nextGaussian());
        }
    }

    /**
     * Xavier/Glorot uniform: bound {@code gain * sqrt(6 / (fanIn + fanOut))}.
     *
     * @param w      the weight
     * @param gain   scale (1 for linear/sigmoid)
     * @param random source
     */
    public static void xavierUniform(Tensor w, double gain, Random random) {
        double bound = gain * Math.sqrt(6.0 / (fanIn(w) + fanOut(w)));
        uniform(w, -bound, bound, random);
    }

    /**
     * Xavier/Glorot normal: std {@code gain * sqrt(2 / (fanIn + fanOut))}.
     *
     * @param w      the weight
     * @param gain   scale
     * @param random source
     */
    public static void xavierNormal(Tensor w, double gain, Random random) {
        normal(w, 0, gain * Math.sqrt(2.0 / (fanIn(w) + fanOut(w))), random);
    }

    /**
     * He/Kaiming uniform over fan-in for a leaky-ReLU slope {@code a} (0 for ReLU): bound
     * {@code sqrt(2 / (1 + a^2)) * sqrt(3 / fanIn)}.
     *
     * @param w      the weight
     * @param a      negative slope of the following leaky ReLU
     * @param random source
     */
    public static void kaimingUniform(Tensor w, double a, Random random) {
        double gain = Math.sqrt(2.0 / (1 + a * a));
        double bound = gain * Math.sqrt(3.0 / fanIn(w));
        uniform(w, -bound, bound, random);
    }

    /**
     * He/Kaiming normal over fan-in: std {@code sqrt(2 / (1 + a^2)) / sqrt(fanIn)}.
     *
     * @param w      the weight
     * @param a      negative slope of the following leaky ReLU
     * @param random source
     */
    public static void kaimingNormal(Tensor w, double a, Random random) {
        normal(w, 0, Math.sqrt(2.0 / (1 + a * a)) / Math.sqrt(fanIn(w)), random);
    }

    /**
     * PyTorch's default initialisation of {@code nn.Linear}: Kaiming uniform with
     * {@code a = sqrt(5)} for the weight (bound {@code 1/sqrt(fanIn)}), and the bias uniform in
     * {@code [-1/sqrt(fanIn), 1/sqrt(fanIn))}.
     *
     * @param weight the {@code [out, in]} weight
     * @param bias   the bias, or null
     * @param random source
     */
    public static void linearDefault(Tensor weight, Tensor bias, Random random) {
        kaimingUniform(weight, Math.sqrt(5), random);
        if (bias != null) {
            double bound = 1.0 / Math.sqrt(fanIn(weight));
            uniform(bias, -bound, bound, random);
        }
    }
}
