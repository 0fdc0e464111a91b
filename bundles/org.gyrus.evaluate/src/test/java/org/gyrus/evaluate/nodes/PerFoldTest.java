package org.gyrus.evaluate.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gyrus.data.CategoricalColumn;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Predictions;
import org.gyrus.data.Report;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.gyrus.pipeline.NodeRun;
import org.junit.jupiter.api.Test;

/** Out-of-fold predictions: per-fold metrics and their mean ± sd, against scikit-learn (testdata/fold_reference.json). */
class PerFoldTest {

    private static Map<String, Object> evaluate(Table t, Map<String, Object> params) throws Exception {
        NodeRun.Builder b = NodeRun.builder(new EvaluateClassifierNode().descriptor()).seed(3).parameter("resamples", 200);
        params.forEach(b::parameter);
        return b.input("predictions", t).build().execute(new EvaluateClassifierNode());
    }

    private static Table predictions(double[] fold) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("testdata", "breast_cancer_predictions.csv"));
        int n = lines.size() - 1;
        String[] id = new String[n];
        String[] dx = new String[n];
        double[] p1 = new double[n];
        double[] p0 = new double[n];
        for (int i = 0; i < n; i++) {
            String[] c = lines.get(i + 1).split(",");
            id[i] = c[0];
            dx[i] = c[1];
            p1[i] = Double.parseDouble(c[3]);
            p0[i] = 1 - p1[i];
        }
        return Predictions.table(new TextColumn("id", id), CategoricalColumn.of("diagnosis", dx), List.of("benign", "malignant"),
                new double[][] {p0, p1}, fold == null ? List.of() : List.of(NumericColumn.wrap("fold", ColumnRole.GROUP, fold)));
    }

    @Test
    void perFoldMetricsAndTheirMeanAndSdAreScikitLearns() throws Exception {
        JsonNode ref = new ObjectMapper().readTree(Path.of("testdata", "fold_reference.json").toFile());
        double[] fold = new double[ref.get("fold").size()];
        for (int i = 0; i < fold.length; i++) {
            fold[i] = ref.get("fold").get(i).asDouble();
        }
        Map<String, Object> out = evaluate(predictions(fold), Map.of());
        Table t = (Table) out.get("folds");
        List<String> metrics = java.util.stream.IntStream.range(0, t.rowCount()).mapToObj(r -> t.column("metric").format(r)).toList();
        int checked = 0;
        for (var e : (Iterable<Map.Entry<String, JsonNode>>) ref.get("metrics")::fields) {
            int r = metrics.indexOf(e.getKey());
            assertTrue(r >= 0, e.getKey() + " missing from " + metrics);
            assertEquals(e.getValue().get("mean").asDouble(), t.numeric("mean").get(r), 1e-12, e.getKey() + " mean");
            assertEquals(e.getValue().get("sd").asDouble(), t.numeric("sd").get(r), 1e-12, e.getKey() + " sd");
            assertEquals(5, t.numeric("folds").get(r));
            String[] parts = t.column("per_fold").format(r).split("; ");
            for (int f = 0; f < 5; f++) {
                assertEquals(e.getValue().get("per_fold").get(f).asDouble(), Double.parseDouble(parts[f]), 5e-4, e.getKey() + " fold " + f);
            }
            checked++;
        }
        assertEquals(8, checked);
        Report report = (Report) out.get("report");
        assertTrue(report.items().stream().anyMatch(i -> i instanceof Report.Metrics m && m.name().equals("per_fold")));
        // without a fold column: no per-fold rows; a fold column that is named but absent is an error naming it
        assertEquals(0, ((Table) evaluate(predictions(null), Map.of()).get("folds")).rowCount());
        Exception e = assertThrows(IllegalArgumentException.class, () -> evaluate(predictions(null), Map.of("fold", "cv_fold")));
        assertTrue(e.getMessage().contains("'cv_fold'"), e.getMessage());
    }

    @Test
    void aFoldWithOneClassIsUndefinedWithItsReason() throws Exception {
        Table base = predictions(null);
        double[] fold = new double[base.rowCount()];
        for (int i = 0; i < fold.length; i++) {
            // fold 2 holds only benign rows
            boolean malignant = base.column("diagnosis").format(i).equals("malignant");
            fold[i] = malignant ? i % 2 : (i % 3 == 0 ? 2 : i % 2);
        }
        Table t = (Table) evaluate(predictions(fold), Map.of()).get("folds");
        int auc = 0;
        assertEquals("AUC", t.column("metric").format(auc));
        assertEquals(2, t.numeric("folds").get(auc));
        assertTrue(t.column("per_fold").format(auc).endsWith("; undefined"), t.column("per_fold").format(auc));
        assertTrue(t.column("note").format(auc).contains("fold 2: no positive row"), t.column("note").format(auc));
    }
}
