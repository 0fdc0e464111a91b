package org.gyrus.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.gyrus.data.CategoricalColumn;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.junit.jupiter.api.Test;

/** Whole evaluations from predictions tables: thresholds, groups, multiclass, bad input. */
class EvaluationTest {

    private static final Fixtures.BreastCancer BC = new Fixtures.BreastCancer();
    private static final JsonNode REF = Fixtures.reference();
    private static final EvaluationOptions FAST = new EvaluationOptions(0.95, IntervalMethod.WILSON, BootstrapMethod.BCA, 400, 1, true, 2);

    @Test
    void thresholdRulesChangeTheMetricsAndSayHowTheyWereChosen() {
        Table t = BC.table(BC.small);
        EvaluationSettings s = EvaluationSettings.defaults().withOptions(FAST);
        BinaryEvaluation fixed = BinaryEvaluation.of(t, s);
        assertEquals(0.5, fixed.threshold());
        BinaryEvaluation sens = BinaryEvaluation.of(t, s.withThreshold(ThresholdRule.SENSITIVITY, 0.95));
        assertTrue(sens.metrics().get(BinaryMetric.SENSITIVITY).value() >= 0.95);
        assertTrue(sens.threshold() < 0.5);
        BinaryEvaluation spec = BinaryEvaluation.of(t, s.withThreshold(ThresholdRule.SPECIFICITY, 0.99));
        assertTrue(spec.metrics().get(BinaryMetric.SPECIFICITY).value() >= 0.99);
        BinaryEvaluation youden = BinaryEvaluation.of(t, s.withThreshold(ThresholdRule.YOUDEN, 0));
        assertEquals(REF.get("curves").get("small").get("youden_threshold").asDouble(), youden.threshold());
        assertTrue(youden.thresholdText().contains("optimistic"), youden.thresholdText());
        double j = youden.metrics().get(BinaryMetric.SENSITIVITY).value() + youden.metrics().get(BinaryMetric.SPECIFICITY).value();
        assertTrue(j >= fixed.metrics().get(BinaryMetric.SENSITIVITY).value() + fixed.metrics().get(BinaryMetric.SPECIFICITY).value());
        assertEquals(REF.get("curves").get("small").get("brier").asDouble(), fixed.brier(), 1e-14);
        assertEquals(REF.get("delong_pROC").get("small").get("auc").asDouble(), fixed.auc().value(), 1e-13);
    }

    @Test
    void perGroupRowsHoldTheGroupsCountsAndPrevalence() {
        BinaryEvaluation e = BinaryEvaluation.of(BC.table(BC.small), EvaluationSettings.defaults().withOptions(FAST).withGroups(List.of("site")));
        assertEquals(3, e.groups().size());
        int total = 0;
        for (GroupTable.Row r : e.groups()) {
            int n = 0;
            int pos = 0;
            int tp = 0;
            for (int i = 0; i < BC.site.length; i++) {
                if (BC.site[i].equals(r.level())) {
                    n++;
                    pos += BC.malignant[i] ? 1 : 0;
                    tp += BC.malignant[i] && BC.small[i] >= 0.5 ? 1 : 0;
                }
            }
            assertEquals(n, r.n(), r.level());
            assertEquals((double) pos / n, r.prevalence(), 1e-15);
            Estimate sens = r.estimates().get(0);
            assertEquals("sensitivity", sens.metric());
            assertEquals((double) tp / pos, sens.value(), 1e-15);
            assertArrayEquals(ProportionInterval.WILSON.interval(tp, pos, 0.95), new double[] {sens.lower(), sens.upper()}, 1e-15);
            assertEquals("AUC", r.estimates().get(4).metric());
            total += n;
        }
        assertEquals(569, total);
    }

