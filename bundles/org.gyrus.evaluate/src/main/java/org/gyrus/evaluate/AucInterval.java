package org.gyrus.evaluate;

/** How the AUC gets its confidence interval. */
public enum AucInterval {
    /** DeLong's variance with a normal interval (rows must be independent). */
    DELONG,
    /** The bootstrap, percentile. */
    PERCENTILE,
    /** The bootstrap, BCa. */
    BCA;

    /**
     * The AUC of {@code score} with its interval; rows that repeat a subject always use the
     * bootstrap over subjects (BCa unless percentile was asked for), since DeLong assumes
     * independent rows.
     */
    Estimate estimate(boolean[] label, double[] score, int[] subjects, EvaluationOptions o) {
        int pos = 0;
        for (boolean b : label) {
            pos += b ? 1 : 0;
        }
        if (pos == 0) {
            return Estimate.undefined("AUC", "no positive cases");
        }
        if (pos == label.length) {
            return Estimate.undefined("AUC", "no negative cases");
        }
        DeLong.Auc d = DeLong.of(label, score);
        int[] labels01 = new int[label.length];
        for (int i = 0; i < label.length; i++) {
            labels01[i] = label[i] ? 1 : 0;
        }
        Resampling plan = Resampling.of(labels01, subjects, o.stratified(), o.resamples(), o.seed());
        if (this == DELONG && !plan.repeatedSubjects()) {
            double[] ci = d.interval(o.level());
            return new Estimate("AUC", d.auc(), ci[0], ci[1], "DeLong", "");
        }
        BootstrapMethod method = this == PERCENTILE ? BootstrapMethod.PERCENTILE : BootstrapMethod.BCA;
        AucBootstrap boot = new AucBootstrap(label, score, plan);
        double[] reps = boot.replicates(o.threads());
        double[] jack = method == BootstrapMethod.BCA ? boot.jackknife(d, score) : null;
        long[] w = jack == null ? null : new long[jack.length];
        if (w != null) {
            java.util.Arrays.fill(w, 1);
        }
        Estimate e = BinaryMetrics.bootstrap("AUC", d.auc(), method, plan, b -> reps[b], jack, w, o);
        if (this == DELONG) {
            return new Estimate(e.metric(), e.value(), e.lower(), e.upper(), e.method(),
                    join(e.note(), "rows repeat subjects, so the bootstrap over subjects replaces DeLong's interval"));
        }
        return e;
    }

    static String join(String a, String b) {
        return a.isEmpty() ? b : a + "; " + b;
    }
}
