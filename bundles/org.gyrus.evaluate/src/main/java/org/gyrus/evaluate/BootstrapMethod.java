package org.gyrus.evaluate;

import java.util.Arrays;

/**
 * How a bootstrap distribution becomes a confidence interval (Efron and Tibshirani 1993, ch. 13
 * and 14). Quantiles interpolate linearly between order statistics, as numpy's default.
 */
public enum BootstrapMethod {
    /** The α/2 and 1 − α/2 quantiles of the resampled values. */
    PERCENTILE("bootstrap percentile"),
    /**
     * Bias-corrected and accelerated: quantiles shifted by the bias z0 (the share of resampled
     * values below the estimate, ties counted half) and the jackknife acceleration a.
     */
    BCA("bootstrap BCa");

    private final String label;

    BootstrapMethod(String label) {
        this.label = label;
    }

    /** The method's name as shown in reports. */
    public String label() {
        return label;
    }

    /**
     * The interval, or {@code null} when BCa's bias correction is infinite (every resampled value
     * on one side of the estimate).
     *
     * @param estimate   the estimate on the full data
     * @param replicates the resampled values (sorted in place)
     * @param jackknife  leave-one-unit-out values (BCa only)
     * @param weights    how many units each jackknife value stands for (BCa only)
     */
    double[] interval(double estimate, double[] replicates, double[] jackknife, long[] weights, double level) {
        Arrays.sort(replicates);
        double alpha = 1 - level;
        if (replicates[0] == replicates[replicates.length - 1]) {
            return new double[] {replicates[0], replicates[0]};
        }
        if (this == PERCENTILE) {
            return new double[] {quantile(replicates, alpha / 2), quantile(replicates, 1 - alpha / 2)};
        }
        double below = 0;
        for (double v : replicates) {
            below += v < estimate ? 1 : v == estimate ? 0.5 : 0;
        }
        double p0 = below / replicates.length;
        if (p0 <= 0 || p0 >= 1) {
            return null;
        }
        double z0 = ProportionInterval.normalQuantile(p0);
        double a = acceleration(jackknife, weights);
        double[] out = new double[2];
        double[] tails = {alpha / 2, 1 - alpha / 2};
        for (int i = 0; i < 2; i++) {
            double z = ProportionInterval.normalQuantile(tails[i]);
            double adj = ProportionInterval.normalCdf(z0 + (z0 + z) / (1 - a * (z0 + z)));
            out[i] = quantile(replicates, adj);
        }
        return out;
    }

    /** a = Σ w (m − θi)³ / (6 (Σ w (m − θi)²)^1.5), m the weighted jackknife mean. */
    static double acceleration(double[] jack, long[] weights) {
        double sw = 0;
        double mean = 0;
        for (int i = 0; i < jack.length; i++) {
            sw += weights[i];
            mean += weights[i] * jack[i];
        }
        mean /= sw;
        double num = 0;
        double den = 0;
        for (int i = 0; i < jack.length; i++) {
            double d = mean - jack[i];
            num += weights[i] * d * d * d;
            den += weights[i] * d * d;
        }
        return den == 0 ? 0 : num / (6 * Math.pow(den, 1.5));
    }

    /** numpy's default ("linear") quantile of sorted values. */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
