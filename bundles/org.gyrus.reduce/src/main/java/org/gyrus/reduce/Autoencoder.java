package org.gyrus.reduce;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.IntPredicate;

import org.gyrus.nn.Losses;
import org.gyrus.nn.Tensor;
import org.gyrus.nn.optim.Adam;
import org.gyrus.nn.optim.AdamW;
import org.gyrus.nn.optim.Optimizer;
import org.gyrus.nn.optim.Sgd;
import org.gyrus.nn.train.History;
import org.gyrus.nn.train.Trainer;

/**
 * A dense autoencoder trained with the mean squared reconstruction error: the encoder maps the
 * features through the hidden widths to the code, the decoder mirrors it back. Regularisers:
 * dropout after every hidden activation, input corruption (denoising: Gaussian or masking noise),
 * an L1 penalty on the code (sparse autoencoder). The purely linear variant (no activation
 * anywhere) learns the principal subspace of the data. Trained by the engine's {@link Trainer}
 * (seeded shuffling, validation split, early stopping with the best weights restored).
 * Immutable: the {@code with…} methods return changed copies.
 */
public final class Autoencoder {

    /** Input corruption for a denoising autoencoder. */
    public enum Noise {
        /** Clean inputs. */
        NONE,
        /** Adds Gaussian noise of standard deviation {@code level}. */
        GAUSSIAN,
        /** Zeroes each input with probability {@code level}. */
        MASKING
    }

    /**
     * The loss per epoch and how training ended.
     *
     * @param trainLoss      mean training loss per epoch (MSE plus the sparsity penalty, on corrupted inputs)
     * @param validationLoss mean validation loss per epoch (clean inputs, no dropout); empty without validation
     * @param bestEpoch      the epoch (from 1) with the lowest monitored loss
     * @param stop           "completed", "early_stopped" or "cancelled"
     */
    public record Curve(double[] trainLoss, double[] validationLoss, int bestEpoch, String stop) {
    }

    /** A trained model and its training curve. */
    public record Fit(AutoencoderModel model, Curve curve) {
    }

    private int[] layers = {32, 2};
    private String activation = "relu";
    private String codeActivation = "linear";
    private String outputActivation = "linear";
    private double dropout;
    private Noise noise = Noise.NONE;
    private double noiseLevel;
    private double sparsity;
    private int epochs = 50;
    private int batchSize = 64;
    private String optimizer = "adam";
    private double learningRate = 1e-3;
    private double validationFraction = 0.1;
    private int patience;
    private long seed;

    private Autoencoder() {
    }

    private Autoencoder copy() {
        Autoencoder a = new Autoencoder();
        a.layers = layers.clone();
        a.activation = activation;
        a.codeActivation = codeActivation;
        a.outputActivation = outputActivation;
        a.dropout = dropout;
        a.noise = noise;
        a.noiseLevel = noiseLevel;
        a.sparsity = sparsity;
        a.epochs = epochs;
        a.batchSize = batchSize;
        a.optimizer = optimizer;
        a.learningRate = learningRate;
        a.validationFraction = validationFraction;
        a.patience = patience;
        a.seed = seed;
        return a;
    }

    /**
     * An autoencoder whose encoder has the given widths, the last one being the code: {@code (256, 32)}
     * makes features → 256 → 32 → 256 → features. ReLU hidden activations, linear code and output,
     * Adam at 1e-3, 50 epochs of batches of 64, 10 % validation.
     */
    public static Autoencoder withLayers(int... widths) {
        if (widths.length == 0 || Arrays.stream(widths).anyMatch(w -> w < 1)) {
            throw new IllegalArgumentException("Layer widths must be at least 1, and the code needs one: " + Arrays.toString(widths));
        }
        Autoencoder a = new Autoencoder();
        a.layers = widths.clone();
        return a;
    }

    private static String checkedActivation(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (!AutoencoderNet.ACTIVATIONS.contains(n)) {
            throw new IllegalArgumentException("Unknown activation '" + name + "'; use one of " + AutoencoderNet.ACTIVATIONS);
        }
        return n;
    }

    /** Activations: of the hidden layers, of the code, of the output (names as in {@link #ACTIVATIONS}). */
    public Autoencoder activations(String hidden, String code, String output) {
        Autoencoder a = copy();
        a.activation = checkedActivation(hidden);
        a.codeActivation = checkedActivation(code);
        a.outputActivation = checkedActivation(output);
        return a;
    }

    /** The activation names: relu, leaky_relu, elu, gelu, silu, tanh, sigmoid, softplus, linear. */
    public static final List<String> ACTIVATIONS = AutoencoderNet.ACTIVATIONS;

    /** The purely linear autoencoder: no activation anywhere (learns the principal subspace under MSE). */
    public Autoencoder linear() {
        return activations("linear", "linear", "linear");
    }

