package org.gyrus.adversarial;

/**
 * Adversarial samples and, per sample, what the attack achieved.
 *
 * @param adversarial           the adversarial samples, flat like the input
 * @param labels                the labels the attack used: the true classes (untargeted) or the
 *                              target classes (targeted)
 * @param targeted              whether the labels are targets
 * @param originalClass         the network's class for each original sample
 * @param originalConfidence    its probability
 * @param adversarialClass      the network's class for each adversarial sample
 * @param adversarialConfidence its probability
 * @param linf                  the L∞ norm of each sample's change
 * @param l2                    the L2 norm of each sample's change
 * @param success               untargeted: the adversarial class differs from the label; targeted:
 *                              it equals the target (ART's {@code compute_success})
 */
public record AttackResult(float[] adversarial, int[] labels, boolean targeted, int[] originalClass, float[] originalConfidence,
        int[] adversarialClass, float[] adversarialConfidence, double[] linf, double[] l2, boolean[] success) {

    /**
     * Scores adversarial samples against the originals.
     *
     * @param classifier  the attacked network
     * @param original    the original samples
     * @param adversarial the adversarial samples
     * @param labels      the labels the attack used
     * @param targeted    whether they are targets
     * @return the result
     */
    public static AttackResult of(Classifier classifier, float[] original, float[] adversarial, int[] labels, boolean targeted) {
        int k = classifier.classes();
        int size = classifier.sampleSize();
        float[] p0 = classifier.probabilities(original);
        float[] p1 = classifier.probabilities(adversarial);
        int[] c0 = Classifier.argmax(p0, k);
        int[] c1 = Classifier.argmax(p1, k);
        int n = c0.length;
        float[] conf0 = new float[n];
        float[] conf1 = new float[n];
        double[] linf = new double[n];
        double[] l2 = new double[n];
        boolean[] success = new boolean[n];
        for (int s = 0; s < n; s++) {
            conf0[s] = p0[s * k + c0[s]];
            conf1[s] = p1[s * k + c1[s]];
            double max = 0;
            double sq = 0;
            for (int i = s * size; i < (s + 1) * size; i++) {
                double d = (double) adversarial[i] - original[i];
                max = Math.max(max, Math.abs(d));
                sq += d * d;
            }
            linf[s] = max;
            l2[s] = Math.sqrt(sq);
            success[s] = targeted ? c1[s] == labels[s] : c1[s] != labels[s];
        }
        return new AttackResult(adversarial, labels.clone(), targeted, c0, conf0, c1, conf1, linf, l2, success);
    }

    /** @return the number of samples */
    public int size() {
        return success.length;
    }

    /** @return the fraction of samples on which the attack succeeded */
    public double successRate() {
        int hits = 0;
        for (boolean b : success) {
            hits += b ? 1 : 0;
        }
        return success.length == 0 ? 0 : (double) hits / success.length;
    }
}
