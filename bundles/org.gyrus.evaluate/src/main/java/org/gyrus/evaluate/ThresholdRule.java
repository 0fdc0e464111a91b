package org.gyrus.evaluate;

/**
 * How the decision threshold on the positive class's probability is chosen. A row is predicted
 * positive when its probability is ≥ the threshold.
 */
public enum ThresholdRule {
    /** A given threshold. */
    FIXED,
    /** The threshold that maximises Youden's J = sensitivity + specificity − 1. */
    YOUDEN,
    /** The highest threshold whose sensitivity is at least the given value (the best specificity with it). */
    SENSITIVITY,
    /** The lowest threshold whose specificity is at least the given value (the best sensitivity with it). */
    SPECIFICITY;

    /**
     * The threshold chosen on {@code label}, {@code score}.
     *
     * @param value the threshold (FIXED) or the sensitivity or specificity to reach; unused for YOUDEN
     */
    public double choose(boolean[] label, double[] score, double value) {
        if (this == FIXED) {
            return value;
        }
        if (this != YOUDEN && !(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("A target " + name().toLowerCase() + " must lie in [0, 1], not " + value);
        }
        RocCurve roc = RocCurve.of(label, score, false);
        double[] fpr = roc.fpr();
        double[] tpr = roc.tpr();
        double[] thr = roc.thresholds();
        int best = -1;
        for (int i = 1; i < thr.length; i++) {
            switch (this) {
                case YOUDEN -> {
                    // Ties go to the higher threshold (the first one met), as scikit-learn's argmax would.
                    if (best < 0 || tpr[i] - fpr[i] > tpr[best] - fpr[best]) {
                        best = i;
                    }
                }
                case SENSITIVITY -> {
                    if (best < 0 && tpr[i] >= value - 1e-12) {
                        best = i;
                    }
                }
                default -> {
                    if (1 - fpr[i] >= value - 1e-12) {
                        best = i;
                    }
                }
            }
        }
        if (best < 0) {
            throw new IllegalArgumentException("No threshold reaches a " + name().toLowerCase() + " of " + value);
        }
        return thr[best];
    }

    /** "Youden's J", "sensitivity ≥ 0.9", "fixed 0.5". */
    public String describe(double value) {
        return switch (this) {
            case FIXED -> "fixed at " + value;
            case YOUDEN -> "maximising Youden's J";
            case SENSITIVITY -> "the highest with sensitivity ≥ " + value;
            case SPECIFICITY -> "the lowest with specificity ≥ " + value;
        };
    }
}
