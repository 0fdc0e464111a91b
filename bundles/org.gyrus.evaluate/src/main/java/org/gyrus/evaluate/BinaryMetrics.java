package org.gyrus.evaluate;

import java.util.ArrayList;
import java.util.List;

/**
 * The binary metrics of {@link BinaryMetric} with confidence intervals. Proportions get the
 * binomial interval asked for (Wilson or Clopper–Pearson) unless rows repeat subjects, in which
 * case rows are not independent and every interval comes from a bootstrap over subjects; the other
 * metrics always come from the bootstrap.
 */
public final class BinaryMetrics {

    /** A metric needs a defined value in at least this share of resamples to get a bootstrap interval. */
    static final double MIN_DEFINED_SHARE = 0.9;

    /**
     * The result.
     *
     * @param counts     the confusion matrix {TP, FN, FP, TN}
     * @param estimates  one per {@link BinaryMetric}, in its order
     * @param resampling how the bootstrap resampled, for the report
     */
    public record Result(long[] counts, List<Estimate> estimates, String resampling) {
        /** The estimate of {@code m}. */
        public Estimate get(BinaryMetric m) {
            return estimates.get(m.ordinal());
        }
    }

    private BinaryMetrics() {
    }

    /**
     * Computes every metric.
     *
     * @param label     per row whether it is a positive case
     * @param predicted per row whether it is predicted positive
     * @param subjects  per row a subject code, or {@code null} when rows are independent
     */
    public static Result compute(boolean[] label, boolean[] predicted, int[] subjects, EvaluationOptions o) {
        int n = label.length;
        long[] counts = new long[4];
        int[] labels01 = new int[n];
        for (int r = 0; r < n; r++) {
            labels01[r] = label[r] ? 1 : 0;
            counts[label[r] ? (predicted[r] ? BinaryMetric.TP : BinaryMetric.FN) : (predicted[r] ? BinaryMetric.FP : BinaryMetric.TN)]++;
        }
        Resampling plan = Resampling.of(labels01, subjects, o.stratified(), o.resamples(), o.seed());
        long[] boot = n == 0 ? null : plan.counts(label, predicted, o.threads());
        Resampling.Jackknife jack = n == 0 ? null : plan.jackknife(label, predicted);
        List<Estimate> out = new ArrayList<>();
        for (BinaryMetric m : BinaryMetric.values()) {
            out.add(estimate(m, counts, plan, boot, jack, o));
        }
        String text = plan.describe() + (plan.repeatedSubjects()
                ? "; rows repeat subjects, so every interval resamples subjects (binomial intervals would assume independent rows)"
                : "");
        return new Result(counts, out, text);
    }

    private static Estimate estimate(BinaryMetric m, long[] counts, Resampling plan, long[] boot, Resampling.Jackknife jack,
            EvaluationOptions o) {
        String reason = m.undefinedReason(counts);
        if (reason != null) {
            return Estimate.undefined(m.label(), reason);
        }
        double value = m.value(counts, 0);
        ProportionInterval binomial = m.isProportion() ? o.proportions().binomial() : null;
        String note = "";
        if (m == BinaryMetric.PREVALENCE && binomial == null && plan.fixesPrevalence()) {
            binomial = ProportionInterval.WILSON;
            note = "stratified resampling holds prevalence fixed, so its interval is Wilson's";
        }
        if (binomial != null && !plan.repeatedSubjects()) {
            double[] ci = binomial.interval(m.successes(counts), m.trials(counts), o.level());
            return new Estimate(m.label(), value, ci[0], ci[1], binomial.label(), note);
        }
        BootstrapMethod method = m.isProportion() && o.proportions().bootstrap() != null ? o.proportions().bootstrap() : o.bootstrap();
        return bootstrap(m.label(), value, method, plan, b -> m.value(boot, 4 * b), jackValues(m, jack), jack.multiplicity(), o);
    }

    private static double[] jackValues(BinaryMetric m, Resampling.Jackknife jack) {
        double[] v = new double[jack.counts().size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = m.value(jack.counts().get(i), 0);
        }
        return v;
    }

    /** A value of resample b. */
    interface Replicate {
        double value(int b);
    }

    /**
     * The bootstrap estimate of a metric: undefined resamples are left out and counted; too many
     * of them, or an infinite BCa bias, leave the interval undefined with the reason.
     */
    static Estimate bootstrap(String metric, double value, BootstrapMethod method, Resampling plan, Replicate replicate,
            double[] jackknife, long[] weights, EvaluationOptions o) {
        int b = plan.resamples();
        double[] reps = new double[b];
        int k = 0;
        for (int i = 0; i < b; i++) {
            double v = replicate.value(i);
            if (!Double.isNaN(v)) {
                reps[k++] = v;
            }
        }
        String label = method.label() + " (" + plan.describe() + ")";
        int undefined = b - k;
        if (k < MIN_DEFINED_SHARE * b) {
            return new Estimate(metric, value, Double.NaN, Double.NaN, label, "interval undefined: the metric is undefined in "
                    + undefined + " of " + b + " resamples (too few cases)");
        }
        double[] defined = java.util.Arrays.copyOf(reps, k);
        double[] jackDefined = jackknife;
        long[] w = weights;
        if (method == BootstrapMethod.BCA && jackknife != null) {
            int j = 0;
            jackDefined = new double[jackknife.length];
            w = new long[jackknife.length];
            for (int i = 0; i < jackknife.length; i++) {
                if (!Double.isNaN(jackknife[i])) {
                    jackDefined[j] = jackknife[i];
                    w[j++] = weights[i];
                }
            }
            jackDefined = java.util.Arrays.copyOf(jackDefined, j);
            w = java.util.Arrays.copyOf(w, j);
        }
        double[] ci = method.interval(value, defined, jackDefined, w, o.level());
        String note = undefined > 0 ? "undefined in " + undefined + " of " + b + " resamples, which are left out" : "";
        if (ci == null) {
            return new Estimate(metric, value, Double.NaN, Double.NaN, label,
                    "interval undefined: every resampled value lies on one side of the estimate (BCa's bias correction is infinite); "
                            + "use the percentile method");
        }
        return new Estimate(metric, value, ci[0], ci[1], label, note);
    }
}
