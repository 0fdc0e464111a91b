package org.gyrus.learn;

import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import org.gyrus.nn.Losses;
import org.gyrus.nn.Tensor;
import org.gyrus.nn.layers.Sequential;
import org.gyrus.nn.train.History;

/**
 * A multilayer perceptron regressor: the {@link MlpClassifier}'s network with one output, trained
 * on the mean squared error with Adam, early stopping on a seeded validation split. The target is
 * standardised for training (so the learning rate means the same whatever its unit); afterwards
 * the output layer is rescaled, so the saved network outputs the target in its own unit.
 */
public final class MlpRegressor {

    private final int[] hidden;
    private final NetworkTraining training;

    /** The settings, as {@link MlpClassifier}'s. */
    public MlpRegressor(int[] hidden, NetworkTraining training) {
        new MlpClassifier(hidden, training); // checks the hidden layers as the classifier does
        this.hidden = hidden.clone();
        this.training = training;
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
        float[] z = new float[n];
        for (int i = 0; i < n; i++) {
            z[i] = (float) ((y[i] - mean) / scale);
        }
        Sequential net = MlpClassifier.network(p, hidden, 1, new Random(training.seed()));
        History history = training.fit("MLP", net, Tensor.of(x, n, p), Tensor.of(z, n, 1), Losses::mse, cancelled);
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
