package org.gyrus.preprocess.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.gyrus.data.ColumnRole;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.gyrus.pipeline.NodeRun;
import org.gyrus.pipeline.NodeType;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 3 at the level of the nodes: a table as the read-table node gives it for a CSV with
 * {@code 1e400} in a numeric column (which parses to infinity) makes every statistics node fail
 * with the column and the row, instead of exiting 0 with an empty column.
 */
class NonFiniteNodesTest {

    /** subject,age,score / sub-01,61,0.5 / sub-02,70,1e400 / ... as the CSV reader parses it. */
    private static Table csv(String scoreOfSecondRow) {
        String[] score = {"0.5", scoreOfSecondRow, "0.75", "", "0.25", "1.5"};
        double[] values = new double[score.length];
        for (int i = 0; i < score.length; i++) {
            // The reader's DecimalParser also reads inf and -inf, as numpy does.
            values[i] = score[i].isEmpty() ? Double.NaN : score[i].equals("-inf") ? Double.NEGATIVE_INFINITY
                    : Double.parseDouble(score[i]);
        }
        return Table.of(new TextColumn("subject", ColumnRole.ID, "sub-01", "sub-02", "sub-03", "sub-04", "sub-05", "sub-06"),
                new NumericColumn("age", new double[] {61, 70, 55, 48, 66, 59}), new NumericColumn("score", values));
    }

    private static Map<String, Object> run(NodeType node, Map<String, Object> inputs, Object... params) throws Exception {
        NodeRun.Builder b = NodeRun.builder(node.descriptor()).seed(7);
        inputs.forEach(b::input);
        for (int i = 0; i < params.length; i += 2) {
            b.parameter((String) params[i], params[i + 1]);
        }
        return b.build().execute(node);
    }

    private static void assertNamesColumnAndRow(Exception e) {
        for (String part : List.of("column 'score'", "+infinity", "row 1 (subject 'sub-02')")) {
            assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' should mention " + part);
        }
    }

    @Test
    void readTableThenStandardScalerFailsNamingTheColumn() {
        assertEquals(Double.POSITIVE_INFINITY, csv("1e400").numeric("score").get(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(new StandardScalerNode(), Map.of("table", csv("1e400"))));
        assertNamesColumnAndRow(e);
        assertTrue(e.getMessage().contains("StandardScaler: column 'score'"), e.getMessage());
    }

    @Test
    void everyStatisticsNodeRefusesInfinityInFit() {
        List<NodeType> nodes = List.of(new StandardScalerNode(), new MinMaxScalerNode(), new RobustScalerNode(),
                new SimpleImputerNode(), new KnnImputerNode(), new IterativeImputerNode(), new VarianceThresholdNode());
        for (String text : List.of("1e400", "Infinity", "-inf")) {
            for (NodeType node : nodes) {
                Exception e = assertThrows(IllegalArgumentException.class, () -> run(node, Map.of("table", csv(text))),
                        node.descriptor().id() + " " + text);
                assertTrue(e.getMessage().contains("column 'score'") && e.getMessage().contains("infinity"),
                        node.descriptor().id() + ": " + e.getMessage());
            }
        }
        for (NodeType encoder : List.of(new OneHotEncoderNode(), new OrdinalEncoderNode())) {
            assertNamesColumnAndRow(assertThrows(IllegalArgumentException.class,
                    () -> run(encoder, Map.of("table", csv("1e400")), "columns", "score")));
        }
    }

    @Test
    void applyNodeRefusesInfinityInNewDataButSelectionAndSplitsPassItOn() throws Exception {
        Table clean = csv("1.0");
        ModelArtifact scaler = (ModelArtifact) run(new StandardScalerNode(), Map.of("table", clean)).get("model");
        assertNamesColumnAndRow(assertThrows(IllegalArgumentException.class,
                () -> run(new ApplyModelNode(), Map.of("model", scaler, "table", csv("1e400")))));
        // Missing cells still pass through the scaler as missing cells.
        Table scaled = (Table) run(new ApplyModelNode(), Map.of("model", scaler, "table", clean)).get("table");
        assertTrue(Double.isNaN(scaled.numeric("score").get(3)));
        assertEquals(0, scaled.numeric("score").toArray().length - 6);
        // As scikit-learn's VarianceThreshold.transform and train_test_split: no statistic, the value is kept as it is.
        ModelArtifact selector = (ModelArtifact) run(new VarianceThresholdNode(), Map.of("table", clean)).get("model");
        Table selected = (Table) run(new ApplyModelNode(), Map.of("model", selector, "table", csv("1e400"))).get("table");
        assertEquals(Double.POSITIVE_INFINITY, selected.numeric("score").get(1));
        Map<String, Object> split = run(new TrainTestSplitNode(), Map.of("table", csv("1e400")), "testFraction", 0.5);
        long infinite = 0;
        for (String port : List.of("train", "test")) {
            infinite += java.util.Arrays.stream(((Table) split.get(port)).numeric("score").toArray()).filter(Double::isInfinite).count();
        }
        assertEquals(1, infinite);
    }
}
