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
 * Where W7's sampling time goes, variants interleaved in one JVM (not a unit test, and no PyTorch:
 * for the ratio to PyTorch see {@link W7Bench}). Three variants of the same 1,000-step DDPM run of
 * 64 images with {@link GaussianNoise}, in rotation: the network through the autograd forward
 * ({@code Tensor} ops under no-grad); through {@link W7Bench.Inference} called as a plain
 * {@link Sampler.Model} (network, noise and update each handed to the threads, three hand-offs per
 * step); and the same as a {@link Sampler.BlockModel} (one parallel region per step: each thread's
 * rows through the network and the update, and its part of the next step's noise). For the first
 * two, the time in the network, in the noise and in the rest (the sampler's fused step); the third
 * has no such split. An untrained network: the cost does not depend on the weights.
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
        String[] names = {"autograd forward", "inference, three hand-offs", "inference, one region per step"};
        double[][] total = new double[names.length][rounds + 1];
        double[][] net = new double[names.length][rounds + 1];
        double[][] noise = new double[names.length][rounds + 1];
        System.out.println("load: " + load());
        for (int r = 0; r <= rounds; r++) {
            for (int v = 0; v < names.length; v++) {
                long[] spent = new long[2];
                W7Bench.Inference inference = model.inference(N, T);
                Sampler.Model m = v == 0 ? graph(model) : inference;
                Sampler.Model timedModel = v == 2 ? inference : (x, n, t) -> {
                    long t0 = System.nanoTime();
                    float[] out = m.predict(x, n, t);
                    spent[0] += System.nanoTime() - t0;
                    return out;
                };
                GaussianNoise g = new GaussianNoise(4);
                Sampler.Noise timedNoise = v == 2 ? Sampler.Noise.of(g) : z -> {
                    long t0 = System.nanoTime();
                    g.fill(z);
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
