package org.gyrus.attention;

import java.util.Random;

import org.gyrus.nn.Losses;
import org.gyrus.nn.Tensor;
import org.gyrus.nn.layers.TokenTransformer;
import org.gyrus.nn.optim.AdamW;
import org.gyrus.nn.optim.LrSchedule;
import org.gyrus.nn.train.EpochListener;
import org.gyrus.nn.train.History;
import org.gyrus.nn.train.Trainer;

/**
 * Trains a {@link TokenTransformer} on encoded samples: AdamW with a linear warm-up to the peak
 * learning rate and cosine decay to zero (per epoch), gradient norm clipped at 1, a seeded
 * validation split for early stopping (the best epoch's weights are kept), and for classifiers an
 * optionally class-weighted cross-entropy (PyTorch's weighted mean). Regressors learn the
 * standardised target by mean squared error. Seeded: the same data, settings and seed give the
 * same network.
 */
public final class TransformerTraining {

    private TransformerTraining() {
    }

    /**
     * Trains a classifier.
     *
     * @param layout   how the samples were encoded
     * @param x        the encoded samples
     * @param labels   the class of each sample
     * @param settings architecture and training
     * @param seed     seed of the initial weights, the split, the batches and dropout
     * @param listener per-epoch callback (may cancel), or null
     * @throws IllegalArgumentException for fewer than two classes, or too few samples to hold some out
     */
    public static TransformerModel classifier(InputLayout layout, float[] x, Labels labels, TransformerSettings settings, long seed,
                                              EpochListener listener) {
        int n = labels.codes().length;
        int k = labels.classes().size();
        if (k < 2) {
            throw new IllegalArgumentException("A classifier needs samples of at least two classes; the labels have only " + labels.classes());
        }
        float[] codes = new float[n];
        for (int i = 0; i < n; i++) {
            codes[i] = labels.codes()[i];
        }
        double[] w = settings.balancedClassWeights() ? labels.balancedWeights() : null;
        Random random = new Random(seed);
        TokenTransformer net = network(layout, settings, k, random);
        History h = train(net, layout, x, n, codes, settings, seed, listener, (logits, target) -> crossEntropy(logits, target, w));
        return new TransformerModel(net, layout, labels.classes(), 0, 1, h);
    }

    /**
     * Trains a regressor on the standardised target.
     *
     * @param y the target of each sample, finite
     */
    public static TransformerModel regressor(InputLayout layout, float[] x, double[] y, TransformerSettings settings, long seed,
                                             EpochListener listener) {
        int n = y.length;
        double mean = 0;
        for (double v : y) {
            mean += v / n;
        }
        double var = 0;
        for (double v : y) {
            var += (v - mean) * (v - mean) / n;
        }
        double sd = var > 0 ? Math.sqrt(var) : 1;
        float[] z = new float[n];
        for (int i = 0; i < n; i++) {
            z[i] = (float) ((y[i] - mean) / sd);
        }
        TokenTransformer net = network(layout, settings, 1, new Random(seed));
        History h = train(net, layout, x, n, z, settings, seed, listener, Losses::mse);
        return new TransformerModel(net, layout, null, mean, sd, h);
    }

    static TokenTransformer network(InputLayout layout, TransformerSettings s, int outputs, Random random) {
        return new TokenTransformer(layout.tokenizer(s.width(), random), layout.tokens(),
                new TokenTransformer.Settings(s.width(), s.depth(), s.heads(), s.feedForward(), (float) s.dropout(), true, s.normFirst(), 1e-5f,
                        layout.learnedPositions(), outputs), random);
    }

    private static History train(TokenTransformer net, InputLayout layout, float[] x, int n, float[] target, TransformerSettings s, long seed,
                                 EpochListener listener, java.util.function.BiFunction<Tensor, Tensor, Tensor> loss) {
        int[] sample = layout.sampleShape();
        int[] shape = new int[sample.length + 1];
        shape[0] = n;
        System.arraycopy(sample, 0, shape, 1, sample.length);
        int held = (int) Math.round(n * s.validationFraction());
        if (s.validationFraction() > 0 && (held < 1 || n - held < 1)) {
            throw new IllegalArgumentException("Too few samples (" + n + ") to hold out a validation fraction of " + s.validationFraction());
        }
        int decay = s.epochs() - s.warmupEpochs();
        LrSchedule schedule = LrSchedule.warmup(s.warmupEpochs(), LrSchedule.cosine(s.learningRate(), decay, 0));
        Trainer trainer = Trainer.of(s.epochs(), s.batchSize(), seed).withValidation(s.validationFraction())
                .withEarlyStopping(s.validationFraction() > 0 ? s.patience() : 0).withGradClip(1.0).withSchedule(schedule);
        History h = trainer.fit(net, Tensor.of(x, shape), Tensor.of(target, n, 1), loss,
                new AdamW(net.parameters(), s.learningRate(), 0.9, 0.999, 1e-8, s.weightDecay()), listener);
        net.eval();
        return h;
    }

    /** Cross-entropy, class-weighted when {@code weights} is not null: {@code -Σ w_y log p_y / Σ w_y}. */
    static Tensor crossEntropy(Tensor logits, Tensor target, double[] weights) {
        float[] t = target.data();
        int[] y = new int[t.length];
        for (int i = 0; i < t.length; i++) {
            y[i] = Math.round(t[i]);
        }
        if (weights == null) {
            return Losses.crossEntropy(logits, y);
        }
        float[] w = new float[y.length];
        double total = 0;
        for (int i = 0; i < y.length; i++) {
            w[i] = (float) weights[y[i]];
            total += w[i];
        }
        Tensor picked = logits.logSoftmax(1).gather(1, y, y.length, 1);
        return picked.mul(Tensor.wrap(w, y.length, 1)).sum().mul((float) (-1 / total));
    }
}
