package org.gyrus.learn;

import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import org.gyrus.nn.Losses;
import org.gyrus.nn.Tensor;
import org.gyrus.nn.layers.Sequential;
import org.gyrus.nn.optim.Adam;
import org.gyrus.nn.train.History;
import org.gyrus.nn.train.Trainer;

/**
 * A multilayer perceptron regressor: the {@link MlpClassifier}'s network with one output, trained
 * on the mean squared error with Adam, early stopping on a seeded validation split. The target is
 * standardised for training (so the learning rate means the same whatever its unit); afterwards
 * the output layer is rescaled, so the saved network outputs the target in its own unit.
 */
public final class MlpRegressor {

    private final int[] hidden;
    private final double learningRate;
    private final double l2;
    private final int epochs;
    private final int batchSize;
    private final double validationFraction;
    private final int patience;
    private final long seed;

    /** The settings, as {@link MlpClassifier}'s. */
    public MlpRegressor(int[] hidden, double learningRate, double l2, int epochs, int batchSize, double validationFraction, int patience,
                        long seed) {
        // The classifier's constructor checks the same ranges.
        new MlpClassifier(hidden, learningRate, l2, epochs, batchSize, validationFraction, patience, seed);
        this.hidden = hidden.clone();
        this.learningRate = learningRate;
        this.l2 = l2;
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.validationFraction = validationFraction;
        this.patience = patience;
        this.seed = seed;
    }

    /**
     * Trains the network.
     *
     * @param y         the target of each sample, finite
     * @param cancelled asked after every epoch
     * @throws IllegalArgumentException for a value that is not finite, or too few samples
     * @throws CancellationException when {@code cancelled} says so
     */
    public RegressionNetwork fit(float[] x, int n, int p, double[] y, List<String> featureNames, String target, BooleanSupplier cancelled) {
        if ((long) n * p != x.length || y.length != n || featureNames.size() != p) {
            throw new IllegalArgumentException("Inconsistent sizes: " + n + " × " + p + " samples, " + x.length + " values, " + y.length
                    + " targets, " + featureNames.size() + " feature names");
        }
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                throw new IllegalArgumentException("Feature '" + featureNames.get(i % p) + "' is " + (Float.isNaN(x[i]) ? "missing (NaN)" : x[i])
                        + " in row " + (i / p + 1) + ": the MLP needs finite values (impute or drop first)");
            }
        }
        double mean = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("The target '" + target + "' is " + (Double.isNaN(y[i]) ? "missing" : y[i]) + " in row "
                        + (i + 1) + ": drop those rows first");
            }
            mean += y[i] / n;
        }
        double ss = 0;
        for (double v : y) {
            ss += (v - mean) * (v - mean);
        }
        double scale = Math.sqrt(ss / n) > 0 ? Math.sqrt(ss / n) : 1;
        if (Math.round(n * validationFraction) < 1 || n - Math.round(n * validationFraction) < 1) {
            throw new IllegalArgumentException("Too few samples (" + n + ") to hold out a validation fraction of " + validationFraction);
        }
        float[] z = new float[n];
        for (int i = 0; i < n; i++) {
            z[i] = (float) ((y[i] - mean) / scale);
        }
        Sequential net = MlpClassifier.network(p, hidden, 1, new Random(seed));
        History history = Trainer.of(epochs, batchSize, seed).withValidation(validationFraction).withEarlyStopping(patience)
                .fit(net, Tensor.of(x, n, p), Tensor.of(z, n, 1), Losses::mse,
                        new Adam(net.parameters(), learningRate, 0.9, 0.999, 1e-8, l2), epoch -> !cancelled.getAsBoolean());
        if (history.stop() == History.Stop.CANCELLED) {
            throw new CancellationException("MLP training cancelled after " + history.trainLoss().size() + " epochs");
        }
        // Output in the target's unit: w' = w·scale, b' = b·scale + mean on the last layer.
        List<Tensor> params = net.parameters();
        float[] w = params.get(params.size() - 2).data();
        float[] b = params.get(params.size() - 1).data();
        for (int j = 0; j < w.length; j++) {
            w[j] = (float) (w[j] * scale);
        }
        b[0] = (float) (b[0] * scale + mean);
        net.eval();
        return new RegressionNetwork(net, featureNames, target, history);
    }
}
