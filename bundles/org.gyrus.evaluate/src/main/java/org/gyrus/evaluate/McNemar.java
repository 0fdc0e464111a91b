package org.gyrus.evaluate;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * McNemar's test of two classifiers' accuracy on the same rows: only the discordant rows count,
 * b (first right, second wrong) and c (first wrong, second right). As statsmodels' {@code mcnemar}:
 * the exact test is the two-sided binomial test of min(b, c) in b + c trials at 1/2; the
 * asymptotic one is χ² = (|b − c| − 1)² / (b + c) with one degree of freedom.
 *
 * @param b          rows the first classifier gets right and the second wrong
 * @param c          rows the first classifier gets wrong and the second right
 * @param exactP     the exact two-sided p-value
 * @param chiSquare  the continuity-corrected statistic, NaN when b + c = 0
 * @param chiSquareP its p-value, 1 when b + c = 0
 */
public record McNemar(long b, long c, double exactP, double chiSquare, double chiSquareP) {

    /** The test from per-row correctness of the two classifiers. */
    public static McNemar of(boolean[] firstCorrect, boolean[] secondCorrect) {
        long b = 0;
        long c = 0;
        for (int r = 0; r < firstCorrect.length; r++) {
            if (firstCorrect[r] && !secondCorrect[r]) {
                b++;
            } else if (!firstCorrect[r] && secondCorrect[r]) {
                c++;
            }
        }
        return of(b, c);
    }

    /** The test from the discordant counts. */
    public static McNemar of(long b, long c) {
        long n = b + c;
        if (n == 0) {
            return new McNemar(b, c, 1, Double.NaN, 1);
        }
        double exact = Math.min(1, 2 * binomialHalfTail(Math.min(b, c), n));
        double stat = Math.pow(Math.abs(b - c) - 1, 2) / n;
        double p = 1 - new ChiSquaredDistribution(null, 1).cumulativeProbability(stat);
        return new McNemar(b, c, exact, stat, p);
    }

    /**
     * P(X ≤ k) for X ~ Binomial(n, 1/2), summed term by term in logs: commons-math's regularised
     * beta loses the fifth digit in the far tail, where McNemar's p-values of interest lie.
     */
    static double binomialHalfTail(long k, long n) {
        double logTerm = -n * Math.log(2);
        double max = logTerm;
        double[] logs = new double[(int) k + 1];
        logs[0] = logTerm;
        for (long i = 1; i <= k; i++) {
            logTerm += Math.log(n - i + 1) - Math.log(i);
            logs[(int) i] = logTerm;
            max = Math.max(max, logTerm);
        }
        double sum = 0;
        for (double l : logs) {
            sum += Math.exp(l - max);
        }
        return Math.exp(max) * sum;
    }
}
