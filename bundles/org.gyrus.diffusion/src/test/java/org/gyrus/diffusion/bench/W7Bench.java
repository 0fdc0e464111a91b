package org.gyrus.diffusion.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

import org.gyrus.diffusion.DiffusionSteps;
import org.gyrus.diffusion.NoiseSchedule;
import org.gyrus.diffusion.Prediction;
import org.gyrus.diffusion.Sampler;
import org.gyrus.nn.Losses;
import org.gyrus.nn.NoGrad;
import org.gyrus.nn.Tensor;
import org.gyrus.nn.layers.Linear;
import org.gyrus.nn.layers.Module;
import org.gyrus.nn.layers.SinusoidalEmbedding;
import org.gyrus.nn.optim.Adam;

/**
 * W7 of bench/peers/bench_peers.py (not a unit test): the same DDPM workload as the PyTorch peer,
 * an ε-predictor MLP (784 + 64 → 512 → 512 → 784, SiLU; 64-wide sinusoidal timestep embedding
 * concatenated to the image) on the 20,000 28×28 images of {@code gen_data.py} scaled to [−1, 1],
 * T = 1000 linear betas. Case 1: one training epoch (batch 128, t uniform, ε ~ N(0, I), MSE on ε,
 * Adam 1e-3), 1 warm-up + {@code runs} timed epochs of one training run. Case 2: DDPM ancestral
 * sampling of 64 images over 1,000 steps without autograd (Gyrus's Sampler: fused step, posterior
 * variance; the peer uses σ² = β, the same cost), model trained one epoch first.
 *
 * <pre>java --add-modules jdk.incubator.vector -Xmx4g -cp … org.gyrus.diffusion.bench.W7Bench /tmp/gyrus-bench-data/images_x.npy [runs]</pre>
 */
public final class W7Bench {

    private static final int T = 1000;
    private static final int BATCH = 128;

    /** The peer's network. */
    static final class EpsMlp extends Module {
        private final SinusoidalEmbedding embedding = child("embedding", new SinusoidalEmbedding(64));
        private final Linear l1;
        private final Linear l2;
        private final Linear l3;

        EpsMlp(Random random) {
            l1 = child("l1", new Linear(784 + 64, 512, random));
            l2 = child("l2", new Linear(512, 512, random));
            l3 = child("l3", new Linear(512, 784, random));
        }

        @Override
        public Tensor forward(Tensor x) {
            throw new UnsupportedOperationException("the ε-model needs timesteps");
        }

        @Override
        public Tensor forward(Tensor x, Tensor t) {
            Tensor h = l1.forward(Tensor.concat(1, x, embedding.forward(t))).silu();
            return l3.forward(l2.forward(h).silu());
        }
    }

    private W7Bench() {
    }

    /** Runs the benchmark. */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "/tmp/gyrus-bench-data/images_x.npy");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int[][] shape = new int[1][];
        float[] x = Npy.read(file, shape);
        int n = shape[0][0];
        int d = x.length / n;
        for (int i = 0; i < x.length; i++) {
            x[i] = x[i] * 2 - 1;
        }
        NoiseSchedule schedule = NoiseSchedule.linear(T, 1e-4, 0.02);
        Random random = new Random(0);
        EpsMlp model = new EpsMlp(random);
        Adam adam = new Adam(model.parameters(), 1e-3);
        double[] times = new double[runs + 1];
        double loss = 0;
        for (int e = 0; e <= runs; e++) {
            long t0 = System.nanoTime();
            loss = epoch(model, adam, schedule, x, n, d, random);
            times[e] = (System.nanoTime() - t0) / 1e6;
        }
        report("W7 DDPM train epoch (20,000, batch 128)", times, n / 1.0, "samples/s", String.format(Locale.ROOT, "mean epoch loss %.4f", loss));
        Sampler sampler = new Sampler(schedule, Prediction.EPSILON, false);
        Sampler.Model net = (xt, k, t) -> {
            try (NoGrad ignored = Tensor.noGrad()) {
                float[] ts = new float[k];
                Arrays.fill(ts, t);
                return model.forward(Tensor.of(xt.clone(), k, d), Tensor.of(ts, k)).data();
            }
        };
        double[] sampling = new double[runs + 1];
        float[] last = null;
        for (int r = 0; r <= runs; r++) {
            Random g = new Random(4);
            Sampler.Noise noise = z -> {
                for (int i = 0; i < z.length; i++) {
                    z[i] = (float) g.nextGaussian();
                }
            };
            float[] start = new float[64 * d];
            noise.fill(start);
            long t0 = System.nanoTime();
            last = sampler.ddpm(net, start, 64, T - 1, noise, (done, total) -> { });
            sampling[r] = (System.nanoTime() - t0) / 1e6;
        }
        double mean = 0;
        for (float v : last) {
            mean += v / last.length;
        }
        report("W7 DDPM reverse sampling 1000 steps x 64", sampling, T, "steps/s", String.format(Locale.ROOT, "sample mean %.4f", mean));
    }

    private static double epoch(EpsMlp model, Adam adam, NoiseSchedule schedule, float[] x, int n, int d, Random random) {
        DiffusionSteps steps = new DiffusionSteps(schedule);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        double total = 0;
        float[] row = new float[d];
        float[] e = new float[d];
        float[] out = new float[d];
        for (int from = 0; from < n; from += BATCH) {
            int b = Math.min(BATCH, n - from);
            float[] xt = new float[b * d];
            float[] eps = new float[b * d];
            float[] ts = new float[b];
            for (int i = 0; i < b; i++) {
                int t = random.nextInt(T);
                ts[i] = t;
                System.arraycopy(x, perm[from + i] * d, row, 0, d);
                for (int k = 0; k < d; k++) {
                    e[k] = (float) random.nextGaussian();
                }
                steps.qSample(row, e, t, out);
                System.arraycopy(out, 0, xt, i * d, d);
                System.arraycopy(e, 0, eps, i * d, d);
            }
            adam.zeroGrad();
            Tensor loss = Losses.mse(model.forward(Tensor.of(xt, b, d), Tensor.of(ts, b)), Tensor.of(eps, b, d));
            loss.backward();
            adam.step();
            total += loss.item() * b;
        }
        return total / n;
    }

    private static void report(String name, double[] times, double items, String unit, String info) {
        double[] timed = Arrays.copyOfRange(times, 1, times.length);
        double[] sorted = timed.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        System.out.printf(Locale.ROOT, "%s  median %.1f ms  min %.1f  max %.1f  (%.0f %s)  runs %s  warm-up %.1f ms  %s%n", name, median,
                sorted[0], sorted[sorted.length - 1], items / (median / 1000), unit, Arrays.toString(timed), times[0], info);
    }
}
