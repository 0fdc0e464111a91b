package org.gyrus.reduce.nodes;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.gyrus.data.ColumnRole;
import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.gyrus.pipeline.NodeRun;
import org.gyrus.pipeline.NodeType;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 3 for the reduction nodes: NaN, infinity and values beyond single precision are
 * refused in fit and apply with the feature and the row (scikit-learn's PCA refuses NaN and
 * infinity too), and results that overflow are errors, not NaN scores or codes.
 */
class NonFiniteNodesTest {

    private static final List<String> IDS = List.of("sub-0", "sub-1", "sub-2", "sub-3", "sub-4", "sub-5", "sub-6", "sub-7");

    private static Map<String, Object> run(NodeType node, Map<String, Object> inputs, Object... parameters) throws Exception {
        NodeRun.Builder b = NodeRun.builder(node.descriptor()).seed(7).threads(1);
        inputs.forEach(b::input);
        for (int i = 0; i < parameters.length; i += 2) {
            b.parameter((String) parameters[i], parameters[i + 1]);
        }
        return b.build().execute(node);
    }

    /** 8 subjects × 3 features (a, b, c), random; {@code value} put at row 2 of 'b'. */
    private static double[][] columns(double value) {
        SplittableRandom r = new SplittableRandom(3);
        double[][] x = new double[3][8];
        for (double[] c : x) {
            for (int i = 0; i < 8; i++) {
                c[i] = r.nextGaussian();
            }
        }
        x[1][2] = value;
        return x;
    }

    private static Table table(double value) {
        double[][] x = columns(value);
        return Table.of(new TextColumn("subject", ColumnRole.ID, IDS.toArray(String[]::new)), new NumericColumn("a", x[0]),
                new NumericColumn("b", x[1]), new NumericColumn("c", x[2]));
    }

    private static FeatureMatrix features(float value) {
        double[][] x = columns(0);
        float[] d = new float[24];
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 3; j++) {
                d[i * 3 + j] = (float) x[j][i];
            }
        }
        d[2 * 3 + 1] = value;
        return new FeatureMatrix(d, IDS, List.of("a", "b", "c"));
    }

    private static void assertMessage(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + e.getMessage() + "' should mention " + p);
        }
    }

    @Test
    void fitNodesRefuseNonFiniteAndTooLargeValuesInATable() {
        for (NodeType node : List.of(new PcaFitNode(), new AutoencoderFitNode())) {
            String what = node instanceof PcaFitNode ? "PCA" : "Autoencoder";
            Object[] params = node instanceof PcaFitNode ? new Object[0] : new Object[] {"epochs", 1, "layers", new int[] {2}};
            assertMessage(assertThrows(IllegalArgumentException.class,
                    () -> run(node, Map.of("table", table(Double.parseDouble("1e400"))), params)),
                    what + ": column 'b'", "+infinity", "row 2 (subject 'sub-2')");
            assertMessage(assertThrows(IllegalArgumentException.class, () -> run(node, Map.of("table", table(Double.NaN)), params)),
                    "column 'b'", "missing value", "row 2 (subject 'sub-2')", "impute");
            // Finite as a double, infinite once converted to the float32 features: refused before the conversion.
            assertMessage(assertThrows(IllegalArgumentException.class, () -> run(node, Map.of("table", table(1e300)), params)),
                    "column 'b'", "1.000e+300", "single precision", "row 2");
            assertMessage(assertThrows(IllegalArgumentException.class,
                    () -> run(node, Map.of("features", features(Float.NEGATIVE_INFINITY)), params)),
                    what + ": feature 'b'", "-infinity", "row 2 (id 'sub-2')");
        }
    }

    @Test
    void applyNodesRefuseNonFiniteValues() throws Exception {
        ModelArtifact pca = (ModelArtifact) run(new PcaFitNode(), Map.of("features", features(0))).get("model");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> run(new PcaApplyNode(), Map.of("model", pca, "features", features(Float.NaN)))),
                "PCA: feature 'b'", "missing value", "row 2 (id 'sub-2')");
        float[] z = new float[16];
        z[5] = Float.POSITIVE_INFINITY;
        assertMessage(assertThrows(IllegalArgumentException.class, () -> run(new PcaInverseNode(),
                Map.of("model", pca, "scores", new FeatureMatrix(z, IDS, List.of("PC1", "PC2"))))), "feature 'PC2'", "row 2");
        ModelArtifact ae = (ModelArtifact) run(new AutoencoderFitNode(), Map.of("features", features(0)), "epochs", 1,
                "layers", new int[] {2}).get("model");
        for (NodeType node : List.of(new AutoencoderEncodeNode(), new AutoencoderReconstructNode())) {
            assertMessage(assertThrows(IllegalArgumentException.class,
                    () -> run(node, Map.of("model", ae, "table", table(Double.POSITIVE_INFINITY)))),
                    "Autoencoder: column 'b'", "+infinity", "row 2 (subject 'sub-2')");
        }
    }

    @Test
    void scoresThatOverflowSinglePrecisionAreAnError() throws Exception {
        ModelArtifact pca = (ModelArtifact) run(new PcaFitNode(), Map.of("features", features(0))).get("model");
        // Each value is a float, but along the first axis the score is about √3 · 3.3e38, beyond float's 3.4e38.
        double[] axis = org.gyrus.reduce.PcaModel.fromArtifact(pca).axes();
        float[] huge = new float[24];
        for (int i = 0; i < 24; i++) {
            huge[i] = (float) Math.copySign(3.3e38, axis[i % 3]);
        }
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> run(new PcaApplyNode(), Map.of("model", pca, "features", new FeatureMatrix(huge, IDS, List.of("a", "b", "c"))))),
                "PCA: the result 'PC", "overflowed single precision", "Standardise");
    }

    @Test
    void autoencoderTrainingThatDivergesIsAnError() {
        FeatureMatrix x = features(0);
        float[] d = x.toArray();
        for (int i = 0; i < d.length; i++) {
            d[i] *= 1e30f;
        }
        assertMessage(assertThrows(IllegalArgumentException.class, () -> run(new AutoencoderFitNode(),
                Map.of("features", new FeatureMatrix(d, IDS, x.featureNames())), "epochs", 5, "layers", new int[] {2})),
                "training diverged", "epoch 1", "Standardise");
    }
}
