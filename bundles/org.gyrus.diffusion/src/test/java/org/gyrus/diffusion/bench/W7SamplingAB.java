package org.gyrus.diffusion.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

import org.gyrus.diffusion.NoiseSchedule;
import org.gyrus.diffusion.Prediction;
import org.gyrus.diffusion.Sampler;
import org.gyrus.nn.GaussianNoise;
import org.gyrus.nn.NoGrad;
import org.gyrus.nn.Tensor;

/**
 * Where W7's sampling time goes, old and new code interleaved in one JVM (not a unit test, and
 * no PyTorch: for the ratio to PyTorch see {@link W7Bench}). Four variants of the same 1,000-step
 * DDPM run of 64 images, in rotation: the network through the autograd forward ({@code Tensor}
 * ops under no-grad) or through {@link W7Bench.Inference}, the noise from
 * {@code java.util.Random.nextGaussian} or {@link GaussianNoise}; for each, the time in the
 * network, in the noise and in the rest (the sampler's fused step). An untrained network: the
 * cost does not depend on the weights.
 *
 * <pre>java --add-modules jdk.incubator.vector -Xmx4g -cp … org.gyrus.diffusion.bench.W7SamplingAB [rounds]</pre>
 */
public final class W7SamplingAB {

    private static final int T = 1000;
    private static final int N = 64;
    private static final int D = 784;

    private W7SamplingAB() {
    }

    /** Runs the rotation. */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        W7Bench.EpsMlp model = new W7Bench.EpsMlp(new Random(0));
        Sampler sampler = new Sampler(NoiseSchedule.linear(T, 1e-4, 0.02), Prediction.EPSILON, false);
        String[] names = {"autograd forward + Random", "autograd forward + GaussianNoise", "inference + Random", "inference + GaussianNoise"};
        double[][] total = new double[names.length][rounds + 1];
        double[][] net = new double[names.length][rounds + 1];
        double[][] noise = new double[names.length][rounds + 1];
        System.out.println("load: " + load());
        for (int r = 0; r <= rounds; r++) {
            for (int v = 0; v < names.length; v++) {
                long[] spent = new long[2];
                Sampler.Model m = v < 2 ? graph(model) : model.inference(N, T);
                Sampler.Model timedModel = (x, n, t) -> {
                    long t0 = System.nanoTime();
                    float[] out = m.predict(x, n, t);
                    spent[0] += System.nanoTime() - t0;
                    return out;
                };
                Sampler.Noise source = v % 2 == 0 ? javaRandom(new Random(4)) : new GaussianNoise(4)::fill;
                Sampler.Noise timedNoise = z -> {
                    long t0 = System.nanoTime();
                    source.fill(z);
                    spent[1] += System.nanoTime() - t0;
                };
                float[] x = new float[N * D];
                new GaussianNoise(3).fill(x);
                long t0 = System.nanoTime();
                sampler.ddpm(timedModel, x, N, T - 1, timedNoise, (done, all) -> { });
                total[v][r] = (System.nanoTime() - t0) / 1e6;
                net[v][r] = spent[0] / 1e6;
                noise[v][r] = spent[1] / 1e6;
            }
        }
        for (int v = 0; v < names.length; v++) {
            System.out.printf(Locale.ROOT, "%-34s median %7.1f ms  (network %7.1f, noise %6.1f, rest %5.1f)  runs %s  warm-up %.1f ms%n",
                    names[v], median(total[v]), median(net[v]), median(noise[v]),
                    median(total[v]) - median(net[v]) - median(noise[v]), Arrays.toString(timed(total[v])), total[v][0]);
        }
        System.out.println("load: " + load());
    }

    private static Sampler.Model graph(W7Bench.EpsMlp model) {
        return (xt, k, t) -> {
            try (NoGrad ignored = Tensor.noGrad()) {
                float[] ts = new float[k];
                Arrays.fill(ts, t);
                return model.forward(Tensor.of(xt, k, D), Tensor.of(ts, k)).data();
            }
        };
    }

    private static Sampler.Noise javaRandom(Random g) {
        return z -> {
            for (int i = 0; i < z.length; i++) {
                z[i] = (float) g.nextGaussian();
            }
        };
    }

    private static double[] timed(double[] runs) {
        return Arrays.stream(runs, 1, runs.length).map(v -> Math.round(v * 10) / 10.0).toArray();
    }

    private static double median(double[] runs) {
        double[] s = Arrays.copyOfRange(runs, 1, runs.length);
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static String load() {
        return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