    @Test
    void emptyAndOneClassGroupsAreUndefinedWithTheReason() {
        // site "west" is a category without rows; site "east" only holds negative rows
        Table t = Table.of(new TextColumn("id", ColumnRole.ID, "a", "b", "c", "d", "e", "f"),
                CategoricalColumn.of("y", ColumnRole.LABEL, "0", "1", "0", "1", "0", "0"),
                new NumericColumn("proba_0", new double[] {0.8, 0.3, 0.6, 0.45, 0.9, 0.2}),
                new NumericColumn("proba_1", new double[] {0.2, 0.7, 0.4, 0.55, 0.1, 0.8}),
                new CategoricalColumn("site", ColumnRole.GROUP, List.of("north", "east", "west"), new int[] {0, 0, 0, 0, 1, 1}));
        BinaryEvaluation e = BinaryEvaluation.of(t, EvaluationSettings.defaults().withOptions(FAST).withGroups(List.of("site")));
        GroupTable.Row east = e.groups().get(1);
        assertEquals("east", east.level());
        assertEquals(2, east.n());
        assertFalse(east.estimates().get(0).isDefined());
        assertTrue(east.estimates().get(0).note().contains("no positive cases"), east.estimates().get(0).note());
        assertTrue(east.estimates().get(1).isDefined(), "specificity is defined without positives");
        assertTrue(east.estimates().get(4).note().contains("no positive cases"), "AUC: " + east.estimates().get(4).note());
        GroupTable.Row west = e.groups().get(2);
        assertEquals(0, west.n());
        for (Estimate x : west.estimates()) {
            assertTrue(x.note().contains("no labelled rows"), x.toString());
            assertTrue(x.formatted().startsWith("undefined"), x.formatted());
        }
    }

    @Test
    void multiclassOneVersusRestMatchesScikitLearn() {
        MulticlassEvaluation m = MulticlassEvaluation.of(Fixtures.iris(), EvaluationSettings.defaults().withOptions(FAST));
        JsonNode r = REF.get("iris");
        for (int c = 0; c < 3; c++) {
            assertEquals(r.get("auc_per_class").get(c).asDouble(), m.perClass().get(c).get(0).value(), 1e-12);
            assertEquals(r.get("per_class").get("recall").get(c).asDouble(), m.perClass().get(c).get(1).value(), 1e-12);
            assertEquals(r.get("per_class").get("precision").get(c).asDouble(), m.perClass().get(c).get(2).value(), 1e-12);
            assertEquals(r.get("per_class").get("f1").get(c).asDouble(), m.perClass().get(c).get(3).value(), 1e-12);
            assertEquals(r.get("per_class").get("support").get(c).asInt(), m.support()[c]);
        }
        assertEquals(r.get("auc_ovr_macro").asDouble(), m.macro().get(0).value(), 1e-12);
        assertEquals(r.get("auc_ovr_weighted").asDouble(), m.weighted().get(0).value(), 1e-12);
        assertEquals(r.get("macro").get("recall").asDouble(), m.macro().get(1).value(), 1e-12);
        assertEquals(r.get("macro").get("precision").asDouble(), m.macro().get(2).value(), 1e-12);
        assertEquals(r.get("weighted").get("f1").asDouble(), m.weighted().get(3).value(), 1e-12);
        assertEquals(r.get("accuracy").asDouble(), m.accuracy().value(), 1e-15);
        assertEquals("Wilson score", m.accuracy().method());
        // two rows per subject: the accuracy's interval comes from the bootstrap over subjects
        Table iris = Fixtures.iris();
        String[] subject = new String[iris.rowCount()];
        for (int i = 0; i < subject.length; i++) {
            subject[i] = "s" + i / 2;
        }
        MulticlassEvaluation paired = MulticlassEvaluation.of(iris.with(new TextColumn("subject", ColumnRole.GROUP, subject)),
                EvaluationSettings.defaults().withOptions(FAST).withSubject("subject"));
        assertEquals(m.accuracy().value(), paired.accuracy().value(), 1e-15);
        assertTrue(paired.accuracy().method().contains("resamples of 75 subjects"), paired.accuracy().method());
        assertTrue(paired.accuracy().hasInterval());
        // one class against the rest as a binary evaluation
        BinaryEvaluation v = BinaryEvaluation.of(Fixtures.iris(),
                new EvaluationSettings("virginica", ThresholdRule.FIXED, 0.5, AucInterval.DELONG, "", List.of(), List.of("AUC"), 10,
                        Calibration.Strategy.UNIFORM, FAST));
        assertEquals(r.get("auc_per_class").get(2).asDouble(), v.auc().value(), 1e-12);
        assertEquals(List.of("setosa", "versicolor"), v.negatives());
    }

