package org.gyrus.nn.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.gyrus.nn.Losses;
import org.gyrus.nn.NoGrad;
import org.gyrus.nn.Tensor;
import org.gyrus.nn.layers.Activation;
import org.gyrus.nn.layers.Linear;
import org.gyrus.nn.layers.Module;
import org.gyrus.nn.layers.Sequential;
import org.gyrus.nn.layers.SinusoidalEmbedding;
import org.gyrus.nn.layers.TransformerEncoderLayer;
import org.gyrus.nn.optim.Adam;

/**
 * The training and inference workloads of W4, W5 and W7 as plain runs for {@link InterleavedAB}: each
 * {@link #make} builds a seeded model (untimed) and returns one run (W4: an epoch; W5 train: 20
 * steps; W5 inference: 50 forwards; W7: an epoch of the DDPM ε-MLP at batch 128 on the same images
 * with a seeded noise source). Only the public API of {@code org.gyrus.nn} is used, so the class runs
 * against an older build of the engine as well.
 */
public final class TrainWork {

    private TrainWork() {
    }

    /**
     * @param name W4, W4drop, W5train, W5infer or W7
     * @param data the directory holding images_x.npy (W4, W7)
     * @return one run; returns a checksum so that the work cannot be optimised away
     */
    public static java.util.function.DoubleSupplier make(String name, Path data) throws IOException {
        return switch (name) {
            case "W4", "W4drop" -> w4(NnBench.loadImages(data), name.equals("W4drop") ? 0.2f : 0f);
            case "W5train" -> w5(true);
            case "W5infer" -> w5(false);
            case "W7" -> w7(NnBench.loadImages(data));
            default -> throw new IllegalArgumentException("unknown workload " + name);
        };
    }

    private static java.util.function.DoubleSupplier w4(float[] x, float drop) {
        int n = x.length / 784;
        Sequential m = NnBench.autoencoder(drop, new Random(0));
        Adam opt = new Adam(m.parameters(), 1e-3);
        Random g = new Random(1);
        return () -> {
            double tot = 0;
            for (int i = 0; i < n; i += 256) {
                int rows = Math.min(256, n - i);
                float[] xb = new float[rows * 784];
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(x, g.nextInt(n) * 784, xb, r * 784, 784);
                }
                Tensor in = Tensor.wrap(xb, rows, 784);
                Tensor loss = Losses.mse(m.forward(in), in);
                opt.zeroGrad();
                loss.backward();
                opt.step();
                tot += loss.item();
            }
            return tot;
        };
    }

    private static java.util.function.DoubleSupplier w5(boolean train) {
        Random random = new Random(0);
        Tensor x = Tensor.randn(random, 32, 64, 128);
        Tensor tgt = Tensor.randn(random, 32, 64, 128);
        TransformerEncoderLayer layer = new TransformerEncoderLayer(128, 4, 256, 0f,
                TransformerEncoderLayer.FeedForwardActivation.RELU, false, 1e-5f, random);
        Adam opt = new Adam(layer.parameters(), 1e-3);
        if (train) {
            return () -> {
                layer.train(true);
                float last = 0;
                for (int s = 0; s < 20; s++) {
                    Tensor loss = Losses.mse(layer.forward(x), tgt);
                    opt.zeroGrad();
                    loss.backward();
                    opt.step();
                    last = loss.item();
                }
                return last;
            };
        }
        return () -> {
            layer.eval();
            float v = 0;
            try (NoGrad ignored = Tensor.noGrad()) {
                for (int s = 0; s < 50; s++) {
                    v += layer.forward(x).data()[0];
                }
            }
            return v;
        };
    }

    /** W7's ε-MLP (784 + 64 → 512 → 512 → 784, SiLU), as org.gyrus.diffusion's W7Bench builds it. */
    static final class EpsMlp extends Module {
        private final SinusoidalEmbedding embedding = child("embedding", new SinusoidalEmbedding(64));
        private final Sequential net;

        EpsMlp(Random random) {
            // A Sequential, so that an engine that fuses Linear + SiLU does so (the same values either way).
            net = child("net", new Sequential(new Linear(784 + 64, 512, random), Activation.silu(),
                    new Linear(512, 512, random), Activation.silu(), new Linear(512, 784, random)));
        }

        @Override
        public Tensor forward(Tensor x) {
            throw new UnsupportedOperationException("needs timesteps");
        }

        @Override
        public Tensor forward(Tensor x, Tensor t) {
            return net.forward(Tensor.concat(1, x, embedding.forward(t)));
        }
    }

    private static java.util.function.DoubleSupplier w7(float[] images) {
        int n = images.length / 784;
        EpsMlp model = new EpsMlp(new Random(0));
        Adam adam = new Adam(model.parameters(), 1e-3);
        Random random = new Random(2);
        // Noise drawn up front: the run times the network, not java.util.Random.
        float[] noise = new float[128 * 784];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) random.nextGaussian();
        }
        return () -> {
            double tot = 0;
            for (int from = 0; from < n; from += 128) {
                int b = Math.min(128, n - from);
                float[] xt = new float[b * 784];
                float[] ts = new float[b];
                for (int i = 0; i < b; i++) {
                    int t = random.nextInt(1000);
                    ts[i] = t;
                    float s = (float) Math.sqrt(1 - t / 1000.0);
                    float c = (float) Math.sqrt(t / 1000.0);
                    for (int k = 0; k < 784; k++) {
                        xt[i * 784 + k] = s * (2 * images[(from + i) * 784 + k] - 1) + c * noise[i * 784 + k];
                    }
                }
                adam.zeroGrad();
                Tensor loss = Losses.mse(model.forward(Tensor.wrap(xt, b, 784), Tensor.wrap(ts, b)),
                        Tensor.wrap(java.util.Arrays.copyOf(noise, b * 784), b, 784));
                loss.backward();
                adam.step();
                tot += loss.item();
            }
            return tot;
        };
    }
}
