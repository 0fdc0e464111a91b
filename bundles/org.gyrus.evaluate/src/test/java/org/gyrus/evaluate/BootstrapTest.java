package org.gyrus.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

class BootstrapTest {

    private static final Fixtures.BreastCancer BC = new Fixtures.BreastCancer();
    private static final JsonNode REF = Fixtures.reference();

    private static boolean[] at(double[] score, double t) {
        boolean[] p = new boolean[score.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = score[i] >= t;
        }
        return p;
    }

    private static EvaluationOptions options(IntervalMethod prop, BootstrapMethod boot, int b, boolean stratified, int threads) {
        return new EvaluationOptions(0.95, prop, boot, b, 7, stratified, threads);
    }

    @Test
    void unstratifiedRowBootstrapAgreesWithScipyWithinMonteCarloError() {
        JsonNode s = REF.get("scipy_bootstrap");
        boolean[] pred = at(BC.small, 0.5);
        for (BootstrapMethod m : BootstrapMethod.values()) {
            String tag = m == BootstrapMethod.BCA ? "BCa" : "percentile";
            BinaryMetrics.Result r = BinaryMetrics.compute(BC.malignant, pred, null,
                    options(m == BootstrapMethod.BCA ? IntervalMethod.BCA : IntervalMethod.PERCENTILE, m, 20000, false, 2));
            Estimate acc = r.get(BinaryMetric.ACCURACY);
            Estimate f1 = r.get(BinaryMetric.F1);
            assertArrayEquals(Fixtures.doubles(s.get("accuracy_small_0.5_" + tag)), new double[] {acc.lower(), acc.upper()}, 0.004, tag);
            assertArrayEquals(Fixtures.doubles(s.get("f1_small_0.5_" + tag)), new double[] {f1.lower(), f1.upper()}, 0.005, tag);
            assertTrue(acc.method().startsWith(m.label()), acc.method());
        }
    }

    @Test
    void seededAndIndependentOfThreadCount() {
        boolean[] pred = at(BC.small, 0.4);
        BinaryMetrics.Result one = BinaryMetrics.compute(BC.malignant, pred, null, options(IntervalMethod.WILSON, BootstrapMethod.BCA, 500, true, 1));
        BinaryMetrics.Result two = BinaryMetrics.compute(BC.malignant, pred, null, options(IntervalMethod.WILSON, BootstrapMethod.BCA, 500, true, 2));
        assertEquals(one.estimates(), two.estimates());
        BinaryMetrics.Result other = BinaryMetrics.compute(BC.malignant, pred, null,
                options(IntervalMethod.WILSON, BootstrapMethod.BCA, 500, true, 1).withSeed(8));
        assertNotEquals(one.get(BinaryMetric.F1).lower(), other.get(BinaryMetric.F1).lower(), "another seed, other resamples");
        BinaryMetrics.Result pct = BinaryMetrics.compute(BC.malignant, pred, null, options(IntervalMethod.WILSON, BootstrapMethod.PERCENTILE, 500, true, 1));
        assertNotEquals(one.get(BinaryMetric.F1).lower(), pct.get(BinaryMetric.F1).lower(), "the method changes the interval");
        assertTrue(one.get(BinaryMetric.F1).method().contains("BCa") && pct.get(BinaryMetric.F1).method().contains("percentile"));
    }

