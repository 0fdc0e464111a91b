package org.gyrus.evaluate;

import java.util.SplittableRandom;

import org.apache.commons.math3.special.Gamma;

/**
 * Exact binomial random numbers, so that a resample of a few unit types costs a few draws instead
 * of one draw per unit: the number of units of one type among n drawn with replacement is
 * Binomial(n, share of that type).
 */
final class Binomial {

    /** Below this many trials, counting Bernoulli draws is cheaper than inversion. */
    private static final int SMALL = 64;

    private Binomial() {
    }

    /**
     * A Binomial(n, p) number. Small n: n Bernoulli draws. Otherwise inversion that starts at the
     * mode and walks outwards (down and up in turn) adding probabilities from the recurrences of
     * the binomial pmf until they exceed a uniform number: exact, and about one standard
     * deviation of steps.
     */
    static int sample(SplittableRandom rng, int n, double p) {
        if (p <= 0 || n == 0) {
            return 0;
        }
        if (p >= 1) {
            return n;
        }
        if (n < SMALL) {
            int k = 0;
            for (int i = 0; i < n; i++) {
                k += rng.nextDouble() < p ? 1 : 0;
            }
            return k;
        }
        double q = 1 - p;
        int mode = (int) Math.min(n, Math.floor((n + 1) * p));
        double pm = Math.exp(Gamma.logGamma(n + 1.0) - Gamma.logGamma(mode + 1.0) - Gamma.logGamma(n - mode + 1.0)
                + mode * Math.log(p) + (n - mode) * Math.log(q));
        double u = rng.nextDouble();
        double sum = pm;
        if (u < sum) {
            return mode;
        }
        int lo = mode;
        int hi = mode;
        double plo = pm;
        double phi = pm;
        double ratio = p / q;
        while (lo > 0 || hi < n) {
            if (lo > 0) {
                plo *= lo / ((n - lo + 1.0) * ratio);
                lo--;
                sum += plo;
                if (u < sum) {
                    return lo;
                }
            }
            if (hi < n) {
                phi *= (n - hi) / (hi + 1.0) * ratio;
                hi++;
                sum += phi;
                if (u < sum) {
                    return hi;
                }
            }
        }
        // The probabilities summed to 1 − u less than 1 by rounding: u fell in the last sliver.
        return mode;
    }
}
