package org.gyrus.adversarial;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntConsumer;

import org.gyrus.nn.Losses;
import org.gyrus.nn.Tensor;
import org.gyrus.nn.layers.Init;
import org.gyrus.nn.layers.Module;
import org.gyrus.nn.optim.Adam;

/**
 * Adversarial training: every mini-batch is replaced by adversarial examples against the network
 * as it is at that step, and the network descends the cross-entropy of those (Madry et al. 2018,
 * "Towards deep learning models resistant to adversarial attacks"). Two ways to make the examples:
 * <ul>
 * <li>{@link Method#PGD}: PGD from a random start in the ε-ball, {@code steps} steps of
 * {@code stepSize} (Madry et al.);</li>
 * <li>{@link Method#FGSM_RANDOM_START}: one step of {@code stepSize} from a random start ("fast is
 * better than free", Wong, Rice &amp; Kolter 2020, who use a step of 1.25 ε).</li>
 * </ul>
 * The examples are made with the network in training mode, as in both papers' code. Adam
 * optimises; the same seed and data give the same network.
 *
 * @param method       how the examples are made
 * @param eps          the radius ε of the ball
 * @param norm         the ball's norm
 * @param stepSize     the step of the attack
 * @param steps        PGD's steps (1 for the fast method)
 * @param epochs       passes over the samples
 * @param batchSize    samples per step
 * @param learningRate Adam's learning rate
 * @param weightDecay  Adam's weight decay
 * @param min          the smallest valid input value
 * @param max          the largest valid input value
 * @param seed         seed of the batches and the random starts
 */
public record AdversarialTraining(Method method, float eps, Norm norm, float stepSize, int steps, int epochs, int batchSize,
        double learningRate, double weightDecay, float min, float max, long seed) {

    /** How the adversarial examples of a batch are made. */
    public enum Method {
        /** Projected gradient descent from a random start (Madry et al. 2018). */
        PGD,
        /** One signed-gradient step from a random start (Wong, Rice &amp; Kolter 2020). */
        FGSM_RANDOM_START
    }

    /** Checks the settings. */
    public AdversarialTraining {
        Perturbations.checkBudget("epsilon", eps, min, max);
        if (!(stepSize > 0) || Float.isInfinite(stepSize)) {
            throw new IllegalArgumentException("stepSize must be a finite number > 0, got " + stepSize);
        }
        if (steps < 1 || method == Method.FGSM_RANDOM_START && steps != 1) {
            throw new IllegalArgumentException("steps must be >= 1 (and 1 for the fast method), got " + steps);
        }
        if (epochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException("epochs and batchSize must be >= 1, got " + epochs + " and " + batchSize);
        }
        if (!(learningRate > 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("learningRate must be > 0 and weightDecay >= 0, got " + learningRate + " and " + weightDecay);
        }
    }

    /**
     * Trains a network in place.
     *
     * @param network     the network (its current weights are the start)
     * @param classes     the number of classes it scores
     * @param sampleShape the shape of one sample
     * @param x           the samples, flat
     * @param labels      their true classes
     * @param afterEpoch  told the number of each finished epoch (progress; may throw to cancel)
     * @return the mean cross-entropy on the adversarial batches, per epoch
     */
    public List<Double> train(Module network, int classes, int[] sampleShape, float[] x, int[] labels, IntConsumer afterEpoch) {
        Classifier view = Classifier.training(network, classes, sampleShape);
        int size = view.sampleSize();
        int n = view.count(x);
        if (labels.length != n) {
            throw new IllegalArgumentException(labels.length + " labels for " + n + " samples");
        }
        List<Tensor> parameters = network.parameters();
        Adam adam = new Adam(parameters, learningRate, 0.9, 0.999, 1e-8, weightDecay);
        Random random = new Random(seed);
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        List<Double> losses = new ArrayList<>();
        network.train(true);
        try {
            for (int epoch = 1; epoch <= epochs; epoch++) {
                for (int i = n - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
                double sum = 0;
                for (int start = 0; start < n; start += batchSize) {
                    int m = Math.min(batchSize, n - start);
                    float[] xb = new float[m * size];
                    int[] yb = new int[m];
                    for (int b = 0; b < m; b++) {
                        System.arraycopy(x, order[start + b] * size, xb, b * size, size);
                        yb[b] = labels[order[start + b]];
                    }
                    float[] adv = examples(view, parameters, xb, yb, random.nextLong());
                    adam.zeroGrad();
                    Tensor loss = Losses.crossEntropy(network.forward(Tensor.of(adv, view.batchShape(m))), yb);
                    loss.backward();
                    adam.step();
                    sum += (double) loss.item() * m;
                }
                losses.add(sum / n);
                afterEpoch.accept(epoch);
            }
        } finally {
            network.eval();
        }
        return losses;
    }

    /** The adversarial examples of a batch, with the parameters' gradients off meanwhile (only the input's are needed). */
    private float[] examples(Classifier view, List<Tensor> parameters, float[] xb, int[] yb, long batchSeed) {
        for (Tensor p : parameters) {
            p.requiresGrad(false);
        }
        try {
            return new Pgd(eps, stepSize, steps, norm, false, true, 1, min, max, batchSeed).perturb(view, xb, yb);
        } finally {
            for (Tensor p : parameters) {
                p.requiresGrad(true);
            }
        }
    }

    /**
     * Draws new weights for every layer with a weight matrix or kernel (Linear, convolutions) by
     * PyTorch's default rule: weight and bias uniform in ±1/√fan-in. Normalisation layers keep
     * their weights. For adversarial training from scratch, as Madry et al. train.
     *
     * @param network the network
     * @param random  the source of the new weights
     */
    public static void reinitialise(Module network, Random random) {
        Map<String, Tensor> named = network.namedParameters();
        for (Map.Entry<String, Tensor> e : named.entrySet()) {
            String name = e.getKey();
            if (name.endsWith("weight") && e.getValue().rank() >= 2) {
                Tensor bias = named.get(name.substring(0, name.length() - "weight".length()) + "bias");
                Init.linearDefault(e.getValue(), bias, random);
            }
        }
    }
}
