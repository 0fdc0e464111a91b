package org.gyrus.evaluate;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Confidence intervals for a binomial proportion k / n, as statsmodels'
 * {@code proportion_confint} computes them ({@code method="wilson"} and {@code method="beta"}).
 */
public enum ProportionInterval {
    /** Wilson's score interval: good coverage for small n and proportions near 0 or 1. */
    WILSON("Wilson score"),
    /** Clopper and Pearson's exact interval from beta quantiles: never below the nominal coverage. */
    CLOPPER_PEARSON("Clopper–Pearson exact");

    private final String label;

    ProportionInterval(String label) {
        this.label = label;
    }

    /** The method's name as shown in reports. */
    public String label() {
        return label;
    }

    /**
     * The two-sided interval at {@code level} (e.g. 0.95) for {@code k} successes in {@code n} trials.
     *
     * @return {lower, upper}
     * @throws IllegalArgumentException if n is 0 or k is outside [0, n]
     */
    public double[] interval(long k, long n, double level) {
        if (n <= 0 || k < 0 || k > n) {
            throw new IllegalArgumentException("A proportion needs 0 ≤ k ≤ n and n > 0; got k = " + k + ", n = " + n);
        }
        double alpha = 1 - level;
        if (this == WILSON) {
            double z = normalQuantile(1 - alpha / 2);
            double z2 = z * z;
            double p = (double) k / n;
            double denom = 1 + z2 / n;
            double centre = (p + z2 / (2.0 * n)) / denom;
            double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denom;
            return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
        }
        double lo = k == 0 ? 0 : new BetaDistribution(null, k, n - k + 1).inverseCumulativeProbability(alpha / 2);
        double hi = k == n ? 1 : new BetaDistribution(null, k + 1, n - k).inverseCumulativeProbability(1 - alpha / 2);
        return new double[] {lo, hi};
    }

    static double normalQuantile(double p) {
        return new NormalDistribution(null, 0, 1).inverseCumulativeProbability(p);
    }

    static double normalCdf(double x) {
        return new NormalDistribution(null, 0, 1).cumulativeProbability(x);
    }
}
