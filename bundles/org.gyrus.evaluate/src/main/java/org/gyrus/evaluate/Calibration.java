package org.gyrus.evaluate;

import java.util.Arrays;

/**
 * A reliability (calibration) curve, as scikit-learn 1.2's {@code calibration_curve}: predicted
 * probabilities binned, per non-empty bin the observed share of positives against the mean
 * predicted probability; and the Brier score.
 *
 * @param observed   the share of positive rows in each non-empty bin
 * @param predicted  the mean predicted probability in each non-empty bin
 * @param counts     the number of rows in each non-empty bin
 */
public record Calibration(double[] observed, double[] predicted, int[] counts) {

    /** How bin edges are placed. */
    public enum Strategy {
        /** Equal-width bins on [0, 1]. */
        UNIFORM,
        /** Bins with (about) equal numbers of rows: edges at quantiles of the probabilities. */
        QUANTILE
    }

    /** The curve with {@code bins} bins. */
    public static Calibration of(boolean[] label, double[] probability, int bins, Strategy strategy) {
        if (bins < 1) {
            throw new IllegalArgumentException("A calibration curve needs at least one bin, not " + bins);
        }
        double[] edges = new double[bins + 1];
        if (strategy == Strategy.UNIFORM) {
            for (int i = 0; i <= bins; i++) {
                edges[i] = (double) i / bins;
            }
        } else {
            double[] sorted = probability.clone();
            Arrays.sort(sorted);
            for (int i = 0; i <= bins; i++) {
                edges[i] = BootstrapMethod.quantile(sorted, (double) i / bins);
            }
        }
        double[] sum = new double[bins];
        double[] pos = new double[bins];
        int[] cnt = new int[bins];
        for (int r = 0; r < probability.length; r++) {
            // numpy.searchsorted(edges[1:-1], p, side="left"): the number of inner edges below p.
            int lo = 1;
            int hi = bins;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (edges[mid] < probability[r]) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            int b = lo - 1;
            sum[b] += probability[r];
            pos[b] += label[r] ? 1 : 0;
            cnt[b]++;
        }
        int k = 0;
        for (int c : cnt) {
            k += c > 0 ? 1 : 0;
        }
        double[] obs = new double[k];
        double[] pred = new double[k];
        int[] counts = new int[k];
        int j = 0;
        for (int b = 0; b < bins; b++) {
            if (cnt[b] > 0) {
                obs[j] = pos[b] / cnt[b];
                pred[j] = sum[b] / cnt[b];
                counts[j++] = cnt[b];
            }
        }
        return new Calibration(obs, pred, counts);
    }

    /** The Brier score: the mean squared difference between probability and outcome (0 or 1). */
    public static double brier(boolean[] label, double[] probability) {
        double s = 0;
        for (int r = 0; r < label.length; r++) {
            double d = probability[r] - (label[r] ? 1 : 0);
            s += d * d;
        }
        return s / label.length;
    }
}
