package org.gyrus.evaluate;

/**
 * A precision–recall curve, as scikit-learn 1.2's {@code precision_recall_curve}: one point per
 * distinct score, by increasing threshold, with a last point (recall 0, precision 1).
 *
 * @param precision  precision at each threshold, then 1
 * @param recall     recall at each threshold (non-increasing), then 0
 * @param thresholds increasing thresholds
 */
public record PrecisionRecallCurve(double[] precision, double[] recall, double[] thresholds) {

    /** The curve of {@code score} for {@code label}; at least one positive row is needed. */
    public static PrecisionRecallCurve of(boolean[] label, double[] score) {
        RocCurve.Cumulative c = RocCurve.Cumulative.of(label, score);
        double positives = c.tps[c.size - 1];
        if (positives == 0) {
            throw new IllegalArgumentException("A precision–recall curve needs positive rows");
        }
        int k = c.size;
        double[] p = new double[k + 1];
        double[] r = new double[k + 1];
        double[] t = new double[k];
        for (int j = 0; j < k; j++) {
            int i = k - 1 - j;
            double ps = c.tps[i] + c.fps[i];
            p[j] = ps == 0 ? 0 : c.tps[i] / ps;
            r[j] = c.tps[i] / positives;
            t[j] = c.thresholds[i];
        }
        p[k] = 1;
        r[k] = 0;
        return new PrecisionRecallCurve(p, r, t);
    }

    /** Average precision, Σ (R_n − R_{n−1}) P_n, as scikit-learn's {@code average_precision_score}. */
    public double averagePrecision() {
        double s = 0;
        for (int i = 0; i < recall.length - 1; i++) {
            s -= (recall[i + 1] - recall[i]) * precision[i];
        }
        return s;
    }
}
