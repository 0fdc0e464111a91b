package org.gyrus.learn.nodes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gyrus.data.CategoricalColumn;
import org.gyrus.data.Column;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.FittedBy;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Predictions;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.gyrus.data.TrainingRows;
import org.gyrus.learn.CrossValidation;
import org.gyrus.learn.Folds;
import org.gyrus.learn.Labels;
import org.gyrus.learn.LogisticRegression;
import org.gyrus.pipeline.NodeRun;
import org.junit.jupiter.api.Test;

/** The cross-validation node: scikit-learn parity, and the leak suite. */
class CrossValidateNodeTest {

    private static Map<String, Object> run(Map<String, Object> inputs, Map<String, Object> params) throws Exception {
        NodeRun.Builder b = NodeRun.builder(new CrossValidateNode().descriptor()).nodeId("cv").seed(11);
        inputs.forEach(b::input);
        params.forEach(b::parameter);
        return b.build().execute(new CrossValidateNode());
    }

    /** breast_cancer.csv, raw features, diagnosis (0/1) as the label. */
    private static Table breastCancer() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("testdata", "breast_cancer.csv"));
        String[] header = lines.get(0).split(",");
        int n = lines.size() - 1;
        int last = header.length - 1;
        double[][] v = new double[last][n];
        String[] ids = new String[n];
        String[] diagnosis = new String[n];
        for (int r = 0; r < n; r++) {
            String[] c = lines.get(r + 1).split(",");
            ids[r] = c[0];
            diagnosis[r] = c[last];
            for (int j = 1; j < last; j++) {
                v[j][r] = Double.parseDouble(c[j]);
            }
        }
        List<Column> cols = new ArrayList<>();
        cols.add(new TextColumn("id", ColumnRole.ID, ids));
        for (int j = 1; j < last; j++) {
            cols.add(NumericColumn.wrap(header[j], ColumnRole.FEATURE, v[j]));
        }
        cols.add(CategoricalColumn.of("diagnosis", ColumnRole.LABEL, diagnosis));
        return new Table(cols);
    }

    @Test
    void outOfFoldProbabilitiesAreScikitLearns() throws Exception {
        JsonNode ref = new ObjectMapper().readTree(Path.of("testdata", "folds_reference.json").toFile()).get("breast_cancer_cv");
        Table data = breastCancer();
        Map<String, Object> out = run(Map.of("table", data), Map.of("mode", "stratified", "randomState", 0));
        Predictions p = Predictions.of((Table) out.get("predictions"));
        assertEquals(List.of("benign", "malignant"), p.classes());
        NumericColumn fold = ((Table) out.get("predictions")).numeric("fold");
        double worst = 0;
        for (int i = 0; i < data.rowCount(); i++) {
            assertEquals(ref.get("folds").get(i).asInt(), (int) fold.get(i), "fold of row " + i);
            worst = Math.max(worst, Math.abs(ref.get("proba_1").get(i).asDouble() - p.probabilities(1)[i]));
        }
        // scikit-learn stops L-BFGS at tol 1e-4 too; the two solvers' last iterates differ by about this much
        assertTrue(worst < 2e-4, "out-of-fold probabilities differ from cross_val_predict's by " + worst);
        // another random state gives other folds (and the seed of the node is used when it is -1)
        NumericColumn other = ((Table) run(Map.of("table", data), Map.of("mode", "stratified", "randomState", 1)).get("predictions")).numeric("fold");
        assertFalse(Arrays.equals(fold.toArray(), other.toArray()));
        Table a = (Table) run(Map.of("table", data), Map.of()).get("predictions");
        assertEquals(a, run(Map.of("table", data), Map.of()).get("predictions"), "same seed, same folds and predictions");
    }

    /** Rows with no relation between features and labels. */
    private static Table noise(int n, int p, long seed) {
        Random r = new Random(seed);
        List<Column> cols = new ArrayList<>();
        String[] ids = new String[n];
        String[] y = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "r" + i;
            y[i] = r.nextBoolean() ? "case" : "control";
        }
        cols.add(new TextColumn("id", ColumnRole.ID, ids));
        for (int j = 0; j < p; j++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = 3 + 2 * r.nextGaussian();
            }
            cols.add(NumericColumn.wrap("x" + j, ColumnRole.FEATURE, v));
        }
        cols.add(CategoricalColumn.of("status", ColumnRole.LABEL, y));
        return new Table(cols);
    }

    /** The AUC of the positive class's probabilities (Mann–Whitney, ties half). */
    static double auc(double[] score, int[] positive) {
        double sum = 0;
        long pos = 0;
        long neg = 0;
        for (int i = 0; i < score.length; i++) {
            if (positive[i] == 1) {
                pos++;
                for (int j = 0; j < score.length; j++) {
                    if (positive[j] == 0) {
                        sum += score[i] > score[j] ? 1 : score[i] == score[j] ? 0.5 : 0;
                    }
                }
            } else {
                neg++;
            }
        }
        return sum / (pos * neg);
    }

    @Test
    void randomLabelsGiveAnAucOfOneHalf() throws Exception {
        Table data = noise(2000, 10, 5);
        for (String learner : List.of("logistic-regression", "mlp-classifier")) {
            Map<String, Object> params = learner.equals("mlp-classifier")
                    ? Map.of("learner", learner, "hidden", "16", "epochs", 20, "batchSize", 100, "patience", 3) : Map.of("learner", learner);
            Predictions p = Predictions.of((Table) run(Map.of("table", data), params).get("predictions"));
            double auc = auc(p.probabilities(1), p.labelCodes());
            assertEquals(0.5, auc, 0.05, learner + ": cross-validated AUC on random labels");
        }
    }

    /** 150 subjects with 4 scans each, 200 features: a subject's scans are near copies; the label is the subject's, at random. */
    private static Table repeatedScans(long seed) {
        Random r = new Random(seed);
        int subjects = 150;
        int scans = 4;
        int p = 200;
        int n = subjects * scans;
        String[] ids = new String[n];
        String[] subject = new String[n];
        String[] y = new String[n];
        double[][] v = new double[p][n];
        for (int s = 0; s < subjects; s++) {
            double[] base = new double[p];
            for (int j = 0; j < p; j++) {
                base[j] = r.nextGaussian();
            }
            String label = r.nextBoolean() ? "case" : "control";
            for (int k = 0; k < scans; k++) {
                int i = s * scans + k;
                ids[i] = "sub-" + s + "_scan-" + k;
                subject[i] = "sub-" + s;
                y[i] = label;
                for (int j = 0; j < p; j++) {
                    v[j][i] = base[j] + 0.1 * r.nextGaussian();
                }
            }
        }
        List<Column> cols = new ArrayList<>();
        cols.add(new TextColumn("id", ColumnRole.ID, ids));
        for (int j = 0; j < p; j++) {
            cols.add(NumericColumn.wrap("x" + j, ColumnRole.FEATURE, v[j]));
        }
        cols.add(new TextColumn("subject", ColumnRole.GROUP, subject));
        cols.add(CategoricalColumn.of("status", ColumnRole.LABEL, y));
        return new Table(cols);
    }

    @Test
    void subjectsAreNeverSplitAcrossFoldsAndSplittingThemWouldLeak() throws Exception {
        Table data = repeatedScans(3);
        Map<String, Object> out = run(Map.of("table", data), Map.of("c", 100.0));
        Table t = (Table) out.get("predictions");
        Predictions p = Predictions.of(t);
        Map<String, Double> foldOf = new HashMap<>();
        for (int i = 0; i < t.rowCount(); i++) {
            Double before = foldOf.putIfAbsent(t.column("subject").format(i), t.numeric("fold").get(i));
            assertTrue(before == null || before == t.numeric("fold").get(i), "subject " + t.column("subject").format(i) + " in two folds");
        }
        double grouped = auc(p.probabilities(1), p.labelCodes());
        assertEquals(0.5, grouped, 0.1, "grouped folds: labels are random per subject");
        assertTrue(reportText(out).contains("every subject is whole in one fold (checked)"), reportText(out));
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            subjects.add(t.column("subject").format(i));
        }
        assertArrayEquals(Folds.grouped(subjects, Comparator.naturalOrder(), 5),
                Arrays.stream(t.numeric("fold").toArray()).mapToInt(d -> (int) d).toArray(), "GroupKFold's folds");

        // the leak the node refuses: folds by row let a subject's other scans into training
        Samples s = Samples.fromTable(data);
        Labels labels = Labels.of(s.label(), null, s.ids()::get);
        List<String> y = Arrays.stream(labels.codes()).mapToObj(labels.classes()::get).toList();
        LogisticRegression lr = LogisticRegression.defaults().c(100);
        double[][] leaky = CrossValidation.outOfFold(s.x(), s.n(), s.p(), labels, s.features(), Folds.stratified(y, 5, true, 0), 5, true,
                (train, nTrain, l, test, nTest, q, f) -> lr.fit(train, nTrain, q, l, f).predictProba(test, nTest), () -> false);
        double leakyAuc = auc(leaky[1], labels.codes());
        assertTrue(leakyAuc > 0.9, "folds by row on repeated scans: AUC " + leakyAuc + " on random labels");

        assertMessage(() -> run(Map.of("table", data), Map.of("mode", "stratified")), "subject 'sub-0' has several rows");
        assertMessage(() -> run(Map.of("table", data), Map.of("mode", "kfold")), "(a leak)");
        assertMessage(() -> run(Map.of("table", data.without(List.of("subject"))), Map.of("mode", "grouped")), "subject column 'subject'");
        // with the subject column in a labels table beside a feature matrix, the same grouping
        Table byMatrix = (Table) run(Map.of("features", FeatureMatrix.fromTable(data), "labels", data.select(List.of("id", "subject", "status"))),
                Map.of("c", 100.0)).get("predictions");
        assertArrayEquals(t.numeric("fold").toArray(), byMatrix.numeric("fold").toArray());
    }

    @Test
    void featuresScaledBeforeTheSplitAreRefused() throws Exception {
        Table raw = noise(300, 4, 9);
        List<Column> cols = new ArrayList<>();
        List<Column> minMax = new ArrayList<>();
        for (Column c : raw.columns()) {
            if (c.role() == ColumnRole.FEATURE) {
                double[] v = ((NumericColumn) c).toArray();
                double mean = Arrays.stream(v).average().orElseThrow();
                double sd = Math.sqrt(Arrays.stream(v).map(e -> (e - mean) * (e - mean)).sum() / v.length);
                double min = Arrays.stream(v).min().orElseThrow();
                double max = Arrays.stream(v).max().orElseThrow();
                cols.add(NumericColumn.wrap(c.name(), ColumnRole.FEATURE, Arrays.stream(v).map(e -> (e - mean) / sd).toArray()));
                minMax.add(NumericColumn.wrap(c.name(), ColumnRole.FEATURE, Arrays.stream(v).map(e -> (e - min) / (max - min)).toArray()));
            } else {
                cols.add(c);
                minMax.add(c);
            }
        }
        Table standardised = new Table(cols);
        assertMessage(() -> run(Map.of("table", standardised), Map.of()), "a standard scaler was fitted on all rows before the split");
        assertMessage(() -> run(Map.of("features", FeatureMatrix.fromTable(standardised), "labels", raw.select(List.of("id", "status"))), Map.of()),
                "mean 0 and standard deviation 1 over all 300 rows");
        assertMessage(() -> run(Map.of("table", new Table(minMax)), Map.of()), "a min-max scaler was fitted on all rows");
        // the raw features pass (the node scales inside each fold), and the override lets scaled ones through
        run(Map.of("table", raw), Map.of());
        run(Map.of("table", standardised), Map.of("acceptScaled", true));
        // scaling fitted on a training part only is not flagged
        Table part = standardised.selectRows(java.util.stream.IntStream.range(0, 240).toArray());
        run(Map.of("table", part.with(NumericColumn.wrap("x0", ColumnRole.FEATURE,
                Arrays.stream(part.numeric("x0").toArray()).map(e -> e * 1.01 + 0.01).toArray()))), Map.of());
    }

    @Test
    void featuresShapedByAModelFittedBeforeTheSplitAreRefusedNamingIt() throws Exception {
        // The fact a fit or apply node of org.gyrus.preprocess attaches to the tables it outputs.
        Table all = noise(200, 3, 5);
        String scaler = "the org.gyrus.preprocess.scaler model fitted by node 'scale'";
        Table scaledOnAll = all.withFittedBy(new FittedBy(scaler, TrainingRows.ofTable(all).orElseThrow()));
        assertMessage(() -> run(Map.of("table", scaledOnAll), Map.of()), "Cross-validation refused: the features were shaped by " + scaler
                + ", which was fitted on rows of 5 of the folds");
        // Fitted on a training split only, the model shapes a held-out split without leaking into its cross-validation ...
        int[] train = java.util.stream.IntStream.range(0, 100).toArray();
        int[] test = java.util.stream.IntStream.range(100, 200).toArray();
        Table heldOut = all.selectRows(test).withFittedBy(new FittedBy(scaler, TrainingRows.ofTable(all.selectRows(train)).orElseThrow()));
        Table predictions = (Table) run(Map.of("table", heldOut), Map.of()).get("predictions");
        assertEquals(100, predictions.rowCount());
        // ... but cross-validating the training split it was fitted on is refused, as is a split sharing its subjects.
        assertMessage(() -> run(Map.of("table", all.selectRows(train).withFittedBy(heldOut.fittedBy().get(0))), Map.of()), "(a leak)");
        String[] subject = new String[200];
        for (int i = 0; i < 200; i++) {
            subject[i] = "sub-" + (i % 100);
        }
        Table withSubjects = all.with(new TextColumn("subject", ColumnRole.GROUP, subject));
        Table fittedOnFirstScans = withSubjects.selectRows(test).withFittedBy(new FittedBy(scaler,
                TrainingRows.ofTable(withSubjects.selectRows(train)).orElseThrow()));
        assertMessage(() -> run(Map.of("table", fittedOnFirstScans), Map.of()), "fitted on rows of 5 of the folds");
        // The features themselves are the same in both cases: only the recorded fit tells them apart.
        run(Map.of("table", all.selectRows(test)), Map.of());
    }

    private static String reportText(Map<String, Object> out) {
        StringBuilder b = new StringBuilder();
        for (org.gyrus.data.Report.Item i : ((org.gyrus.data.Report) out.get("report")).items()) {
            if (i instanceof org.gyrus.data.Report.Text t) {
                b.append(t.body()).append('\n');
            }
        }
        return b.toString();
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable e, String part) {
        Exception ex = assertThrows(Exception.class, e);
        assertTrue(String.valueOf(ex.getMessage()).contains(part), ex.getMessage());
    }
}
