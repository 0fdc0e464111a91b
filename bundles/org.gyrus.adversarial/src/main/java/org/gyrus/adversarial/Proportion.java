package org.gyrus.adversarial;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * A count of successes among trials with its Wilson score interval (Wilson 1927), the interval
 * statsmodels' {@code proportion_confint(method="wilson")} gives. Kept here rather than taken from
 * the evaluation bundle because capability bundles do not depend on each other.
 *
 * @param successes the successes, {@code 0 <= successes <= trials}
 * @param trials    the trials
 */
public record Proportion(int successes, int trials) {

    /** Checks the counts. */
    public Proportion {
        if (trials < 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException(successes + " successes among " + trials + " trials");
        }
    }

    /** @return successes / trials, NaN without trials */
    public double rate() {
        return trials == 0 ? Double.NaN : (double) successes / trials;
    }

    /**
     * The Wilson score interval.
     *
     * @param level the confidence level, in (0, 1)
     * @return {low, high}; NaN without trials
     */
    public double[] wilson(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("the confidence level must be in (0, 1), got " + level);
        }
        if (trials == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double z = new NormalDistribution(null, 0, 1).inverseCumulativeProbability(1 - (1 - level) / 2);
        double n = trials;
        double p = successes / n;
        double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
        double half = z / (1 + z * z / n) * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n));
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }
}
