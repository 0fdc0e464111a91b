package org.gyrus.adversarial;

import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import org.gyrus.nn.Losses;
import org.gyrus.nn.NoGrad;
import org.gyrus.nn.Tensor;
import org.gyrus.nn.layers.Module;
import org.gyrus.nn.linalg.Parallel;
import org.gyrus.nn.linalg.ThreadBudget;

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
        int n = checked(x, labels);
        forBatches(n, (in, first, m) -> {
            in.load(x, labels, first, m);
            sink.accept(first, m, in.gradient(), (float) m / n);
        });
    }

    /** Receives a batch's gradient during an iterative attack, with the batch's samples to update. */
    @FunctionalInterface
    interface StepSink {
        /**
         * @param first   the index of the batch's first sample
         * @param count   the number of samples in the batch
         * @param grad    d (mean loss of the batch) / d samples, {@code count × sampleSize} values;
         *                valid only during the call
         * @param scale   {@code count / N}: {@code grad * scale} is the gradient of the mean loss of
         *                all N samples
         * @param samples the batch's current samples, {@code count × sampleSize} values from index 0:
         *                the sink overwrites them with the next iterate
         */
        void step(int first, int count, float[] grad, float scale, float[] samples);
    }

    /**
     * Runs {@code steps} steps of an iterative gradient attack on {@code x} in place: at each step,
     * each batch's gradient at its current samples goes to {@code sink}, which moves the samples.
     *
     * <p>On a frozen network a sample's gradient depends on that sample alone, so each batch takes
     * all its steps before the next starts (batches side by side on the thread budget, one hand-off
     * per attack rather than one per step): the batch stays in cache, and its copy of the samples and
     * its input gradient are allocated once per attack, not per step. A network being trained (its
     * batch statistics and dropout draws couple the samples of a batch, and depend on the order of
     * the passes) takes the steps one after the other over all batches, in turn.
     *
     * @param x      samples, flat; replaced by the last iterate
     * @param labels one class per sample
     * @param steps  the number of steps
     * @param sink   the step; called from several threads at once for different batches
     */
    void iterate(float[] x, int[] labels, int steps, StepSink sink) {
        int n = checked(x, labels);
        if (frozen()) {
            forBatches(n, steps(x, labels, steps, sink));
            return;
        }
        BatchWork oneStep = steps(x, labels, 1, sink);
        for (int s = 0; s < steps; s++) {
            forBatches(n, oneStep);
        }
    }

    /** The work of {@code steps} steps on one batch of {@code x}, its last iterate written back into {@code x}. */
    private BatchWork steps(float[] x, int[] labels, int steps, StepSink sink) {
        int n = labels.length;
        return (in, first, m) -> {
            float[] samples = in.load(x, labels, first, m);
            for (int s = 0; s < steps; s++) {
                sink.step(first, m, in.gradient(), (float) m / n, samples);
            }
            System.arraycopy(samples, 0, x, first * sampleSize, m * sampleSize);
        };
    }

    /** The number of samples, after checking the labels against them and the classes. */
    private int checked(float[] x, int[] labels) {
        int n = count(x);
        if (labels.length != n) {
            throw new IllegalArgumentException(labels.length + " labels for " + n + " samples");
        }
        for (int label : labels) {
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("label " + label + " is not a class of this network (0 to " + (classes - 1) + ")");
            }
        }
        return n;
    }

    /** Work on one batch of consecutive samples, with the calling thread's reusable batch input. */
    @FunctionalInterface
    private interface BatchWork {
        void run(BatchInput in, int first, int count);
    }

    /**
     * Runs {@code work} on every batch of {@code n} samples: side by side on the thread budget when
     * the network is frozen (eval mode, no parameter collecting a gradient: a forward pass only reads
     * it), each thread claiming batches one at a time with one {@link BatchInput} of its own; else
     * in turn on the calling thread.
     */
    private void forBatches(int n, BatchWork work) {
        boolean concurrent = Parallel.threads() > 1 && frozen();
        int batch = gradientBatch(n, concurrent ? Parallel.threads() : 1);
        int batches = (n + batch - 1) / batch;
        if (!concurrent || batches == 1) {
            BatchInput in = new BatchInput();
            for (int first = 0; first < n; first += batch) {
                work.run(in, first, Math.min(batch, n - first));
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        int lanes = Math.min(batches, Parallel.threads());
        // The caller works as one of the budget's threads (the default budget does not count a plain
        // caller), so that it and the helpers it borrows are all the budget allows, never a third
        // thread on two cores. Each batch's thread runs its kernels (the GEMMs, the step) under a
        // budget of its own thread alone: whole, rather than split for threads that are all busy and
        // then run part after part, repacking the operands they share.
        onBudget(Parallel.budget(), () -> Parallel.forParts(lanes, lane -> {
            try (ThreadBudget alone = new ThreadBudget(1)) {
                onBudget(alone, () -> {
                    BatchInput in = new BatchInput();
                    for (int b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
                        int first = b * batch;
                        work.run(in, first, Math.min(batch, n - first));
                    }
                });
            }
        }));
    }

    /** Runs {@code work} as one of the computing threads of {@code budget}. */
    private static void onBudget(ThreadBudget budget, Runnable work) {
        try {
            budget.run(work);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for a thread of the budget");
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
     * One thread's input to gradient passes: a copy of a batch's samples and the leaf tensor over it,
     * kept from pass to pass (and batch to batch of the same size) with its gradient buffer, which is
     * zeroed rather than reallocated, so that an attack's passes allocate only the network's own
     * intermediate values.
     */
    private final class BatchInput {
        private float[] values;
        private int[] labels;
        private Tensor leaf;

        /** Copies in samples {@code first .. first + m - 1} of {@code x} and their labels; returns the copy. */
        float[] load(float[] x, int[] allLabels, int first, int m) {
            if (labels == null || labels.length != m) {
                values = new float[m * sampleSize];
                labels = new int[m];
                leaf = Tensor.wrap(values, batchShape(m)).requiresGrad(true);
            }
            System.arraycopy(x, first * sampleSize, values, 0, m * sampleSize);
            System.arraycopy(allLabels, first, labels, 0, m);
            return values;
        }

        /** d (mean cross-entropy of the batch) / d values, at the values as they are now; valid until the next call. */
        float[] gradient() {
            float[] g = leaf.grad();
            if (g != null) {
                Arrays.fill(g, 0f); // backward adds into the leaf's gradient
            }
            Tensor loss = Losses.crossEntropy(network.forward(leaf), labels);
            if (!loss.requiresGrad()) {
                throw new IllegalStateException("the network's output does not depend differentiably on its input: a gradient attack cannot run on it");
            }
            loss.backward();
            g = leaf.grad();
            if (g == null) {
                throw new IllegalStateException("the network gave no gradient with respect to its input: a gradient attack cannot run on it");
            }
            return g;
        }
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
