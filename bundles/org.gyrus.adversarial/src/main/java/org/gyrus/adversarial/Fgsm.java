package org.gyrus.adversarial;

/**
 * The fast gradient sign method (Goodfellow et al. 2015) as ART's {@code FastGradientMethod}
 * computes it: one step of size ε along the sign of the input gradient of the cross-entropy
 * (L∞), or along the gradient divided by its per-sample L2 norm (L2), then clipping to the valid
 * range. Untargeted, it ascends the loss of the true class; targeted, it descends the loss of the
 * target class.
 *
 * @param eps      the step size ε, {@code >= 0}
 * @param norm     the norm of the step
 * @param targeted whether the labels are target classes
 * @param min      the smallest valid input value
 * @param max      the largest valid input value
 */
public record Fgsm(float eps, Norm norm, boolean targeted, float min, float max) {

    /** Checks the settings. */
    public Fgsm {
        Perturbations.checkBudget("epsilon", eps, min, max);
    }

    /**
     * Attacks a batch of samples.
     *
     * @param classifier the network
     * @param x          samples, flat ({@code N × sampleSize})
     * @param labels     true classes (untargeted) or targets (targeted)
     * @return the adversarial samples and what they did
     */
    public AttackResult attack(Classifier classifier, float[] x, int[] labels) {
        return AttackResult.of(classifier, x, perturb(classifier, x, labels), labels, targeted);
    }

    /**
     * The adversarial samples alone.
     *
     * @param classifier the network
     * @param x          samples, flat
     * @param labels     true classes or targets
     * @return the adversarial samples
     */
    public float[] perturb(Classifier classifier, float[] x, int[] labels) {
        float[] adv = new float[x.length];
        GradientStep step = new GradientStep(norm, targeted, eps, min, max, Float.NaN);
        int size = classifier.sampleSize();
        classifier.lossGradient(x, labels, (first, count, grad, scale) -> step.apply(grad, scale, x, adv, first * size, x, first * size, count, size));
        return adv;
    }
}
