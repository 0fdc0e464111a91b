package org.gyrus.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

/** Agreement with statsmodels, scikit-learn 1.2 and R's pROC on the committed reference values. */
class ParityTest {

    private static final JsonNode REF = Fixtures.reference();
    private static final Fixtures.BreastCancer BC = new Fixtures.BreastCancer();

    @Test
    void proportionIntervalsMatchStatsmodels() {
        for (String set : List.of("full_at_0.5", "small_at_0.3")) {
            JsonNode s = REF.get(set);
            for (String metric : List.of("sensitivity", "specificity", "PPV", "NPV", "accuracy", "prevalence")) {
                JsonNode m = s.get(metric);
                long k = m.get("k").asLong();
                long n = m.get("n").asLong();
                for (double level : new double[] {0.95, 0.90}) {
                    String lv = level == 0.95 ? "0.95" : "0.9";
                    assertArrayEquals(Fixtures.doubles(m.get("wilson_" + lv)), ProportionInterval.WILSON.interval(k, n, level), 1e-12,
                            set + " " + metric + " wilson " + lv);
                    assertArrayEquals(Fixtures.doubles(m.get("beta_" + lv)), ProportionInterval.CLOPPER_PEARSON.interval(k, n, level), 1e-9,
                            set + " " + metric + " Clopper–Pearson " + lv);
                }
            }
        }
    }

    @Test
    void metricsFromThePredictionsTableUseTheseCountsAndIntervals() {
        BinaryEvaluation e = BinaryEvaluation.of(BC.table(BC.full), EvaluationSettings.defaults());
        JsonNode s = REF.get("full_at_0.5");
        assertArrayEquals(new long[] {203, 9, 3, 354}, e.metrics().counts());
        assertEquals(s.get("counts").get(0).asLong(), e.metrics().counts()[0]);
        Estimate sens = e.metrics().get(BinaryMetric.SENSITIVITY);
        assertEquals(203.0 / 212, sens.value(), 1e-15);
        assertArrayEquals(Fixtures.doubles(s.get("sensitivity").get("wilson_0.95")), new double[] {sens.lower(), sens.upper()}, 1e-12);
        assertEquals("Wilson score", sens.method());
    }

    @Test
    void rocCurvesMatchScikitLearn() {
        for (String name : List.of("full", "small", "tied")) {
            double[] score = score(name);
            JsonNode c = REF.get("curves").get(name);
            RocCurve roc = RocCurve.of(BC.malignant, score, true);
            assertArrayEquals(Fixtures.doubles(c.get("roc").get("fpr")), roc.fpr(), 1e-15, name);
            assertArrayEquals(Fixtures.doubles(c.get("roc").get("tpr")), roc.tpr(), 1e-15, name);
            assertArrayEquals(Fixtures.doubles(c.get("roc").get("thresholds")), roc.thresholds(), 0, name);
            RocCurve all = RocCurve.of(BC.malignant, score, false);
            assertArrayEquals(Fixtures.doubles(c.get("roc_all").get("fpr")), all.fpr(), 1e-15, name);
            assertEquals(c.get("auc").asDouble(), roc.auc(), 1e-12, name);
            assertEquals(c.get("auc").asDouble(), DeLong.of(BC.malignant, score).auc(), 1e-12, name);
        }
    }

    @Test
    void precisionRecallAndAveragePrecisionMatchScikitLearn() {
        for (String name : List.of("full", "small", "tied")) {
            JsonNode c = REF.get("curves").get(name);
            PrecisionRecallCurve pr = PrecisionRecallCurve.of(BC.malignant, score(name));
            assertArrayEquals(Fixtures.doubles(c.get("pr").get("precision")), pr.precision(), 1e-15, name);
            assertArrayEquals(Fixtures.doubles(c.get("pr").get("recall")), pr.recall(), 1e-15, name);
            assertArrayEquals(Fixtures.doubles(c.get("pr").get("thresholds")), pr.thresholds(), 0, name);
            assertEquals(c.get("average_precision").asDouble(), pr.averagePrecision(), 1e-12, name);
        }
    }