    @Test
    void stratificationHoldsClassCountsFixed() {
        int[] labels = new int[BC.malignant.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = BC.malignant[i] ? 1 : 0;
        }
        boolean[] pred = at(BC.small, 0.5);
        long[] strat = Resampling.of(labels, null, true, 300, 1).counts(BC.malignant, pred, 1);
        long[] free = Resampling.of(labels, null, false, 300, 1).counts(BC.malignant, pred, 1);
        boolean varies = false;
        for (int b = 0; b < 300; b++) {
            assertEquals(212, strat[4 * b] + strat[4 * b + 1], "positives per stratified resample");
            assertEquals(569, free[4 * b] + free[4 * b + 1] + free[4 * b + 2] + free[4 * b + 3]);
            varies |= free[4 * b] + free[4 * b + 1] != 212;
        }
        assertTrue(varies, "without strata the number of positives varies");
        // the true positives of a stratified resample: Binomial(212 positives, TP / 212)
        long[] many = Resampling.of(labels, null, true, 4000, 2).counts(BC.malignant, pred, 1);
        long tp = 0;
        for (int i = 0; i < labels.length; i++) {
            tp += BC.malignant[i] && pred[i] ? 1 : 0;
        }
        double p = tp / 212.0;
        double mean = 0;
        double sq = 0;
        for (int b = 0; b < 4000; b++) {
            mean += many[4 * b];
            sq += (double) many[4 * b] * many[4 * b];
        }
        mean /= 4000;
        double var = sq / 4000 - mean * mean;
        assertEquals(tp, mean, 4 * Math.sqrt(212 * p * (1 - p) / 4000));
        assertEquals(212 * p * (1 - p), var, 0.1 * 212 * p * (1 - p));
        BinaryMetrics.Result r = BinaryMetrics.compute(BC.malignant, pred, null, options(IntervalMethod.BCA, BootstrapMethod.BCA, 300, true, 1));
        assertTrue(r.get(BinaryMetric.PREVALENCE).method().startsWith("Wilson"), "a fixed prevalence has no bootstrap interval");
    }

    @Test
    void repeatedSubjectsAreResampledWholeSoIntervalsDoNotShrink() {
        // 300 subjects, 5 identical rows each: the information is that of 300 rows, not 1500.
        SplittableRandom rnd = new SplittableRandom(3);
        int s = 300;
        boolean[] label1 = new boolean[s];
        boolean[] pred1 = new boolean[s];
        for (int i = 0; i < s; i++) {
            label1[i] = rnd.nextDouble() < 0.4;
            pred1[i] = rnd.nextDouble() < (label1[i] ? 0.8 : 0.25);
        }
        boolean[] label5 = new boolean[5 * s];
        boolean[] pred5 = new boolean[5 * s];
        int[] subject = new int[5 * s];
        for (int i = 0; i < 5 * s; i++) {
            label5[i] = label1[i / 5];
            pred5[i] = pred1[i / 5];
            subject[i] = 1000 + i / 5;
        }
        EvaluationOptions o = options(IntervalMethod.WILSON, BootstrapMethod.PERCENTILE, 2000, true, 2);
        double single = width(BinaryMetrics.compute(label1, pred1, null, o).get(BinaryMetric.F1));
        BinaryMetrics.Result bySubject = BinaryMetrics.compute(label5, pred5, subject, o);
        double rowsAsIfIndependent = width(BinaryMetrics.compute(label5, pred5, null, o).get(BinaryMetric.F1));
        assertEquals(single, width(bySubject.get(BinaryMetric.F1)), 0.15 * single);
        assertTrue(rowsAsIfIndependent < 0.6 * single, "rows treated as independent understate the uncertainty: " + rowsAsIfIndependent);
        Estimate sens = bySubject.get(BinaryMetric.SENSITIVITY);
        assertTrue(sens.method().contains("resamples of 300 subjects"), sens.method());
        assertEquals(width(BinaryMetrics.compute(label1, pred1, null, o.withSeed(1)).get(BinaryMetric.SENSITIVITY)), width(sens), 0.2 * width(sens),
                "proportions switch from Wilson to the subject bootstrap");
        assertTrue(bySubject.resampling().contains("rows repeat subjects"), bySubject.resampling());
    }

