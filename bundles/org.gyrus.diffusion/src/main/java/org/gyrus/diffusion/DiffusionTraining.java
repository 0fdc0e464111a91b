package org.gyrus.diffusion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.gyrus.nn.Losses;
import org.gyrus.nn.Tensor;
import org.gyrus.nn.layers.UNet;
import org.gyrus.nn.optim.Adam;
import org.gyrus.nn.optim.GradClip;

/**
 * Trains a timestep-conditioned U-Net to denoise (Ho et al. 2020): for a batch of images x₀ scaled
 * to [−1, 1], timesteps t drawn uniformly and noise ε, the network sees x_t = √ᾱ_t x₀ + √(1−ᾱ_t) ε
 * and learns ε (or v) under the mean squared error, with Adam, gradient clipping by global norm
 * and an exponential moving average of the weights (diffusers' {@code EMAModel}: decay
 * min(decay, (1 + step)/(10 + step))) that becomes the saved model. Seeded: same data and
 * settings give the same model.
 */
public final class DiffusionTraining {

    /**
     * The settings.
     *
     * @param epochs       passes over the images
     * @param batchSize    images per step
     * @param learningRate Adam's learning rate
     * @param emaDecay     decay of the moving average of the weights; 0 keeps the last weights
     * @param gradClip     the largest global gradient norm; 0 for no clipping
     * @param prediction   ε or v
     * @param schedule     linear, cosine or scaled-linear
     * @param trainSteps   the number of diffusion steps T
     * @param channels     U-Net channels per level, e.g. 16, 32
     * @param seed         seed of the weights, batches, timesteps and noise
     */
    public record Settings(int epochs, int batchSize, double learningRate, double emaDecay, double gradClip, Prediction prediction,
                           String schedule, int trainSteps, int[] channels, long seed) {
        /** Checks the ranges, naming the setting. */
        public Settings {
            if (epochs < 1 || batchSize < 1) {
                throw new IllegalArgumentException("Diffusion training: epochs and batch size must be at least 1");
            }
            if (!(learningRate > 0) || !(emaDecay >= 0 && emaDecay < 1) || !(gradClip >= 0)) {
                throw new IllegalArgumentException("Diffusion training: the learning rate must be > 0, the EMA decay in [0, 1), "
                        + "the gradient clip >= 0");
            }
            if (channels.length < 1 || Arrays.stream(channels).anyMatch(c -> c < 1)) {
                throw new IllegalArgumentException("Diffusion training: give one or more positive channel counts, not "
                        + Arrays.toString(channels));
            }
            NoiseSchedule.named(schedule, trainSteps);
        }
    }

    private DiffusionTraining() {
    }

