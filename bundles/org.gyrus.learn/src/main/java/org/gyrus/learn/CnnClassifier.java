package org.gyrus.learn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;

import org.gyrus.nn.Losses;
import org.gyrus.nn.Tensor;
import org.gyrus.nn.layers.Activation;
import org.gyrus.nn.layers.Conv2d;
import org.gyrus.nn.layers.Conv3d;
import org.gyrus.nn.layers.Flatten;
import org.gyrus.nn.layers.Linear;
import org.gyrus.nn.layers.MaxPool2d;
import org.gyrus.nn.layers.MaxPool3d;
import org.gyrus.nn.layers.Module;
import org.gyrus.nn.layers.Sequential;
import org.gyrus.nn.train.History;

/**
 * A small convolutional image classifier on {@code org.gyrus.nn}'s layers, for 2-D images
 * (samples [channels, height, width]) or 3-D patches ([channels, depth, height, width]): per
 * block a 3-wide convolution (padding 1) → ReLU → 2-wide max pooling (left out once a side is
 * below 2), then flatten → Linear → ReLU → Linear to one logit per class. Trained like
 * {@link MlpClassifier}: cross-entropy, Adam with weight decay, mini-batches, a seeded validation
 * split with early stopping that keeps the best epoch's weights. The same seed and data give the
 * same network.
 */
public final class CnnClassifier {

    private final int[] channels;
    private final int hidden;
    private final NetworkTraining training;

    /**
     * @param channels output channels of each convolution block (at least one)
     * @param hidden   units of the dense layer before the output
     * @param training how to train it
     */
    public CnnClassifier(int[] channels, int hidden, NetworkTraining training) {
        if (channels.length == 0 || Arrays.stream(channels).anyMatch(c -> c < 1) || hidden < 1) {
            throw new IllegalArgumentException("The CNN needs at least one convolution block of at least one channel and a dense layer of "
                    + "at least one unit; got channels " + Arrays.toString(channels) + ", dense units " + hidden);
        }
        this.channels = channels.clone();
        this.hidden = hidden;
        this.training = training;
    }

    /**
     * Trains the network.
     *
     * @param x           the samples, n rows of the sample shape's size, finite
     * @param sampleShape [channels, height, width] or [channels, depth, height, width]
     * @param cancelled   asked after every epoch
     * @throws IllegalArgumentException for a shape that is not 2-D or 3-D images, fewer than two
     *     classes, a value that is not finite, or too few samples to hold some out
     * @throws java.util.concurrent.CancellationException when {@code cancelled} says so
     */
    public ClassifierNetwork fit(float[] x, int n, int[] sampleShape, Labels labels, List<String> featureNames, BooleanSupplier cancelled) {
        if (sampleShape.length != 3 && sampleShape.length != 4) {
            throw new IllegalArgumentException("The CNN takes images of shape [channels, height, width] or [channels, depth, height, width]; "
                    + "the samples have shape " + Arrays.toString(sampleShape) + " (give the feature matrix a sample shape)");
        }
        int size = Arrays.stream(sampleShape).reduce(1, (a, b) -> a * b);
        if ((long) n * size != x.length || labels.codes().length != n || featureNames.size() != size) {
            throw new IllegalArgumentException("Inconsistent sizes: " + n + " samples of shape " + Arrays.toString(sampleShape) + ", " + x.length
                    + " values, " + labels.codes().length + " labels, " + featureNames.size() + " feature names");
        }
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                throw new IllegalArgumentException("Feature '" + featureNames.get(i % size) + "' is " + (Float.isNaN(x[i]) ? "missing (NaN)" : x[i])
                        + " in row " + (i / size + 1) + ": the CNN needs finite values");
            }
        }
        int classes = labels.classes().size();
        if (classes < 2) {
            throw new IllegalArgumentException("A classifier needs samples of at least two classes; the labels have only " + labels.classes());
        }
        Random random = new Random(training.seed());
        boolean volumetric = sampleShape.length == 4;
        int[] spatial = Arrays.copyOfRange(sampleShape, 1, sampleShape.length);
        int in = sampleShape[0];
        List<Module> layers = new ArrayList<>();
        for (int c : channels) {
            layers.add(volumetric ? new Conv3d(in, c, 3, 1, 1, random) : new Conv2d(in, c, 3, 1, 1, random));
            layers.add(Activation.relu());
            if (Arrays.stream(spatial).allMatch(d -> d >= 2)) {
                layers.add(volumetric ? new MaxPool3d(2) : new MaxPool2d(2));
                for (int d = 0; d < spatial.length; d++) {
                    spatial[d] /= 2;
                }
            }
            in = c;
        }
        int flat = in * Arrays.stream(spatial).reduce(1, (a, b) -> a * b);
        layers.add(new Flatten());
        layers.add(new Linear(flat, hidden, random));
        layers.add(Activation.relu());
        layers.add(new Linear(hidden, classes, random));
        Sequential net = new Sequential(layers.toArray(Module[]::new));
        float[] codes = new float[n];
        for (int i = 0; i < n; i++) {
            codes[i] = labels.codes()[i];
        }
        int[] shape = new int[sampleShape.length + 1];
        shape[0] = n;
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        History history = training.fit("CNN", net, Tensor.of(x, shape), Tensor.of(codes, n, 1),
                (logits, target) -> Losses.crossEntropy(logits, MlpClassifier.ints(target)), cancelled);
        net.eval();
        return new ClassifierNetwork(net, labels.classes(), featureNames, sampleShape, history, ClassifierNetwork.CNN);
    }
}
