package org.gyrus.adversarial;

import java.util.Random;

/**
 * Projected gradient descent (Madry et al. 2018) as ART's {@code ProjectedGradientDescent}
 * computes it. Each step moves by {@code stepSize} along the sign of the input gradient (L∞) or the
 * gradient divided by its per-sample L2 norm (L2), clips to the valid range, then projects the change
 * back into the ε-ball around the original sample. With a random start, each restart begins at a
 * point drawn uniformly from the ε-ball (then clipped); later restarts replace a sample's result only
 * where they succeed, as in ART.
 *
 * @param eps         the radius ε of the ball, {@code >= 0}
 * @param stepSize    the size of each step, {@code > 0}
 * @param steps       the number of steps per restart, {@code >= 1}
 * @param norm        the ball's norm
 * @param targeted    whether the labels are target classes
 * @param randomStart whether each restart begins at a random point of the ball (otherwise at the sample)
 * @param restarts    the number of random starts, {@code >= 1}; more than one needs a random start
 * @param min         the smallest valid input value
 * @param max         the largest valid input value
 * @param seed        the seed of the random starts
 */
public record Pgd(float eps, float stepSize, int steps, Norm norm, boolean targeted, boolean randomStart, int restarts,
        float min, float max, long seed) {

    /** Checks the settings. */
    public Pgd {
        Perturbations.checkBudget("epsilon", eps, min, max);
        if (!(stepSize > 0) || Float.isInfinite(stepSize)) {
            throw new IllegalArgumentException("stepSize must be a finite number > 0, got " + stepSize);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        if (restarts < 1) {
            throw new IllegalArgumentException("restarts must be >= 1, got " + restarts);
        }
        if (restarts > 1 && !randomStart) {
            throw new IllegalArgumentException("restarts = " + restarts + " repeat the same deterministic attack without a random start: "
                    + "set randomStart, or restarts = 1");
        }
    }

    /**
     * Attacks a batch of samples.
     *
     * @param classifier the network
     * @param x          samples, flat
     * @param labels     true classes (untargeted) or targets (targeted)
     * @return the adversarial samples and what they did
     */
    public AttackResult attack(Classifier classifier, float[] x, int[] labels) {
        return AttackResult.of(classifier, x, perturb(classifier, x, labels), labels, targeted);
    }

    /**
     * The adversarial samples alone, with the random starts drawn from the seed.
     *
     * @param classifier the network
     * @param x          samples, flat
     * @param labels     true classes or targets
     * @return the adversarial samples
     */
    public float[] perturb(Classifier classifier, float[] x, int[] labels) {
        int size = classifier.sampleSize();
        if (!randomStart) {
            return steps(classifier, x, labels, null);
        }
        Random random = new Random(seed);
        float[] best = null;
        for (int r = 0; r < restarts; r++) {
            float[] adv = steps(classifier, x, labels, RandomStart.inBall(random, x.length / size, size, eps, norm));
            if (best == null) {
                best = adv;
                continue;
            }
            int[] predicted = Classifier.argmax(classifier.probabilities(adv), classifier.classes());
            for (int s = 0; s < predicted.length; s++) {
                boolean success = targeted ? predicted[s] == labels[s] : predicted[s] != labels[s];
                if (success) {
                    System.arraycopy(adv, s * size, best, s * size, size);
                }
            }
        }
        return best;
    }

    /**
     * One restart from a given start: the samples plus {@code start} (clipped to the valid range),
     * then the steps. With a start drawn elsewhere (PyTorch), the result is comparable value by value.
     *
     * @param classifier the network
     * @param x          samples, flat
     * @param labels     true classes or targets
     * @param start      the initial change, flat like x (zeros: start at the samples)
     * @return the adversarial samples
     */
    public float[] run(Classifier classifier, float[] x, int[] labels, float[] start) {
        if (start.length != x.length) {
            throw new IllegalArgumentException("the start has " + start.length + " values for " + x.length + " input values");
        }
        return steps(classifier, x, labels, start);
    }

    /** As {@link #run}, a null start meaning the samples themselves. */
    private float[] steps(Classifier classifier, float[] x, int[] labels, float[] start) {
        int size = classifier.sampleSize();
        float[] adv = new float[x.length];
        for (int i = 0; i < adv.length; i++) {
            adv[i] = Perturbations.clip(start == null ? x[i] : x[i] + start[i], min, max);
        }
        GradientStep step = new GradientStep(norm, targeted, stepSize, min, max, eps);
        classifier.iterate(adv, labels, steps,
                (first, count, grad, scale, samples) -> step.apply(grad, scale, samples, samples, 0, x, first * size, count, size));
        return adv;
    }
}