    /**
     * Trains a model.
     *
     * @param images  n images of {@code shape} (channels first), one after the other, in intensity units
     * @param n       the number of images
     * @param shape   the shape of one image: C×H×W or C×D×H×W
     * @param low     the intensity mapped to −1
     * @param high    the intensity mapped to +1
     * @param monitor told after each epoch (may stop the run by throwing)
     */
    public static DiffusionModel train(float[] images, int n, int[] shape, double low, double high, Settings s, Sampler.Monitor monitor) {
        if (shape.length != 3 && shape.length != 4) {
            throw new IllegalArgumentException("Diffusion training: a sample must be C×H×W or C×D×H×W, not " + Arrays.toString(shape));
        }
        int size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (n < 1 || images.length != (long) n * size) {
            throw new IllegalArgumentException("Diffusion training: " + images.length + " values are not " + n + " images of "
                    + Arrays.toString(shape));
        }
        Random random = new Random(s.seed());
        int groups = groups(s.channels());
        UNet net = new UNet(new UNet.Config(shape.length - 1, shape[0], shape[0], s.channels(), new int[0], false, 1, groups, true, 0f),
                random);
        DiffusionModel model = new DiffusionModel(net, s.schedule(), s.trainSteps(), s.prediction(), shape, low, high, List.of(), n);
        float[] data = images.clone();
        model.toModelScale(data);
        NoiseSchedule schedule = model.schedule();
        DiffusionSteps steps = new DiffusionSteps(schedule);
        List<Tensor> params = net.parameters();
        Adam adam = new Adam(params, s.learningRate());
        float[][] ema = new float[params.size()][];
        for (int i = 0; i < ema.length; i++) {
            ema[i] = params.get(i).data().clone();
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        List<Double> losses = new ArrayList<>();
        net.train(true);
        int update = 0;
        for (int epoch = 0; epoch < s.epochs(); epoch++) {
            shuffle(order, random);
            double sum = 0;
            int batches = 0;
            for (int from = 0; from < n; from += s.batchSize()) {
                int b = Math.min(s.batchSize(), n - from);
                float[] x0 = new float[b * size];
                for (int i = 0; i < b; i++) {
                    System.arraycopy(data, order[from + i] * size, x0, i * size, size);
                }
                float[] eps = new float[b * size];
                for (int i = 0; i < eps.length; i++) {
                    eps[i] = (float) random.nextGaussian();
                }
                float[] ts = new float[b];
                float[] xt = new float[b * size];
                float[] target = new float[b * size];
                for (int i = 0; i < b; i++) {
                    int t = random.nextInt(schedule.steps());
                    ts[i] = t;
                    float[] xi = Arrays.copyOfRange(x0, i * size, (i + 1) * size);
                    float[] ei = Arrays.copyOfRange(eps, i * size, (i + 1) * size);
                    float[] o = new float[size];
                    steps.qSample(xi, ei, t, o);
                    System.arraycopy(o, 0, xt, i * size, size);
                    if (s.prediction() == Prediction.V) {
                        steps.velocity(xi, ei, t, o);
                        System.arraycopy(o, 0, target, i * size, size);
                    } else {
                        System.arraycopy(ei, 0, target, i * size, size);
                    }
                }
                int[] bshape = new int[shape.length + 1];
                bshape[0] = b;
                System.arraycopy(shape, 0, bshape, 1, shape.length);
                adam.zeroGrad();
                Tensor out = net.forward(Tensor.of(xt, bshape), Tensor.of(ts, b));
                Tensor loss = Losses.mse(out, Tensor.of(target, bshape));
                loss.backward();
                if (s.gradClip() > 0) {
                    GradClip.clipNorm(params, s.gradClip());
                }
                adam.step();
                update++;
                if (s.emaDecay() > 0) {
                    float d = (float) Math.min(s.emaDecay(), (1.0 + update) / (10.0 + update));
                    for (int i = 0; i < ema.length; i++) {
                        float[] p = params.get(i).data();
                        float[] e = ema[i];
                        for (int k = 0; k < e.length; k++) {
                            e[k] = d * e[k] + (1 - d) * p[k];
                        }
                    }
                }
                sum += loss.item();
                batches++;
            }
            double mean = sum / batches;
            if (!Double.isFinite(mean)) {
                throw new IllegalStateException("Diffusion training diverged at epoch " + (epoch + 1)
                        + " (loss " + mean + "): lower the learning rate or clip the gradients");
            }
            losses.add(mean);
            monitor.step(epoch + 1, s.epochs());
        }
        if (s.emaDecay() > 0) {
            for (int i = 0; i < ema.length; i++) {
                System.arraycopy(ema[i], 0, params.get(i).data(), 0, ema[i].length);
            }
        }
        net.eval();
        return new DiffusionModel(net, s.schedule(), s.trainSteps(), s.prediction(), shape, low, high, losses, n);
    }

    /** GroupNorm groups that divide every channel count (and so every sum at the skip connections): their gcd, at most 8. */
    static int groups(int[] channels) {
        int g = 0;
        for (int c : channels) {
            g = gcd(g, c);
        }
        for (int k = Math.min(8, g); k >= 1; k--) {
            if (g % k == 0) {
                return k;
            }
        }
        return 1;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static void shuffle(int[] a, Random r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
