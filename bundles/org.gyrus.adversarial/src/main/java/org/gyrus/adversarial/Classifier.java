package org.gyrus.adversarial;

import java.util.Arrays;

import org.gyrus.nn.Losses;
import org.gyrus.nn.NoGrad;
import org.gyrus.nn.Tensor;
import org.gyrus.nn.layers.Module;
import org.gyrus.nn.linalg.Parallel;

/**
 * A network seen as a classifier of samples of one shape: the network maps a batch
 * {@code [N, sampleShape...]} to class scores {@code [N, K]} (logits; the loss is the cross-entropy of
 * their softmax, as PyTorch's {@code CrossEntropyLoss}, which is what the attacks differentiate).
 * Samples travel as flat float arrays, sample after sample.
 */
public final class Classifier {

    private static final int BATCH = 256;
    /** Input values per batch of a gradient attack (see {@link #gradientBatch}). */
    private static final int GRADIENT_VALUES = 1 << 20;
    /** The smallest batch worth a thread of its own. */
    private static final int MIN_CONCURRENT_BATCH = 64;

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
        float[] grad = new float[x.length];
        lossGradient(x, labels, (first, count, g, scale) -> {
            int offset = first * sampleSize;
            for (int i = 0; i < count * sampleSize; i++) {
                grad[offset + i] = g[i] * scale;
            }
        });
        return grad;
    }

    /** Receives the input gradient of the loss one batch of consecutive samples at a time. */
    @FunctionalInterface
    interface GradientSink {
        /**
         * @param first the index of the batch's first sample
         * @param count the number of samples in the batch
         * @param grad  d (mean loss of the batch) / d input, {@code count × sampleSize} values; valid
         *              only during the call
         * @param scale {@code count / N}: {@code grad * scale} is the gradient of the mean loss of all
         *              N samples
         */
        void accept(int first, int count, float[] grad, float scale);
    }

    /**
     * As {@link #lossGradient(float[], int[])}, handing each batch's gradient to {@code sink} as soon
     * as it exists, so that an attack steps while the batch is still in cache and no gradient of the
     * whole input is ever stored. The sink may write to the samples of the batch it receives (its
     * gradient is complete), not to others; it may be called from several threads at once, for
     * different batches.
     */
    void lossGradient(float[] x, int[] labels, GradientSink sink) {
        int n = count(x);
        if (labels.length != n) {
            throw new IllegalArgumentException(labels.length + " labels for " + n + " samples");
        }
        for (int label : labels) {
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("label " + label + " is not a class of this network (0 to " + (classes - 1) + ")");
            }
        }
        boolean concurrent = Parallel.threads() > 1 && frozen();
        int threads = concurrent ? Parallel.threads() : 1;
        int batch = gradientBatch(n, threads);
        int batches = (n + batch - 1) / batch;
        if (concurrent && batches > 1) {
            // Whole batches side by side, each thread on its own graph: the small steps between the
            // products (bias, activations, loss, copies, the attack's step) run in parallel too, not
            // only the GEMMs; nested kernels find the budget busy and stay on their thread.
            Parallel.forParts(batches, b -> {
                int start = b * batch;
                int m = Math.min(batch, n - start);
                gradientOfBatch(x, labels, start, m, new float[m * sampleSize], sink);
            });
            return;
        }
        float[] buffer = null;
        for (int start = 0; start < n; start += batch) {
            int m = Math.min(batch, n - start);
            float[] part;
            if (m == n) {
                part = null;
            } else if (m == batch) {
                // One buffer for every full batch: the graph that reads it is released by backward().
                part = buffer == null ? buffer = new float[batch * sampleSize] : buffer;
            } else {
                part = new float[m * sampleSize];
            }
            gradientOfBatch(x, labels, start, m, part, sink);
        }
    }

    /**
     * Whether batches may run side by side: the network is in evaluation mode (no dropout draws, no
     * batch-norm statistics updated) and no parameter collects a gradient, so a forward pass only
     * reads the network.
     */
    private boolean frozen() {
        if (network.isTraining()) {
            return false;
        }
        for (Tensor p : network.parameters()) {
            if (p.requiresGrad()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The gradient of one batch, handed to the sink.
     *
     * @param part where the batch's samples are copied for the network, or null to read {@code x}
     *             in place (the batch is the whole input; a forward pass never writes its input)
     */
    private void gradientOfBatch(float[] x, int[] labels, int start, int m, float[] part, GradientSink sink) {
        int n = labels.length;
        float[] in = x;
        int[] y = labels;
        if (part != null) {
            System.arraycopy(x, start * sampleSize, part, 0, m * sampleSize);
            in = part;
            y = Arrays.copyOfRange(labels, start, start + m);
        }
        Tensor xi = Tensor.wrap(in, batchShape(m)).requiresGrad(true);
        Tensor loss = Losses.crossEntropy(network.forward(xi), y);
        if (!loss.requiresGrad()) {
            throw new IllegalStateException("the network's output does not depend differentiably on its input: a gradient attack cannot run on it");
        }
        loss.backward();
        float[] g = xi.grad();
        if (g == null) {
            throw new IllegalStateException("the network gave no gradient with respect to its input: a gradient attack cannot run on it");
        }
        // The loss of a part is the mean over m samples; the whole batch's mean divides by n.
        sink.accept(start, m, g, (float) m / n);
    }

    /**
     * Samples per forward and backward pass of a gradient attack: about {@link #GRADIENT_VALUES} input
     * values (large products keep the GEMM efficient, while a batch of volumes stays a few), in
     * equal batches, at least one per thread (of at least {@link #MIN_CONCURRENT_BATCH} samples)
     * when batches run side by side.
     */
    private int gradientBatch(int n, int threads) {
        int most = Math.max(1, GRADIENT_VALUES / sampleSize);
        int batches = (n + most - 1) / most;
        if (threads > 1) {
            batches = Math.min((batches + threads - 1) / threads * threads, Math.max(batches, n / MIN_CONCURRENT_BATCH));
        }
        return (n + batches - 1) / batches;
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
