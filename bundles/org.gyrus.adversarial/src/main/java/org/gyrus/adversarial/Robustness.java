package org.gyrus.adversarial;

/**
 * One attack at one budget scored against the true classes: how many samples the network still
 * classifies correctly (robust accuracy), how many of the correctly classified ones the attack
 * flipped (its success rate), and how far it moved them.
 *
 * @param attack   the attack's name
 * @param epsilon  its budget (NaN for an attack without one, such as the one-pixel attack)
 * @param truth    the true class of each sample
 * @param result   what the attack did (untargeted, so its labels are the true classes)
 */
public record Robustness(String attack, double epsilon, int[] truth, AttackResult result) {

    /** Checks that the result belongs to the true classes. */
    public Robustness {
        if (truth.length != result.size()) {
            throw new IllegalArgumentException(truth.length + " true classes for " + result.size() + " attacked samples");
        }
    }

    /** @return the samples classified correctly before the attack */
    public Proportion clean() {
        int right = 0;
        for (int s = 0; s < truth.length; s++) {
            right += result.originalClass()[s] == truth[s] ? 1 : 0;
        }
        return new Proportion(right, truth.length);
    }

    /** @return the samples classified correctly after the attack (robust accuracy) */
    public Proportion robust() {
        int right = 0;
        for (int s = 0; s < truth.length; s++) {
            right += result.adversarialClass()[s] == truth[s] ? 1 : 0;
        }
        return new Proportion(right, truth.length);
    }

    /** @return among the samples classified correctly before, those the attack misclassifies (its success rate) */
    public Proportion flipped() {
        int right = 0;
        int flipped = 0;
        for (int s = 0; s < truth.length; s++) {
            if (result.originalClass()[s] == truth[s]) {
                right++;
                flipped += result.adversarialClass()[s] != truth[s] ? 1 : 0;
            }
        }
        return new Proportion(flipped, right);
    }

    /**
     * Robust accuracy restricted to some samples (one class, one group).
     *
     * @param members whether each sample belongs
     * @return {clean, robust} among the members
     */
    public Proportion[] among(boolean[] members) {
        int n = 0;
        int clean = 0;
        int robust = 0;
        for (int s = 0; s < truth.length; s++) {
            if (members[s]) {
                n++;
                clean += result.originalClass()[s] == truth[s] ? 1 : 0;
                robust += result.adversarialClass()[s] == truth[s] ? 1 : 0;
            }
        }
        return new Proportion[] {new Proportion(clean, n), new Proportion(robust, n)};
    }

    /** @return the mean L∞ change over the samples */
    public double meanLinf() {
        return mean(result.linf());
    }

    /** @return the largest L∞ change */
    public double maxLinf() {
        return max(result.linf());
    }

    /** @return the mean L2 change */
    public double meanL2() {
        return mean(result.l2());
    }

    /** @return the largest L2 change */
    public double maxL2() {
        return max(result.l2());
    }

    private static double mean(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return v.length == 0 ? Double.NaN : sum / v.length;
    }

    private static double max(double[] v) {
        double m = v.length == 0 ? Double.NaN : 0;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
