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
import org.gyrus.nn.GaussianNoise;
import org.gyrus.nn.LinearActivation;
import org.gyrus.nn.Losses;
import org.gyrus.nn.NoGrad;
import org.gyrus.nn.PackedLinear;
import org.gyrus.nn.Tensor;
import org.gyrus.nn.layers.Linear;
import org.gyrus.nn.layers.Module;
import org.gyrus.nn.layers.SinusoidalEmbedding;
import org.gyrus.nn.linalg.Parallel;
import org.gyrus.nn.optim.Adam;

/**
 * W7 of bench/peers/bench_peers.py (not a unit test): the same DDPM workload as the PyTorch peer,
 * an ε-predictor MLP (784 + 64 → 512 → 512 → 784, SiLU; 64-wide sinusoidal timestep embedding
 * concatenated to the image) on the 20,000 28×28 images of {@code gen_data.py} scaled to [−1, 1],
 * T = 1000 linear betas. Case 1: one training epoch (batch 128, t uniform, ε ~ N(0, I), MSE on ε,
 * Adam 1e-3), 1 warm-up + {@code runs} timed epochs of one training run. Case 2: DDPM ancestral
 * sampling of 64 images over 1,000 steps without autograd (Gyrus's Sampler: fused step, posterior
 * variance; the peer uses σ² = β, the same cost), model trained one epoch first, through
 * {@link Inference} (packed weights, no graph, reused buffers; a {@link Sampler.BlockModel}, so each
 * step is one parallel region in which each thread takes its block of rows through the network and
 * the update and draws its part of the next step's noise; checked bit-identical to the autograd
 * forward through the sampler's step-by-step path before timing) with {@link GaussianNoise} drawing
 * the noise (the peer's {@code torch.randn} is likewise a vectorised Box–Muller).
 *
 * <pre>java --add-modules jdk.incubator.vector -Xmx4g -cp … org.gyrus.diffusion.bench.W7Bench /tmp/gyrus-bench-data/images_x.npy [runs]</pre>
 */
public final class W7Bench {

