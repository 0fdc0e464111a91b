package org.gyrus.learn;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;

import org.gyrus.nn.Losses;
import org.gyrus.nn.Tensor;
import org.gyrus.nn.layers.Activation;
import org.gyrus.nn.layers.Linear;
import org.gyrus.nn.layers.Module;
import org.gyrus.nn.layers.Sequential;
import org.gyrus.nn.train.History;

/**
 * A multilayer perceptron classifier on {@code org.gyrus.nn}'s dense layers: Linear → ReLU for each
 * hidden layer, then Linear to one logit per class, trained on the cross-entropy with Adam in
 * mini-batches, with early stopping on a held-out validation split (the best epoch's weights are
 * kept). Like scikit-learn's {@code MLPClassifier(solver='adam', early_stopping=True)} in design,
 * not in numbers: PyTorch's layer initialisation and Java's random numbers, float32, and the L2
 * penalty as Adam's weight decay. Seeded: the same seed and data give the same network.
 */
public final class MlpClassifier {

    private final int[] hidden;
    private final NetworkTraining training;

    /**
     * @param hidden   the sizes of the hidden layers (at least one)
     * @param training how to train it
     */
    public MlpClassifier(int[] hidden, NetworkTraining training) {
        if (hidden.length == 0 || java.util.Arrays.stream(hidden).anyMatch(h -> h < 1)) {
            throw new IllegalArgumentException("The MLP needs at least one hidden layer, each of at least one unit; got "
                    + java.util.Arrays.toString(hidden));
        }
        this.hidden = hidden.clone();
        this.training = training;
    }

    /**
     * Trains the network.
     *
     * @param x the samples, n × p row-major, finite
     * @throws IllegalArgumentException for fewer than two classes, a value that is not finite, or
     *     too few samples to hold some out
     */
    public ClassifierNetwork fit(float[] x, int n, int p, Labels labels, List<String> featureNames) {
        return fit(x, n, p, labels, featureNames, () -> false);
    }

    /**
     * Trains the network, asking {@code cancelled} after every epoch.
     *
     * @throws java.util.concurrent.CancellationException when {@code cancelled} says so
     * @see #fit(float[], int, int, Labels, List)
     */
    public ClassifierNetwork fit(float[] x, int n, int p, Labels labels, List<String> featureNames, BooleanSupplier cancelled) {
        if ((long) n * p != x.length || labels.codes().length != n || featureNames.size() != p) {
            throw new IllegalArgumentException("Inconsistent sizes: " + n + " × " + p + " samples, " + x.length + " values, "
                    + labels.codes().length + " labels, " + featureNames.size() + " feature names");
        }
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                throw new IllegalArgumentException("Feature '" + featureNames.get(i % p) + "' is " + (Float.isNaN(x[i]) ? "missing (NaN)" : x[i])
                        + " in row " + (i / p + 1) + ": the MLP needs finite values (impute or drop first)");
            }
        }
        int classes = labels.classes().size();
        if (classes < 2) {
            throw new IllegalArgumentException("A classifier needs samples of at least two classes; the labels have only " + labels.classes());
        }
        Sequential net = network(p, hidden, classes, new Random(training.seed()));
        float[] codes = new float[n];
        for (int i = 0; i < n; i++) {
            codes[i] = labels.codes()[i];
        }
        History history = training.fit("MLP", net, Tensor.of(x, n, p), Tensor.of(codes, n, 1),
                (logits, target) -> Losses.crossEntropy(logits, ints(target)), cancelled);
        net.eval();
        return new ClassifierNetwork(net, labels.classes(), featureNames, new int[] {p}, history, ClassifierNetwork.MLP);
    }

    /** Linear → ReLU per hidden layer, then Linear to {@code outputs}. */
    static Sequential network(int p, int[] hidden, int outputs, Random random) {
        List<Module> layers = new ArrayList<>();
        int in = p;
        for (int h : hidden) {
            layers.add(new Linear(in, h, random));
            layers.add(Activation.relu());
            in = h;
        }
        layers.add(new Linear(in, outputs, random));
        return new Sequential(layers.toArray(Module[]::new));
    }

    static int[] ints(Tensor t) {
        float[] v = t.toArray();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.round(v[i]);
        }
        return out;
    }
}
