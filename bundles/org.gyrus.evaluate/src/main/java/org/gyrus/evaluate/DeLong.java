package org.gyrus.evaluate;

/**
 * The area under the ROC curve with DeLong, DeLong and Clarke-Pearson's (1988) variance, computed
 * with Sun and Xu's (2014) mid-rank algorithm in O(n log n), and DeLong's test of two correlated
 * AUCs on the same rows.
 */
public final class DeLong {

    /**
     * The AUC of one score and its structural components.
     *
     * @param auc      the area (ties count half), as scikit-learn's {@code roc_auc_score}
     * @param variance DeLong's variance of the area
     * @param v10      per positive row the share of negatives it outranks (ties half)
     * @param v01      per negative row the share of positives that outrank it (ties half)
     */
    public record Auc(double auc, double variance, double[] v10, double[] v01) {
        /** The standard error. */
        public double se() {
            return Math.sqrt(variance);
        }

        /** The normal interval auc ± z·se at {@code level}, clipped to [0, 1] (as R's pROC). */
        public double[] interval(double level) {
            double z = ProportionInterval.normalQuantile(1 - (1 - level) / 2);
            return new double[] {Math.max(0, auc - z * se()), Math.min(1, auc + z * se())};
        }
    }

    /**
     * DeLong's test of two AUCs on the same rows.
     *
     * @param auc1       the first model's AUC
     * @param auc2       the second model's AUC
     * @param difference auc1 − auc2
     * @param se         the standard error of the difference
     * @param z          the test statistic
     * @param p          the two-sided p-value
     * @param lower      lower bound of the difference's normal interval
     * @param upper      upper bound of the difference's normal interval
     * @param correlation the correlation of the two AUC estimates
     */
    public record Comparison(double auc1, double auc2, double difference, double se, double z, double p, double lower, double upper,
            double correlation) {
    }

    private DeLong() {
    }

    /**
     * The AUC of {@code score} for the 0/1 {@code label}.
     *
     * @throws IllegalArgumentException if one class is absent
     */
    public static Auc of(boolean[] label, double[] score) {
        int m = 0;
        for (boolean b : label) {
            m += b ? 1 : 0;
        }
        int n = label.length - m;
        if (m == 0 || n == 0) {
            throw new IllegalArgumentException("The AUC needs both classes; there are " + m + " positive and " + n + " negative rows");
        }
        double[] x = new double[m];
        double[] y = new double[n];
        int ix = 0;
        int iy = 0;
        for (int r = 0; r < label.length; r++) {
            if (label[r]) {
                x[ix++] = score[r];
            } else {
                y[iy++] = score[r];
            }
        }
        double[] tz = Ranking.midranks(score);
        double[] tx = Ranking.midranks(x);
        double[] ty = Ranking.midranks(y);
        double[] v10 = new double[m];
        double[] v01 = new double[n];
        ix = 0;
        iy = 0;
        for (int r = 0; r < label.length; r++) {
            if (label[r]) {
                v10[ix] = (tz[r] - tx[ix]) / n;
                ix++;
            } else {
                v01[iy] = 1 - (tz[r] - ty[iy]) / m;
                iy++;
            }
        }
        double auc = mean(v10);
        double var = (m > 1 ? cov(v10, v10) / m : 0) + (n > 1 ? cov(v01, v01) / n : 0);
        return new Auc(auc, var, v10, v01);
    }

    /** DeLong's test of the AUCs of two scores of the same rows. */
    public static Comparison compare(boolean[] label, double[] score1, double[] score2, double level) {
        Auc a = of(label, score1);
        Auc b = of(label, score2);
        int m = a.v10.length;
        int n = a.v01.length;
        double s11 = a.variance;
        double s22 = b.variance;
        double s12 = (m > 1 ? cov(a.v10, b.v10) / m : 0) + (n > 1 ? cov(a.v01, b.v01) / n : 0);
        double d = a.auc - b.auc;
        double var = s11 + s22 - 2 * s12;
        double se = Math.sqrt(Math.max(var, 0));
        double z = se == 0 ? (d == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, d)) : d / se;
        double p = 2 * (1 - ProportionInterval.normalCdf(Math.abs(z)));
        double q = ProportionInterval.normalQuantile(1 - (1 - level) / 2);
        double corr = s11 > 0 && s22 > 0 ? s12 / Math.sqrt(s11 * s22) : Double.NaN;
        return new Comparison(a.auc, b.auc, d, se, z, p, d - q * se, d + q * se, corr);
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** The sample covariance (n − 1 in the denominator). */
    static double cov(double[] a, double[] b) {
        double ma = mean(a);
        double mb = mean(b);
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - ma) * (b[i] - mb);
        }
        return s / (a.length - 1);
    }
}