    @Test
    void aucBootstrapAgreesWithDeLongAndBandHoldsTheCurve() {
        EvaluationOptions o = options(IntervalMethod.WILSON, BootstrapMethod.BCA, 2000, true, 2);
        Estimate delong = AucInterval.DELONG.estimate(BC.malignant, BC.small, null, o);
        Estimate bca = AucInterval.BCA.estimate(BC.malignant, BC.small, null, o);
        Estimate pct = AucInterval.PERCENTILE.estimate(BC.malignant, BC.small, null, o);
        assertEquals("DeLong", delong.method());
        assertArrayEquals(new double[] {delong.lower(), delong.upper()}, new double[] {bca.lower(), bca.upper()}, 0.006);
        assertArrayEquals(new double[] {delong.lower(), delong.upper()}, new double[] {pct.lower(), pct.upper()}, 0.006);
        assertNotEquals(bca.lower(), pct.lower());

        int[] labels = new int[BC.malignant.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = BC.malignant[i] ? 1 : 0;
        }
        AucBootstrap boot = new AucBootstrap(BC.malignant, BC.small, Resampling.of(labels, null, true, 1000, 5));
        int[] ones = new int[labels.length];
        java.util.Arrays.fill(ones, 1);
        assertEquals(DeLong.of(BC.malignant, BC.small).auc(), boot.auc(ones), 1e-12, "unit weights give the plain AUC");
        double[] grid = {0, 0.05, 0.1, 0.2, 0.5, 1};
        double[][] band = boot.band(grid, 0.95, 1);
        RocCurve roc = RocCurve.of(BC.malignant, BC.small, false);
        for (int g = 0; g < grid.length; g++) {
            double tpr = interpolate(roc, grid[g]);
            assertTrue(band[0][g] <= tpr + 1e-9 && tpr <= band[1][g] + 1e-9, "grid " + grid[g] + ": " + band[0][g] + " " + tpr + " " + band[1][g]);
        }
        assertEquals(1, band[0][5], 0);
        assertTrue(band[1][1] - band[0][1] > 0.05, "a real band has width");
    }

    @Test
    void jackknifeOfTheAucLeavesOneRowOut() {
        boolean[] label = {true, false, true, false, true, false};
        double[] score = {0.9, 0.8, 0.7, 0.3, 0.3, 0.1};
        int[] labels = {1, 0, 1, 0, 1, 0};
        AucBootstrap boot = new AucBootstrap(label, score, Resampling.of(labels, null, true, 1, 1));
        double[] jack = boot.jackknife(DeLong.of(label, score), score);
        for (int left = 0; left < 6; left++) {
            int[] w = {1, 1, 1, 1, 1, 1};
            w[left] = 0;
            assertEquals(boot.auc(w), jack[left], 1e-12, "row " + left);
        }
        // and per subject (rows 0-1 one subject, 2-3 another, 4-5 a third)
        AucBootstrap bySubject = new AucBootstrap(label, score, Resampling.of(labels, new int[] {7, 7, 8, 8, 9, 9}, true, 1, 1));
        double[] jackS = bySubject.jackknife(DeLong.of(label, score), score);
        for (int s = 0; s < 3; s++) {
            int[] w = {1, 1, 1, 1, 1, 1};
            w[2 * s] = 0;
            w[2 * s + 1] = 0;
            assertEquals(boot.auc(w), jackS[s], 1e-12, "subject " + s);
        }
    }

    private static double interpolate(RocCurve roc, double x) {
        double[] f = roc.fpr();
        double[] t = roc.tpr();
        double best = 0;
        for (int i = 1; i < f.length; i++) {
            if (f[i] == x) {
                best = Math.max(best, t[i]);
            } else if (f[i - 1] < x && x < f[i]) {
                best = Math.max(best, t[i - 1] + (x - f[i - 1]) / (f[i] - f[i - 1]) * (t[i] - t[i - 1]));
            }
        }
        return x == 0 ? Math.max(best, 0) : best;
    }

    private static double width(Estimate e) {
        return e.upper() - e.lower();
    }
}