    private static final int T = 1000;
    private static final int BATCH = 128;
    /** Steps of the check that the timed inference path gives the autograd forward's bits. */
    private static final int CHECK_STEPS = 20;

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
            // Linear + SiLU as one operation each: the values of l1.forward(..).silu(), fewer passes.
            Tensor h = l1.forward(Tensor.concat(1, x, embedding.forward(t)), LinearActivation.SILU);
            return l3.forward(l2.forward(h, LinearActivation.SILU));
        }

        /** The network for sampling: weights packed once, the same bits as {@link #forward}. */
        Inference inference(int batch, int steps) {
            return new Inference(this, batch, steps);
        }
    }

    /**
     * {@link EpsMlp#forward} without a graph for a sampler's steps (all rows at one timestep): the
     * layers' weights packed once ({@link PackedLinear}, bias and SiLU fused), every buffer
     * allocated once, the timestep embeddings computed once for all steps, and the batch split
     * into row blocks over the threads (each block runs the three layers with no barrier between
     * them), here or by the sampler ({@link Sampler.BlockModel}). Rows are independent, so the
     * output is the same bits as {@code forward}'s.
     */
    static final class Inference implements Sampler.BlockModel {
        private static final int IN = 784;
        private static final int EMB = 64;
        private static final int HIDDEN = 512;
        /** Row blocks of whole register tiles of PackedLinear (8 rows; 4 on AVX2). */
        private static final int GRAIN = 8;
        private final PackedLinear l1;
        private final PackedLinear l2;
        private final PackedLinear l3;
        private final float[] embeddings;
        private final int batch;
        private final float[] input;
        private final float[] h1;
        private final float[] h2;
        private final float[] out;
        private final int parts;

        Inference(EpsMlp model, int batch, int steps) {
            this.l1 = PackedLinear.of(model.l1.weight(), model.l1.bias());
            this.l2 = PackedLinear.of(model.l2.weight(), model.l2.bias());
            this.l3 = PackedLinear.of(model.l3.weight(), model.l3.bias());
            float[] ts = new float[steps];
            for (int t = 0; t < steps; t++) {
                ts[t] = t;
            }
            try (NoGrad ignored = Tensor.noGrad()) {
                this.embeddings = model.embedding.forward(Tensor.of(ts, steps)).data();
            }
            this.batch = batch;
            this.input = new float[batch * (IN + EMB)];
            this.h1 = new float[batch * HIDDEN];
            this.h2 = new float[batch * HIDDEN];
            this.out = new float[batch * IN];
            // blocks of whole 8-row register tiles, one per thread
            this.parts = Math.max(1, Math.min(Parallel.threads(), batch / (2 * GRAIN)));
        }

        @Override
        public float[] predict(float[] x, int n, int t) {
            check(x, n);
            Parallel.forParts(parts, p -> {
                int from = (int) ((long) n * p / parts) / GRAIN * GRAIN;
                int to = p + 1 == parts ? n : (int) ((long) n * (p + 1) / parts) / GRAIN * GRAIN;
                rows(x, t, from, to);
            });
            return out;
        }

        @Override
        public int grain() {
            return GRAIN;
        }

        @Override
        public float[] predict(float[] x, int n, int t, int from, int to) {
            check(x, n);
            rows(x, t, from, to);
            return out;
        }

        private void check(float[] x, int n) {
            if (n != batch || x.length != n * IN) {
                throw new IllegalArgumentException("W7 inference: built for " + batch + " x " + IN + ", got " + n + " rows of " + x.length);
            }
        }

        private void rows(float[] x, int t, int from, int to) {
            int w = IN + EMB;
            for (int r = from; r < to; r++) {
                System.arraycopy(x, r * IN, input, r * w, IN);
                System.arraycopy(embeddings, t * EMB, input, r * w + IN, EMB);
            }
            int rows = to - from;
            l1.apply(rows, input, from * w, w, LinearActivation.SILU, h1, from * HIDDEN, HIDDEN);
            l2.apply(rows, h1, from * HIDDEN, HIDDEN, LinearActivation.SILU, h2, from * HIDDEN, HIDDEN);
            l3.apply(rows, h2, from * HIDDEN, HIDDEN, LinearActivation.NONE, out, from * IN, IN);
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
        GaussianNoise noise = new GaussianNoise(3);
        double[] times = new double[runs + 1];
        double loss = 0;
        for (int e = 0; e <= runs; e++) {
            long t0 = System.nanoTime();
            loss = epoch(model, adam, schedule, x, n, d, random, noise);
            times[e] = (System.nanoTime() - t0) / 1e6;
        }
        report("W7 DDPM train epoch (20,000, batch 128)", times, n / 1.0, "samples/s", String.format(Locale.ROOT, "mean epoch loss %.4f", loss));
        Sampler sampler = new Sampler(schedule, Prediction.EPSILON, false);
        Sampler.Model graph = (xt, k, t) -> {
            try (NoGrad ignored = Tensor.noGrad()) {
                float[] ts = new float[k];
                Arrays.fill(ts, t);
                return model.forward(Tensor.of(xt, k, d), Tensor.of(ts, k)).data();
            }
        };
        System.out.println("W7 sampling: inference path vs autograd forward over " + CHECK_STEPS + " steps: "
                + (sameSamples(sampler, graph, model.inference(64, T), d) ? "bit-identical" : "DIFFERENT"));
        double[] sampling = new double[runs + 1];
        float[] last = null;
        for (int r = 0; r <= runs; r++) {
            GaussianNoise g = new GaussianNoise(4);
            float[] start = new float[64 * d];
            g.fill(start);
            long t0 = System.nanoTime();
            // the packing of the weights and every buffer are in the timed run
            last = sampler.ddpm(model.inference(64, T), start, 64, T - 1, Sampler.Noise.of(g), (done, total) -> { });
            sampling[r] = (System.nanoTime() - t0) / 1e6;
        }
        double mean = 0;
        for (float v : last) {
            mean += v / last.length;
        }
        report("W7 DDPM reverse sampling 1000 steps x 64", sampling, T, "steps/s", String.format(Locale.ROOT, "sample mean %.4f", mean));
    }

    /** Runs the last CHECK_STEPS steps with both models from the same start and noise. */
    private static boolean sameSamples(Sampler sampler, Sampler.Model a, Sampler.Model b, int d) {
        float[] xa = new float[64 * d];
        new GaussianNoise(5).fill(xa);
        float[] xb = xa.clone();
        GaussianNoise ga = new GaussianNoise(6);
        GaussianNoise gb = new GaussianNoise(6);
        sampler.ddpm(a, xa, 64, CHECK_STEPS - 1, ga::fill, (done, total) -> { });
        sampler.ddpm(b, xb, 64, CHECK_STEPS - 1, Sampler.Noise.of(gb), (done, total) -> { });
        return Arrays.equals(xa, xb);
    }

    /**
     * One epoch as the peer runs it: shuffled batches, t uniform, ε ~ N(0, I) drawn for the whole
     * batch at once from a seeded {@link GaussianNoise} (the peer's {@code torch.randn} is likewise
     * vectorised; {@code java.util.Random.nextGaussian} per value cost a third of the epoch), then
     * x_t = √ᾱ_t x₀ + √(1−ᾱ_t) ε per row ({@link DiffusionSteps#qSample}'s arithmetic).
     */
    private static double epoch(EpsMlp model, Adam adam, NoiseSchedule schedule, float[] x, int n, int d, Random random,
                                GaussianNoise noise) {
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
        for (int from = 0; from < n; from += BATCH) {
            int b = Math.min(BATCH, n - from);
            float[] xt = new float[b * d];
            float[] eps = new float[b * d];
            float[] ts = new float[b];
            noise.fill(eps);
            for (int i = 0; i < b; i++) {
                int t = random.nextInt(T);
                ts[i] = t;
                double a = schedule.sqrtAlphaCumprod(t);
                double c = schedule.sqrtOneMinusAlphaCumprod(t);
                int src = perm[from + i] * d;
                int dst = i * d;
                for (int k = 0; k < d; k++) {
                    xt[dst + k] = (float) (a * x[src + k] + c * eps[dst + k]);
                }
            }
            adam.zeroGrad();
            Tensor loss = Losses.mse(model.forward(Tensor.wrap(xt, b, d), Tensor.wrap(ts, b)), Tensor.wrap(eps, b, d));
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
