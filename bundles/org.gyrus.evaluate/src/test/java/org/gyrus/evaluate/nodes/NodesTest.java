package org.gyrus.evaluate.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.gyrus.data.CategoricalColumn;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Predictions;
import org.gyrus.data.Report;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeRun;
import org.gyrus.pipeline.NodeType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node components, run without a framework through {@link NodeRun}. */
class NodesTest {

    private static Map<String, Object> run(NodeType node, Map<String, Object> inputs, Map<String, Object> params) throws Exception {
        NodeRun.Builder b = NodeRun.builder(node.descriptor()).seed(11);
        inputs.forEach(b::input);
        params.forEach(b::parameter);
        return b.build().execute(node);
    }

    /** 200 subjects with 3 visits each, a site column and a weak score. */
    private static Table visits() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        int n = 600;
        String[] id = new String[n];
        String[] subject = new String[n];
        String[] label = new String[n];
        String[] site = new String[n];
        double[] p1 = new double[n];
        double[] p0 = new double[n];
        for (int i = 0; i < n; i++) {
            int s = i / 3;
            id[i] = "v" + i;
            subject[i] = "sub-" + s;
            boolean pos = (s * 7919 % 100) < 35;
            label[i] = pos ? "lesion" : "none";
            site[i] = s % 4 == 0 ? "B" : "A";
            // mostly the subject's own level, a little visit noise: visits of one subject are alike
            p1[i] = Math.min(1, Math.max(0, (pos ? 0.6 : 0.4) + 0.05 * (r.nextDouble() - 0.5) + 0.4 * ((s * 31 % 10) / 10.0 - 0.45)));
            p0[i] = 1 - p1[i];
        }
        return Predictions.table(new TextColumn("visit", id), CategoricalColumn.of("dx", label), List.of("none", "lesion"),
                new double[][] {p0, p1}, List.of(new TextColumn("subject", ColumnRole.GROUP, subject), CategoricalColumn.of("site", ColumnRole.GROUP, site)));
    }

    @Test
    void descriptorsAreWellFormed() {
        for (NodeType t : List.of(new EvaluateClassifierNode(), new CompareClassifiersNode())) {
            NodeDescriptor d = t.descriptor();
            assertTrue(d.id().startsWith("org.gyrus.evaluate."), d.id());
            assertFalse(d.documentation().isBlank());
            assertEquals("Evaluation", d.category().get(0));
        }
    }

    @Test
    void evaluateNodeWritesMetricsGroupsAndAReportThatStatesTheSubjectBootstrap(@TempDir Path dir) throws Exception {
        Map<String, Object> out = run(new EvaluateClassifierNode(), Map.of("predictions", visits()),
                Map.of("subject", "subject", "groups", "site", "resamples", 500));
        Table metrics = (Table) out.get("metrics");
        assertEquals("sensitivity", metrics.column("metric").format(0));
        assertTrue(metrics.column("method").format(0).contains("resamples of 200 subjects"), metrics.column("method").format(0));
        Table groups = (Table) out.get("groups");
        assertEquals(2 * 5, groups.rowCount());
        Report report = (Report) out.get("report");
        report.writeTo(dir);
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("Subjects (column 'subject') are resampled whole"), md);
        assertTrue(Files.exists(dir.resolve("figures/forest.png")));
        assertTrue(Files.exists(dir.resolve("tables/per_group.csv")));

        Map<String, Object> rowsOnly = run(new EvaluateClassifierNode(), Map.of("predictions", visits()), Map.of("resamples", 500, "subject", ""));
        // by default the repeated 'subject' column is found and subjects are resampled, as when it is named
        assertEquals(metrics, run(new EvaluateClassifierNode(), Map.of("predictions", visits()),
                Map.of("groups", "site", "resamples", 500)).get("metrics"));
        Table m2 = (Table) rowsOnly.get("metrics");
        double subjectWidth = ((NumericColumn) metrics.column("upper")).get(5) - ((NumericColumn) metrics.column("lower")).get(5);
        double rowWidth = ((NumericColumn) m2.column("upper")).get(5) - ((NumericColumn) m2.column("lower")).get(5);
        assertEquals("balanced accuracy", m2.column("metric").format(5));
        assertTrue(subjectWidth > 1.3 * rowWidth, "visits of one subject are not independent: " + subjectWidth + " vs " + rowWidth);
        assertTrue(((Report) rowsOnly.get("report")).items().get(0) instanceof Report.Text t && t.body().contains("No subject column was given"));
    }

    @Test
    void parametersChangeTheResult() throws Exception {
        Table t = visits();
        // rows taken as independent (subject ""): with subjects resampled every interval is the bootstrap's
        Table wilson = (Table) run(new EvaluateClassifierNode(), Map.of("predictions", t), Map.of("resamples", 200, "subject", "")).get("metrics");
        Table cp = (Table) run(new EvaluateClassifierNode(), Map.of("predictions", t), Map.of("resamples", 200, "subject", "",
                "proportionInterval", "clopper-pearson")).get("metrics");
        assertNotEquals(((NumericColumn) wilson.column("lower")).get(0), ((NumericColumn) cp.column("lower")).get(0));
        assertEquals("Clopper–Pearson exact", cp.column("method").format(0));
        Table youden = (Table) run(new EvaluateClassifierNode(), Map.of("predictions", t), Map.of("resamples", 200, "subject", "", "threshold", "youden"))
                .get("metrics");
        assertNotEquals(((NumericColumn) wilson.column("estimate")).get(0), ((NumericColumn) youden.column("estimate")).get(0));
    }

    @Test
    void compareNodeMatchesRowsById() throws Exception {
        Table a = visits();
        // the second model: same rows in reverse order, another score
        int n = a.rowCount();
        int[] rev = new int[n];
        for (int i = 0; i < n; i++) {
            rev[i] = n - 1 - i;
        }
        Table b = a.selectRows(rev);
        double[] p1 = ((NumericColumn) b.column("proba_lesion")).toArray();
        double[] p0 = new double[n];
        for (int i = 0; i < n; i++) {
            p1[i] = Math.pow(p1[i], 1.5);
            p0[i] = 1 - p1[i];
        }
        b = b.with(new NumericColumn("proba_lesion", p1)).with(new NumericColumn("proba_none", p0)).without(List.of("predicted"));
        Table c = (Table) run(new CompareClassifiersNode(), Map.of("first", a, "second", b), Map.of()).get("comparison");
        assertEquals(0, ((NumericColumn) c.column("value")).get(2), 1e-12, "a monotone transform leaves the AUC unchanged");
        assertTrue(((NumericColumn) c.column("value")).get(7) + ((NumericColumn) c.column("value")).get(8) > 0, "but changes decisions at 0.5");
        String[] dx = new String[n];
        for (int i = 0; i < n; i++) {
            dx[i] = "lesion";
        }
        dx[0] = "none";
        Table wrong = b.with(CategoricalColumn.of("dx", ColumnRole.LABEL, dx));
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> run(new CompareClassifiersNode(), Map.of("first", a, "second", wrong), Map.of()));
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertTrue(root.getMessage().contains("different true labels"), root.getMessage());
    }
}
