package org.gyrus.adversarial;

import java.util.Arrays;

import org.gyrus.nn.Losses;
import org.gyrus.nn.NoGrad;
import org.gyrus.nn.Tensor;
import org.gyrus.nn.layers.Module;

/**
 * A network seen as a classifier of samples of one shape: the network maps a batch
 * {@code [N, sampleShape...]} to class scores {@code [N, K]} (logits; the loss is the cross-entropy of
 * their softmax, as PyTorch's {@code CrossEntropyLoss}, which is what the attacks differentiate).
 * Samples travel as flat float arrays, sample after sample.
 */
public final class Classifier {

    private static final int BATCH = 256;

    private final Module network;
    private final int[] sampleShape;
    private final int sampleSize;
    private final int classes;

    /**
     * Wraps a network, checking on one zero sample that it accepts the shape and gives class scores.
     * The network is put in evaluation mode and its parameters stop collecting gradients.
     *
     * @param network     the network (for example from {@code NetworkFile.load})
     * @param sampleShape the shape of one sample, without the batch axis ({@code [F]}, {@code [C, H, W]},
     *                    {@code [C, D, H, W]})
     * @throws IllegalArgumentException if the network does not accept the shape, or does not give
     *                                  {@code [N, K]} scores with {@code K >= 2}
     */
    public Classifier(Module network, int... sampleShape) {
        if (sampleShape.length == 0) {
            throw new IllegalArgumentException("the sample shape is empty");
        }
        int size = 1;
        for (int s : sampleShape) {
            if (s <= 0) {
                throw new IllegalArgumentException("the sample shape " + Arrays.toString(sampleShape) + " has a non-positive size");
            }
            size = Math.multiplyExact(size, s);
        }
        this.network = network;
        this.sampleShape = sampleShape.clone();
        this.sampleSize = size;
        network.eval();
        for (Tensor p : network.parameters()) {
            p.requiresGrad(false);
        }
        Tensor out;
        try (NoGrad g = Tensor.noGrad()) {
            out = network.forward(Tensor.zeros(batchShape(1)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the network does not accept samples of shape " + Arrays.toString(sampleShape)
                    + " (batch shape " + Arrays.toString(batchShape(1)) + "): " + e.getMessage(), e);
        }
        if (out.rank() != 2 || out.dim(0) != 1 || out.dim(1) < 2) {
            throw new IllegalArgumentException("the network gives outputs of shape " + Arrays.toString(out.shape())
                    + " for one sample of shape " + Arrays.toString(sampleShape) + "; a classifier must give [N, K] class scores, K >= 2");
        }
        this.classes = out.dim(1);
    }

    private Classifier(Module network, int[] sampleShape, int sampleSize, int classes) {
        this.network = network;
        this.sampleShape = sampleShape;
        this.sampleSize = sampleSize;
        this.classes = classes;
    }

    /**
     * A view of a network being trained, for attacks during adversarial training: unlike the public
     * constructor it leaves the network's mode and its parameters' gradients as they are.
     */
    static Classifier training(Module network, int classes, int[] sampleShape) {
        int size = 1;
        for (int s : sampleShape) {
            size = Math.multiplyExact(size, s);
        }
        return new Classifier(network, sampleShape.clone(), size, classes);
    }

    /** @return the shape of one sample */
    public int[] sampleShape() {
        return sampleShape.clone();
    }

    /** @return the number of values of one sample */
    public int sampleSize() {
        return sampleSize;
    }

    /** @return the number of classes */
    public int classes() {
        return classes;
    }

    int[] batchShape(int n) {
        int[] shape = new int[sampleShape.length + 1];
        shape[0] = n;
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        return shape;
    }

    int count(float[] x) {
        if (x.length % sampleSize != 0) {
            throw new IllegalArgumentException(x.length + " values are not a whole number of samples of shape "
                    + Arrays.toString(sampleShape) + " (" + sampleSize + " values each)");
        }
        return x.length / sampleSize;
    }

    /**
     * Class probabilities (softmax of the scores), without recording gradients.
     *
     * @param x samples, flat
     * @return {@code [N * K]} probabilities, sample after sample
     */
    public float[] probabilities(float[] x) {
        int n = count(x);
        float[] p = new float[n * classes];
        try (NoGrad g = Tensor.noGrad()) {
            for (int start = 0; start < n; start += BATCH) {
                int m = Math.min(BATCH, n - start);
                float[] part = Arrays.copyOfRange(x, start * sampleSize, (start + m) * sampleSize);
                float[] q = network.forward(Tensor.wrap(part, batchShape(m))).softmax(1).data();
                System.arraycopy(q, 0, p, start * classes, m * classes);
            }
        }
        return p;
    }

    /**
     * The most probable class of each sample.
     *
     * @param x samples, flat
     * @return one class per sample
     */
    public int[] predict(float[] x) {
        return argmax(probabilities(x), classes);
    }

    /**
     * The gradient, with respect to the input, of the mean cross-entropy of the whole batch against
     * the labels (PyTorch's {@code CrossEntropyLoss()}, reduction mean, as ART's PyTorch classifier).
     *
     * @param x      samples, flat
     * @param labels one class per sample
     * @return the gradient, flat like x
     * @throws IllegalStateException if the network's output does not depend on its input through a
     *                               differentiable path
     */
    public float[] lossGradient(float[] x, int[] labels) {
        int n = count(x);
        if (labels.length != n) {
            throw new IllegalArgumentException(labels.length + " labels for " + n + " samples");
        }
        for (int label : labels) {
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("label " + label + " is not a class of this network (0 to " + (classes - 1) + ")");
            }
        }
        float[] grad = new float[x.length];
        for (int start = 0; start < n; start += BATCH) {
            int m = Math.min(BATCH, n - start);
            Tensor xi = Tensor.of(Arrays.copyOfRange(x, start * sampleSize, (start + m) * sampleSize), batchShape(m)).requiresGrad(true);
            Tensor loss = Losses.crossEntropy(network.forward(xi), Arrays.copyOfRange(labels, start, start + m));
            if (!loss.requiresGrad()) {
                throw new IllegalStateException("the network's output does not depend differentiably on its input: a gradient attack cannot run on it");
            }
            loss.backward();
            float[] g = xi.grad();
            if (g == null) {
                throw new IllegalStateException("the network gave no gradient with respect to its input: a gradient attack cannot run on it");
            }
            // The loss of a part is the mean over m samples; the whole batch's mean divides by n.
            float scale = (float) m / n;
            for (int i = 0; i < g.length; i++) {
                grad[start * sampleSize + i] = g[i] * scale;
            }
        }
        return grad;
    }

    /**
     * The most probable class of each sample.
     *
     * @param probabilities {@code [N * K]} as from {@link #probabilities}
     * @param classes       K
     * @return N classes
     */
    static int[] argmax(float[] probabilities, int classes) {
        int n = probabilities.length / classes;
        int[] best = new int[n];
        for (int i = 0; i < n; i++) {
            int b = 0;
            for (int k = 1; k < classes; k++) {
                if (probabilities[i * classes + k] > probabilities[i * classes + b]) {
                    b = k;
                }
            }
            best[i] = b;
        }
        return best;
    }
}