    /** Dropout probability after every hidden activation, in [0, 1). */
    public Autoencoder dropout(double p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("Dropout must lie in [0, 1), not " + p);
        }
        Autoencoder a = copy();
        a.dropout = p;
        return a;
    }

    /** Input corruption while training: Gaussian noise of this standard deviation, or masking with this probability. */
    public Autoencoder noise(Noise type, double level) {
        if (!(level >= 0) || (type == Noise.MASKING && level >= 1)) {
            throw new IllegalArgumentException("Noise level must be ≥ 0 (and < 1 for masking), not " + level);
        }
        Autoencoder a = copy();
        a.noise = type;
        a.noiseLevel = level;
        return a;
    }

    /** Weight of the L1 penalty on the code: λ times the mean over samples of Σ|code|. */
    public Autoencoder sparsity(double lambda) {
        if (!(lambda >= 0)) {
            throw new IllegalArgumentException("The sparsity weight must be ≥ 0, not " + lambda);
        }
        Autoencoder a = copy();
        a.sparsity = lambda;
        return a;
    }

    /** Epochs and batch size. */
    public Autoencoder training(int epochCount, int batch) {
        if (epochCount < 1 || batch < 1) {
            throw new IllegalArgumentException("Epochs and batch size must be at least 1");
        }
        Autoencoder a = copy();
        a.epochs = epochCount;
        a.batchSize = batch;
        return a;
    }

    /** Optimiser ("adam", "adamw" with weight decay 0.01, or "sgd" with momentum 0.9) and learning rate. */
    public Autoencoder optimizer(String name, double lr) {
        String n = name.toLowerCase(Locale.ROOT);
        if (!List.of("adam", "adamw", "sgd").contains(n) || !(lr > 0)) {
            throw new IllegalArgumentException("Optimizer must be adam, adamw or sgd with a positive learning rate, not " + name + " " + lr);
        }
        Autoencoder a = copy();
        a.optimizer = n;
        a.learningRate = lr;
        return a;
    }

    /** Fraction of samples held out for validation (0 for none) and early-stopping patience in epochs (0 for none). */
    public Autoencoder validation(double fraction, int earlyStoppingPatience) {
        if (!(fraction >= 0 && fraction < 1) || earlyStoppingPatience < 0) {
            throw new IllegalArgumentException("Validation fraction must lie in [0, 1) and patience be ≥ 0");
        }
        Autoencoder a = copy();
        a.validationFraction = fraction;
        a.patience = earlyStoppingPatience;
        return a;
    }

    /** The seed of the initial weights, the split, the batches, dropout and noise. */
    public Autoencoder seed(long value) {
        Autoencoder a = copy();
        a.seed = value;
        return a;
    }

    /** Trains on {@code x} (rows × cols, row-major). */
    public Fit fit(float[] x, int rows, int cols) {
        return fit(x, rows, cols, epoch -> true);
    }

    /**
     * Trains on {@code x} (rows × cols, row-major), calling {@code onEpoch} with each finished
     * epoch's number; it returns false to stop (cancellation).
     *
     * @throws IllegalArgumentException if the sizes disagree or x holds NaN or infinity
     */
    public Fit fit(float[] x, int rows, int cols, IntPredicate onEpoch) {
        if ((long) rows * cols != x.length || rows < 1) {
            throw new IllegalArgumentException("A " + rows + " × " + cols + " matrix needs " + (long) rows * cols + " values, not " + x.length);
        }
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                throw new IllegalArgumentException("The autoencoder needs finite values: sample " + i / cols + ", feature " + i % cols
                        + " is " + x[i] + " (impute missing values first)");
            }
        }
        AutoencoderNet net = new AutoencoderNet(cols, layers, activation, codeActivation, outputActivation, dropout,
                AutoencoderNet.Noise.valueOf(noise.name()), noiseLevel, seed);
        Optimizer opt = switch (optimizer) {
            case "sgd" -> new Sgd(net.parameters(), learningRate, 0.9);
            case "adamw" -> new AdamW(net.parameters(), learningRate, 0.9, 0.999, 1e-8, 0.01);
            default -> new Adam(net.parameters(), learningRate);
        };
        float lambda = (float) sparsity;
        BiFunction<Tensor, Tensor, Tensor> loss = (out, target) -> {
            Tensor l = Losses.mse(out, target);
            return lambda > 0 ? l.add(net.lastCode().abs().sum(false, 1).mean().mul(lambda)) : l;
        };
        Tensor data = Tensor.of(x, rows, cols);
        Trainer trainer = Trainer.of(epochs, batchSize, seed).withValidation(validationFraction).withEarlyStopping(patience);
        double[] diverged = {0, 0};
        History h = trainer.fit(net, data, data, loss, opt, report -> {
            if (!Double.isFinite(report.trainLoss()) || (report.validationLoss() == report.validationLoss()
                    && !Double.isFinite(report.validationLoss()))) {
                // Every weight is NaN from here on: stop rather than hand back a model of NaN codes.
                diverged[0] = report.epoch();
                diverged[1] = Double.isFinite(report.trainLoss()) ? report.validationLoss() : report.trainLoss();
                return false;
            }
            return onEpoch.test(report.epoch());
        });
        if (diverged[0] > 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "The autoencoder's training diverged: the loss "
                    + "became %s in epoch %d. Standardise the features (for example with the standard scaler) or lower the "
                    + "learning rate (now %g).", Double.isNaN(diverged[1]) ? "not a number" : "infinite", (int) diverged[0],
                    learningRate));
        }
        net.eval();
        Curve curve = new Curve(h.trainLoss().stream().mapToDouble(Double::doubleValue).toArray(),
                h.validationLoss().stream().mapToDouble(Double::doubleValue).toArray(), h.bestEpoch(),
                h.stop().name().toLowerCase(Locale.ROOT));
        return new Fit(new AutoencoderModel(net, cols, layers, activation, codeActivation, outputActivation, dropout), curve);
    }

    @Override
    public String toString() {
        return "Autoencoder" + Arrays.toString(layers) + "[" + activation + "/" + codeActivation + "/" + outputActivation
                + ", dropout " + dropout + ", noise " + noise + " " + noiseLevel + ", sparsity " + sparsity + "]";
    }
}
