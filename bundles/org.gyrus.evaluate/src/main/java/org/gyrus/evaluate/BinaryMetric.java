package org.gyrus.evaluate;

/**
 * The binary classification metrics computed from a confusion matrix. Each knows whether it is a
 * proportion k / n (then it has binomial intervals) and why it can be undefined.
 */
public enum BinaryMetric {
    /** TP / (TP + FN): recall, true-positive rate. */
    SENSITIVITY("sensitivity", true),
    /** TN / (TN + FP): true-negative rate. */
    SPECIFICITY("specificity", true),
    /** TP / (TP + FP): positive predictive value, precision. */
    PPV("PPV", true),
    /** TN / (TN + FN): negative predictive value. */
    NPV("NPV", true),
    /** (TP + TN) / n. */
    ACCURACY("accuracy", true),
    /** (sensitivity + specificity) / 2. */
    BALANCED_ACCURACY("balanced accuracy", false),
    /** 2 TP / (2 TP + FP + FN). */
    F1("F1", false),
    /** (TP + FN) / n: the share of positive cases. */
    PREVALENCE("prevalence", true),
    /** sensitivity / (1 − specificity): positive likelihood ratio. */
    LR_POSITIVE("LR+", false),
    /** (1 − sensitivity) / specificity: negative likelihood ratio. */
    LR_NEGATIVE("LR−", false);

    /** Index of the true positives in a counts array {TP, FN, FP, TN}. */
    static final int TP = 0;
    /** Index of the false negatives. */
    static final int FN = 1;
    /** Index of the false positives. */
    static final int FP = 2;
    /** Index of the true negatives. */
    static final int TN = 3;

    private final String label;
    private final boolean proportion;

    BinaryMetric(String label, boolean proportion) {
        this.label = label;
        this.proportion = proportion;
    }

    /** The name shown in reports. */
    public String label() {
        return label;
    }

    /** Whether the metric is a proportion k / n of rows (then Wilson and Clopper–Pearson apply). */
    public boolean isProportion() {
        return proportion;
    }

    /** The metric from counts {TP, FN, FP, TN}; NaN when undefined (see {@link #undefinedReason}). */
    public double value(double tp, double fn, double fp, double tn) {
        return switch (this) {
            case SENSITIVITY -> ratio(tp, tp + fn);
            case SPECIFICITY -> ratio(tn, tn + fp);
            case PPV -> ratio(tp, tp + fp);
            case NPV -> ratio(tn, tn + fn);
            case ACCURACY -> ratio(tp + tn, tp + fn + fp + tn);
            case PREVALENCE -> ratio(tp + fn, tp + fn + fp + tn);
            case BALANCED_ACCURACY -> (ratio(tp, tp + fn) + ratio(tn, tn + fp)) / 2;
            case F1 -> ratio(2 * tp, 2 * tp + fp + fn);
            case LR_POSITIVE -> ratio(ratio(tp, tp + fn), 1 - ratio(tn, tn + fp));
            case LR_NEGATIVE -> ratio(1 - ratio(tp, tp + fn), ratio(tn, tn + fp));
        };
    }

    /** The metric from a counts array {TP, FN, FP, TN} starting at {@code offset}. */
    double value(long[] c, int offset) {
        return value(c[offset + TP], c[offset + FN], c[offset + FP], c[offset + TN]);
    }

    /** The numerator k of a proportion from counts {TP, FN, FP, TN}. */
    long successes(long[] c) {
        return switch (this) {
            case SENSITIVITY, PPV -> c[TP];
            case SPECIFICITY, NPV -> c[TN];
            case ACCURACY -> c[TP] + c[TN];
            case PREVALENCE -> c[TP] + c[FN];
            default -> throw new IllegalStateException(label + " is not a proportion");
        };
    }

    /** The denominator n of a proportion from counts {TP, FN, FP, TN}. */
    long trials(long[] c) {
        return switch (this) {
            case SENSITIVITY -> c[TP] + c[FN];
            case SPECIFICITY -> c[TN] + c[FP];
            case PPV -> c[TP] + c[FP];
            case NPV -> c[TN] + c[FN];
            case ACCURACY, PREVALENCE -> c[TP] + c[FN] + c[FP] + c[TN];
            default -> throw new IllegalStateException(label + " is not a proportion");
        };
    }

    /** Why the metric is undefined for counts {TP, FN, FP, TN}, or {@code null} when it is defined. */
    public String undefinedReason(long[] c) {
        long pos = c[TP] + c[FN];
        long neg = c[TN] + c[FP];
        String noPos = "no positive cases (TP + FN = 0)";
        String noNeg = "no negative cases (TN + FP = 0)";
        return switch (this) {
            case SENSITIVITY -> pos == 0 ? noPos : null;
            case SPECIFICITY -> neg == 0 ? noNeg : null;
            case PPV -> c[TP] + c[FP] == 0 ? "no positive predictions (TP + FP = 0)" : null;
            case NPV -> c[TN] + c[FN] == 0 ? "no negative predictions (TN + FN = 0)" : null;
            case ACCURACY, PREVALENCE -> pos + neg == 0 ? "no rows" : null;
            case BALANCED_ACCURACY -> pos == 0 ? noPos : neg == 0 ? noNeg : null;
            case F1 -> 2 * c[TP] + c[FP] + c[FN] == 0 ? "no positive cases and no positive predictions" : null;
            case LR_POSITIVE -> pos == 0 ? noPos : neg == 0 ? noNeg : c[FP] == 0 ? "no false positives (specificity is 1): division by 0" : null;
            case LR_NEGATIVE -> pos == 0 ? noPos : neg == 0 ? noNeg : c[TN] == 0 ? "no true negatives (specificity is 0): division by 0" : null;
        };
    }

    private static double ratio(double a, double b) {
        return b == 0 ? Double.NaN : a / b;
    }
}
