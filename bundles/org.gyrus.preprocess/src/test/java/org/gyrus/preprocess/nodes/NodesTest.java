package org.gyrus.preprocess.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.gyrus.data.CategoricalColumn;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeRun;
import org.gyrus.data.TrainingRows;
import org.gyrus.pipeline.NodeType;
import org.junit.jupiter.api.Test;

/** The node components, run without a framework through {@link NodeRun}. */
class NodesTest {

    private static final double NaN = Double.NaN;

    private static final List<NodeType> ALL = List.of(new SimpleImputerNode(), new KnnImputerNode(), new IterativeImputerNode(),
            new OneHotEncoderNode(), new OrdinalEncoderNode(), new StandardScalerNode(), new MinMaxScalerNode(),
            new RobustScalerNode(), new VarianceThresholdNode(), new ApplyModelNode(), new TrainTestSplitNode(),
            new KFoldSplitNode(), new SelectColumnsNode(), new JoinNode());

    /** 40 rows: 20 subjects with two visits, a label, a site and gaps. */
    static Table cohort() {
        int n = 40;
        String[] subject = new String[n];
        double[] age = new double[n];
        double[] volume = new double[n];
        String[] site = new String[n];
        double[] label = new double[n];
        for (int i = 0; i < n; i++) {
            subject[i] = "s" + (i / 2);
            age[i] = i % 7 == 3 ? NaN : 50 + i;
            volume[i] = i % 5 == 1 ? NaN : 1000 - 3 * i;
            site[i] = i % 9 == 4 ? null : (i % 3 == 0 ? "A" : i % 3 == 1 ? "B" : "C");
            label[i] = (i / 2) % 2;
        }
        return Table.of(new TextColumn("subject", ColumnRole.ID, subject), new NumericColumn("age", age),
                new NumericColumn("volume", volume), CategoricalColumn.of("site", site),
                new NumericColumn("label", ColumnRole.LABEL, label));
    }

    private static Map<String, Object> run(NodeType node, Map<String, Object> inputs, Map<String, Object> params) throws Exception {
        NodeRun.Builder b = NodeRun.builder(node.descriptor()).seed(7);
        inputs.forEach(b::input);
        params.forEach(b::parameter);
        return b.build().execute(node);
    }