    @Test
    void badInputIsRefusedNamingTheColumn() {
        EvaluationSettings s = EvaluationSettings.defaults().withOptions(FAST);
        Table noLabels = Table.of(new NumericColumn("proba_a", new double[] {0.5, 0.1}), new NumericColumn("proba_b", new double[] {0.5, 0.9}));
        assertMessage(() -> BinaryEvaluation.of(noLabels, s), "no true labels");
        Table oneClass = Table.of(CategoricalColumn.of("dx", ColumnRole.LABEL, "b", "b"),
                new NumericColumn("proba_a", new double[] {0.5, 0.1}), new NumericColumn("proba_b", new double[] {0.5, 0.9}));
        assertMessage(() -> BinaryEvaluation.of(oneClass, s), "'dx' holds only one class ('b', 2 rows)");
        Table allMissing = Table.of(CategoricalColumn.of("dx", ColumnRole.LABEL, null, null),
                new NumericColumn("proba_a", new double[] {0.5, 0.1}), new NumericColumn("proba_b", new double[] {0.5, 0.9}));
        assertMessage(() -> BinaryEvaluation.of(allMissing, s), "'dx' is missing in every row");
        Table outside = Table.of(CategoricalColumn.of("dx", ColumnRole.LABEL, "a", "b"),
                new NumericColumn("proba_a", new double[] {-0.5, 0.1}), new NumericColumn("proba_b", new double[] {1.5, 0.9}));
        assertMessage(() -> BinaryEvaluation.of(outside, s), "'proba_a' has -0.5 in row 1");
        Table nan = Table.of(CategoricalColumn.of("dx", ColumnRole.LABEL, "a", "b"),
                new NumericColumn("proba_a", new double[] {0.5, 0.1}), new NumericColumn("proba_b", new double[] {0.5, Double.NaN}));
        assertMessage(() -> BinaryEvaluation.of(nan, s), "'proba_b' is missing (NaN) in row 2");
        Table ok = BC.table(BC.small);
        assertMessage(() -> BinaryEvaluation.of(ok, s.withGroups(List.of("scanner"))), "no column 'scanner'");
        assertMessage(() -> BinaryEvaluation.of(ok, s.withSubject("patient")), "no column 'patient'");
        assertMessage(() -> BinaryEvaluation.of(ok, new EvaluationSettings("cancer", ThresholdRule.FIXED, 0.5, AucInterval.DELONG, "",
                List.of(), List.of(), 10, Calibration.Strategy.UNIFORM, FAST)), "positive class 'cancer'");
        assertMessage(() -> EvaluationSettings.defaults().withGroups(List.of()).withOptions(FAST)
                .withThreshold(ThresholdRule.SENSITIVITY, 1.5).threshold().choose(BC.malignant, BC.small, 1.5), "must lie in [0, 1]");
        assertMessage(() -> new EvaluationSettings("", ThresholdRule.FIXED, 0.5, AucInterval.DELONG, "", List.of(), List.of("kappa"), 10,
                Calibration.Strategy.UNIFORM, FAST), "Unknown metric 'kappa'");
    }

    @Test
    void missingLabelsAreLeftOutAndCounted() {
        String[] dx = BC.diagnosis.clone();
        dx[0] = null;
        dx[5] = null;
        Table t = BC.table(BC.small).with(CategoricalColumn.of("diagnosis", ColumnRole.LABEL, dx));
        BinaryEvaluation e = BinaryEvaluation.of(t, EvaluationSettings.defaults().withOptions(FAST));
        assertEquals(567, e.rows());
        assertEquals(2, e.unlabelled());
    }

    @Test
    void undefinedMetricsCarryTheirReasonNeverABareNaN() {
        long[] noFalsePositives = {10, 2, 0, 30};
        assertTrue(BinaryMetric.LR_POSITIVE.undefinedReason(noFalsePositives).contains("no false positives"));
        boolean[] label = new boolean[42];
        boolean[] pred = new boolean[42];
        for (int i = 0; i < 12; i++) {
            label[i] = true;
            pred[i] = i < 10;
        }
        BinaryMetrics.Result r = BinaryMetrics.compute(label, pred, null, FAST);
        Estimate lr = r.get(BinaryMetric.LR_POSITIVE);
        assertFalse(lr.isDefined());
        assertEquals("undefined: no false positives (specificity is 1): division by 0", lr.formatted());
        assertEquals(5.0, r.get(BinaryMetric.LR_NEGATIVE).value() * 30, 1e-12, "LR− = (2/12)/1");
        assertTrue(r.get(BinaryMetric.SPECIFICITY).hasInterval());
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable e, String part) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(part), x.getMessage());
    }
}
