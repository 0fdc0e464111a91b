package org.gyrus.evaluate;

import java.util.ArrayList;
import java.util.List;

/**
 * A receiver operating characteristic curve, as scikit-learn 1.2's {@code roc_curve}: one point
 * per distinct score (a row is predicted positive when its score is ≥ the threshold), collinear
 * points dropped when asked, and a first point (0, 0) at threshold max + 1.
 *
 * @param fpr        false-positive rates, non-decreasing
 * @param tpr        true-positive rates, non-decreasing
 * @param thresholds decreasing thresholds
 */
public record RocCurve(double[] fpr, double[] tpr, double[] thresholds) {

    /** The curve of {@code score} for {@code label}; both classes must be present. */
    public static RocCurve of(boolean[] label, double[] score, boolean dropIntermediate) {
        Cumulative c = Cumulative.of(label, score);
        if (c.tps[c.size - 1] == 0 || c.fps[c.size - 1] == 0) {
            throw new IllegalArgumentException("A ROC curve needs both classes");
        }
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < c.size; i++) {
            boolean corner = i == 0 || i == c.size - 1 || !dropIntermediate
                    || c.fps[i + 1] - 2 * c.fps[i] + c.fps[i - 1] != 0 || c.tps[i + 1] - 2 * c.tps[i] + c.tps[i - 1] != 0;
            if (corner) {
                keep.add(i);
            }
        }
        int k = keep.size() + 1;
        double[] fpr = new double[k];
        double[] tpr = new double[k];
        double[] thr = new double[k];
        double negatives = c.fps[c.size - 1];
        double positives = c.tps[c.size - 1];
        thr[0] = c.thresholds[keep.get(0)] + 1;
        for (int j = 1; j < k; j++) {
            int i = keep.get(j - 1);
            fpr[j] = c.fps[i] / negatives;
            tpr[j] = c.tps[i] / positives;
            thr[j] = c.thresholds[i];
        }
        return new RocCurve(fpr, tpr, thr);
    }

    /** The area under the curve by the trapezoidal rule. */
    public double auc() {
        return trapezoid(fpr, tpr);
    }

    static double trapezoid(double[] x, double[] y) {
        double s = 0;
        for (int i = 1; i < x.length; i++) {
            s += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2;
        }
        return s;
    }

    /**
     * Cumulative true and false positives at each distinct score, from the highest down: what
     * scikit-learn's {@code _binary_clf_curve} returns.
     */
    static final class Cumulative {
        final double[] fps;
        final double[] tps;
        final double[] thresholds;
        final int size;

        private Cumulative(double[] fps, double[] tps, double[] thresholds, int size) {
            this.fps = fps;
            this.tps = tps;
            this.thresholds = thresholds;
            this.size = size;
        }

        static Cumulative of(boolean[] label, double[] score) {
            int[] order = Ranking.ascending(score);
            int n = score.length;
            double[] fps = new double[n];
            double[] tps = new double[n];
            double[] thr = new double[n];
            int k = 0;
            double tp = 0;
            double fp = 0;
            for (int i = n - 1; i >= 0; i--) {
                int r = order[i];
                if (label[r]) {
                    tp++;
                } else {
                    fp++;
                }
                if (i == 0 || score[order[i - 1]] != score[r]) {
                    fps[k] = fp;
                    tps[k] = tp;
                    thr[k] = score[r];
                    k++;
                }
            }
            return new Cumulative(fps, tps, thr, k);
        }
    }
}