    @Test
    void descriptorsAreWellFormed() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (NodeType t : ALL) {
            NodeDescriptor d = t.descriptor();
            assertTrue(d.id().startsWith("org.gyrus.preprocess."), d.id());
            assertTrue(ids.add(d.id()), "duplicate id " + d.id());
            assertFalse(d.documentation().isBlank(), d.id());
            assertEquals("Preprocessing", d.category().get(0));
        }
    }

    @Test
    void splitFitOnTrainApplyToTest() throws Exception {
        Map<String, Object> split = run(new TrainTestSplitNode(), Map.of("table", cohort()),
                Map.of("mode", "grouped", "groupColumn", "subject", "testFraction", 0.25));
        Table train = (Table) split.get("train");
        Table test = (Table) split.get("test");
        assertEquals(40, train.rowCount() + test.rowCount());
        assertEquals(10, test.rowCount()); // 5 of 20 subjects, 2 rows each
        Map<String, Object> fit = run(new SimpleImputerNode(), Map.of("table", train), Map.of("strategy", "median"));
        ModelArtifact model = (ModelArtifact) fit.get("model");
        assertEquals("org.gyrus.preprocess.simple-imputer", model.kind());
        assertEquals(List.of("age", "volume"), model.strings("columns")); // numeric features by default; label excluded
        Table imputed = (Table) run(new ApplyModelNode(), Map.of("model", model, "table", test), Map.of()).get("table");
        assertEquals(0, imputed.numeric("age").missingCount());
        double trainMedian = new org.gyrus.preprocess.SimpleImputer(org.gyrus.preprocess.SimpleImputer.Strategy.MEDIAN)
                .statistic(train.numeric("age").toArray());
        for (int i = 0; i < test.rowCount(); i++) {
            if (test.numeric("age").isMissing(i)) {
                assertEquals(trainMedian, imputed.numeric("age").get(i));
            }
        }
    }

    @Test
    void encoderAndScalerNodesChain() throws Exception {
        Table t = cohort();
        Table encoded = (Table) run(new OneHotEncoderNode(), Map.of("table", t), Map.of("handleUnknown", "ignore")).get("table");
        assertEquals(List.of("subject", "age", "volume", "site_A", "site_B", "site_C", "site___missing__", "label"), encoded.columnNames());
        Table imputed = (Table) run(new KnnImputerNode(), Map.of("table", encoded), Map.of("columns", "age,volume", "neighbours", 3))
                .get("table");
        assertEquals(0, imputed.numeric("volume").missingCount());
        Map<String, Object> scaled = run(new StandardScalerNode(), Map.of("table", imputed), Map.of("columns", "age,volume"));
        Table s = (Table) scaled.get("table");
        double mean = 0;
        for (int i = 0; i < s.rowCount(); i++) {
            mean += s.numeric("age").get(i);
        }
        assertEquals(0, mean / s.rowCount(), 1e-12);
        Table reduced = (Table) run(new VarianceThresholdNode(), Map.of("table", encoded), Map.of("columns", "site_A,site_B,site_C,site___missing__", "threshold", 0.1))
                .get("table");
        assertFalse(reduced.columnNames().contains("site___missing__"));
    }

    @Test
    void savedModelFileAppliesLikeTheFittedOne(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Table t = cohort();
        Map<String, Object> fit = run(new IterativeImputerNode(), Map.of("table", t), Map.of());
        ModelArtifact m = (ModelArtifact) fit.get("model");
        Path file = dir.resolve("imputer.safetensors");
        m.save(file);
        Table applied = (Table) run(new ApplyModelNode(), Map.of("model", ModelArtifact.load(file), "table", t), Map.of()).get("table");
        assertEquals(fit.get("table"), applied);
    }

    @Test
    void kFoldNodeGivesDisjointFoldsAndRefusesTooManyGroups() throws Exception {
        // two rows per subject: folds by row are refused (a subject would be in two folds); rows without a subject column are folded
        IllegalArgumentException leak = assertThrows(IllegalArgumentException.class,
                () -> run(new KFoldSplitNode(), Map.of("table", cohort()), Map.of("folds", 4, "mode", "stratified")));
        assertTrue(leak.getMessage().contains("Subject 's0' has several rows (column 'subject')"), leak.getMessage());
        leak = assertThrows(IllegalArgumentException.class, () -> run(new TrainTestSplitNode(), Map.of("table", cohort()), Map.of()));
        assertTrue(leak.getMessage().contains("a random split by row"), leak.getMessage());
        Table t = cohort().without(List.of("subject"));
        int tested = 0;
        for (int f = 0; f < 4; f++) {
            Map<String, Object> out = run(new KFoldSplitNode(), Map.of("table", t), Map.of("folds", 4, "fold", f, "mode", "stratified"));
            tested += ((Table) out.get("test")).rowCount();
            assertEquals(40, ((Table) out.get("train")).rowCount() + ((Table) out.get("test")).rowCount());
            assertTrue(((Table) out.get("folds")).columnNames().contains("fold"));
        }
        assertEquals(40, tested);
        Table sites = cohort().withRole("site", ColumnRole.GROUP);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(new KFoldSplitNode(), Map.of("table", sites), Map.of("folds", 5, "mode", "grouped")));
        assertTrue(e.getMessage().contains("5 folds from 4 groups in column 'site'"), e.getMessage());
    }

    @Test
    void selectAndJoinNodes() throws Exception {
        Table t = cohort();
        Table sel = (Table) run(new SelectColumnsNode(), Map.of("table", t), Map.of("types", "numeric", "roles", "feature")).get("table");
        assertEquals(List.of("age", "volume"), sel.columnNames());
        Table demo = Table.of(new TextColumn("subject", ColumnRole.ID, "s0", "s1"), new NumericColumn("iq", new double[] {100, 110}));
        Table joined = (Table) run(new JoinNode(), Map.of("left", t, "right", demo), Map.of("how", "inner")).get("table");
        assertEquals(4, joined.rowCount());
        assertEquals(110, joined.numeric("iq").get(3));
    }

    /** Collects what a node logs. */
    static final class RecordingLogger implements System.Logger {
        final List<String> messages = new java.util.ArrayList<>();

        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, java.util.ResourceBundle bundle, String msg, Throwable thrown) {
            messages.add(level + " " + msg);
        }

        @Override
        public void log(Level level, java.util.ResourceBundle bundle, String format, Object... params) {
            messages.add(level + " " + java.text.MessageFormat.format(format, params));
        }
    }

    @Test
    void allMissingColumnIsDroppedWithAWarningByMeanAndKeptByConstant() throws Exception {
        Table t = Table.of(new NumericColumn("age", new double[] {60, NaN, 70}), new NumericColumn("empty", new double[] {NaN, NaN, NaN}));
        RecordingLogger log = new RecordingLogger();
        Map<String, Object> out = NodeRun.builder(new SimpleImputerNode().descriptor()).input("table", t).parameter("strategy", "mean")
                .logger(log).build().execute(new SimpleImputerNode());
        assertEquals(List.of("age"), ((Table) out.get("table")).columnNames());
        assertEquals(1, log.messages.size(), log.messages.toString());
        assertTrue(log.messages.get(0).startsWith("WARNING") && log.messages.get(0).contains("[empty]"), log.messages.get(0));
        RecordingLogger quiet = new RecordingLogger();
        Map<String, Object> constant = NodeRun.builder(new SimpleImputerNode().descriptor()).input("table", t)
                .parameter("strategy", "constant").parameter("fillValue", -1).logger(quiet).build().execute(new SimpleImputerNode());
        assertEquals(-1, ((Table) constant.get("table")).numeric("empty").get(0));
        assertTrue(quiet.messages.isEmpty(), quiet.messages.toString());
    }

    @Test
    void fittedModelsRecordTheirRowsAndTheTablesTheyShapeCarryThem() throws Exception {
        Map<String, Object> split = run(new TrainTestSplitNode(), Map.of("table", cohort()),
                Map.of("mode", "grouped", "groupColumn", "subject", "testFraction", 0.25));
        Table train = (Table) split.get("train");
        Table test = (Table) split.get("test");
        Table imputed = (Table) NodeRun.builder(new SimpleImputerNode().descriptor()).nodeId("impute").input("table", train).build()
                .execute(new SimpleImputerNode()).get("table");
        Map<String, Object> fit = NodeRun.builder(new StandardScalerNode().descriptor()).nodeId("scale").input("table", imputed).build()
                .execute(new StandardScalerNode());
        ModelArtifact model = (ModelArtifact) fit.get("model");
        TrainingRows rows = TrainingRows.of(model).orElseThrow();
        assertEquals(train.rowCount(), rows.overlap(train).length);
        assertEquals(0, rows.overlap(test).length);
        // The scaled training table notes both fits that shaped it, the imputer's and the scaler's, naming their nodes.
        Table scaled = (Table) fit.get("table");
        assertEquals(2, scaled.fittedBy().size());
        assertTrue(scaled.fittedBy().get(0).model().contains("simple-imputer model fitted by node 'impute'"), scaled.fittedBy().toString());
        assertTrue(scaled.fittedBy().get(1).model().contains("scaler model fitted by node 'scale'"), scaled.fittedBy().toString());
        // Applied to the held-out split: carried, nothing to warn about; applied back to its own rows: carried, and a warning.
        RecordingLogger quiet = new RecordingLogger();
        Table applied = (Table) NodeRun.builder(new ApplyModelNode().descriptor()).nodeId("apply").input("model", model).input("table", test)
                .logger(quiet).build().execute(new ApplyModelNode()).get("table");
        assertEquals(1, applied.fittedBy().size());
        assertTrue(applied.fittedBy().get(0).model().contains("applied by node 'apply'"));
        assertEquals(0, applied.fittedBy().get(0).rows().overlap(applied).length);
        assertTrue(quiet.messages.isEmpty(), quiet.messages.toString());
        RecordingLogger log = new RecordingLogger();
        Table own = (Table) NodeRun.builder(new ApplyModelNode().descriptor()).nodeId("apply").input("model", model).input("table", imputed)
                .logger(log).build().execute(new ApplyModelNode()).get("table");
        assertEquals(train.rowCount(), own.fittedBy().get(own.fittedBy().size() - 1).rows().overlap(own).length);
        assertEquals(1, log.messages.size(), log.messages.toString());
        assertTrue(log.messages.get(0).contains(train.rowCount() + " of the " + train.rowCount() + " rows"), log.messages.get(0));
    }
}