    @Test
    void calibrationAndBrierMatchScikitLearn() {
        for (String name : List.of("full", "small", "tied")) {
            JsonNode c = REF.get("curves").get(name);
            double[] score = score(name);
            assertEquals(c.get("brier").asDouble(), Calibration.brier(BC.malignant, score), 1e-14, name);
            Calibration u = Calibration.of(BC.malignant, score, 10, Calibration.Strategy.UNIFORM);
            assertArrayEquals(Fixtures.doubles(c.get("calibration").get("uniform_10").get("observed")), u.observed(), 1e-12, name);
            assertArrayEquals(Fixtures.doubles(c.get("calibration").get("uniform_10").get("predicted")), u.predicted(), 1e-12, name);
            if (!name.equals("tied")) {
                Calibration q = Calibration.of(BC.malignant, score, 5, Calibration.Strategy.QUANTILE);
                assertArrayEquals(Fixtures.doubles(c.get("calibration").get("quantile_5").get("observed")), q.observed(), 1e-12, name);
                assertArrayEquals(Fixtures.doubles(c.get("calibration").get("quantile_5").get("predicted")), q.predicted(), 1e-12, name);
            }
        }
    }

    @Test
    void youdenThresholdMatchesArgmaxOfTheFullCurve() {
        for (String name : List.of("full", "small", "tied")) {
            assertEquals(REF.get("curves").get(name).get("youden_threshold").asDouble(),
                    ThresholdRule.YOUDEN.choose(BC.malignant, score(name), 0), 0, name);
        }
    }

    @Test
    void deLongMatchesPROCAndAnIndependentNumpyImplementation() {
        for (String name : List.of("full", "small", "tied")) {
            DeLong.Auc a = DeLong.of(BC.malignant, score(name));
            JsonNode r = REF.get("delong_pROC").get(name);
            assertEquals(r.get("auc").asDouble(), a.auc(), 1e-13, name);
            assertEquals(r.get("variance").asDouble(), a.variance(), 1e-12 * r.get("variance").asDouble() + 1e-17, name);
            assertEquals(REF.get("delong_numpy").get(name).get("variance").asDouble(), a.variance(), 1e-18, name);
            assertArrayEquals(Fixtures.doubles(r.get("ci95")), a.interval(0.95), 1e-12, name);
        }
        DeLong.Comparison c = DeLong.compare(BC.malignant, BC.full, BC.small, 0.95);
        JsonNode r = REF.get("delong_pROC").get("full_vs_small");
        assertEquals(r.get("z").asDouble(), c.z(), 1e-9);
        assertEquals(r.get("p").asDouble(), c.p(), 1e-9 * r.get("p").asDouble());
        assertArrayEquals(Fixtures.doubles(r.get("ci95")), new double[] {c.lower(), c.upper()}, 1e-12);
        assertEquals(REF.get("delong_numpy").get("full_vs_small").get("se").asDouble(), c.se(), 1e-14);
    }

    @Test
    void mcNemarMatchesStatsmodels() {
        JsonNode r = REF.get("mcnemar_full_vs_small_at_0.5");
        boolean[] a = new boolean[BC.full.length];
        boolean[] b = new boolean[BC.full.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = (BC.full[i] >= 0.5) == BC.malignant[i];
            b[i] = (BC.small[i] >= 0.5) == BC.malignant[i];
        }
        McNemar m = McNemar.of(a, b);
        assertEquals(r.get("b").asLong(), m.b());
        assertEquals(r.get("c").asLong(), m.c());
        assertEquals(r.get("exact_p").asDouble(), m.exactP(), 1e-9 * m.exactP());
        assertEquals(r.get("chi2").asDouble(), m.chiSquare(), 1e-12);
        assertEquals(r.get("chi2_p").asDouble(), m.chiSquareP(), 1e-6 * m.chiSquareP());
        REF.get("mcnemar_small").fields().forEachRemaining(e -> {
            String[] bc = e.getKey().split("_");
            McNemar s = McNemar.of(Long.parseLong(bc[0]), Long.parseLong(bc[1]));
            assertEquals(e.getValue().get("exact_p").asDouble(), s.exactP(), 1e-12, e.getKey());
            assertEquals(e.getValue().get("chi2").asDouble(), s.chiSquare(), 1e-12, e.getKey());
            assertEquals(e.getValue().get("chi2_p").asDouble(), s.chiSquareP(), 1e-10, e.getKey());
        });
    }

    private static double[] score(String name) {
        return switch (name) {
            case "full" -> BC.full;
            case "small" -> BC.small;
            default -> BC.tied;
        };
    }
}
