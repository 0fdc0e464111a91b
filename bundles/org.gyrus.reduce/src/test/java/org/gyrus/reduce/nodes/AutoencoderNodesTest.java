package org.gyrus.reduce.nodes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.Report;
import org.gyrus.data.Table;
import org.gyrus.data.VolumeSet;
import org.gyrus.pipeline.NodeRun;
import org.gyrus.pipeline.NodeType;
import org.gyrus.data.VolumeMask;
import org.junit.jupiter.api.Test;

/** The autoencoder nodes chained: fit, encode, reconstruct through a mask, anomaly scores. */
class AutoencoderNodesTest {

    private static Map<String, Object> run(NodeType node, Map<String, Object> inputs, Object... parameters) throws Exception {
        NodeRun.Builder b = NodeRun.builder(node.descriptor()).seed(7).threads(2);
        inputs.forEach(b::input);
        for (int i = 0; i < parameters.length; i += 2) {
            b.parameter((String) parameters[i], parameters[i + 1]);
        }
        return b.build().execute(node);
    }

    /** Features standardised per voxel, so a linear-output autoencoder fits them quickly. */
    private static FeatureMatrix standardised(FeatureMatrix x) {
        float[] d = x.toArray();
        int n = x.rows();
        int m = x.cols();
        for (int j = 0; j < m; j++) {
            double mean = 0;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                mean += d[i * m + j] / (double) n;
            }
            for (int i = 0; i < n; i++) {
                ss += Math.pow(d[i * m + j] - mean, 2) / (n - 1);
            }
            for (int i = 0; i < n; i++) {
                d[i * m + j] = (float) ((d[i * m + j] - mean) / Math.sqrt(ss));
            }
        }
        return new FeatureMatrix(d, x.rowIds(), x.featureNames());
    }

    @Test
    void fitEncodeReconstructThroughAMask() throws Exception {
        PcaNodesTest.Cohort c = new PcaNodesTest.Cohort();
        FeatureMatrix x = standardised(new VolumeMask(c.mask, "the mask").toFeatures(c.volumes, "the cohort"));
        Map<String, Object> fit = run(new AutoencoderFitNode(), Map.of("features", x, "labels", c.labels, "mask", c.mask),
                "layers", new int[] {8, 2}, "epochs", 200, "batchSize", 8, "learningRate", 0.01, "validationFraction", 0.2);
        ModelArtifact model = (ModelArtifact) fit.get("model");
        assertEquals(AutoencoderFitNode.ID, model.kind());
        FeatureMatrix codes = (FeatureMatrix) fit.get("codes");
        assertEquals(List.of("z1", "z2"), codes.featureNames());
        assertEquals(20, codes.rows());
        Table curve = (Table) fit.get("curve");
        assertEquals(200, curve.rowCount());
        double[] val = curve.numeric("validation_loss").toArray();
        assertTrue(val[199] < val[0], "validation loss fell");
        assertEquals(List.of("id", "z1", "z2", "label"), ((Table) fit.get("latent")).columnNames());
        VolumeSet maps = (VolumeSet) fit.get("maps");
        assertEquals(List.of("z1", "z2"), maps.ids());
        Report report = (Report) fit.get("report");
        assertEquals(4, report.items().size());

        Map<String, Object> enc = run(new AutoencoderEncodeNode(), Map.of("model", model, "features", x));
        assertArrayEquals(codes.toArray(), ((FeatureMatrix) enc.get("codes")).toArray());

        Map<String, Object> rec = run(new AutoencoderReconstructNode(), Map.of("model", model, "features", x, "mask", c.mask));
        Table errors = (Table) rec.get("errors");
        double[] e = errors.numeric("reconstruction_error").toArray();
        assertEquals(20, e.length);
        double mean = java.util.Arrays.stream(e).average().orElseThrow();
        assertTrue(mean < 0.2, "two patterns in a two-unit code: mean error " + mean + " of unit-variance features");
        VolumeSet volumes = (VolumeSet) rec.get("volumes");
        assertEquals(c.volumes.ids(), volumes.ids());

        // An anomalous sample (a pattern the training data never showed) reconstructs worse than any training sample.
        float[] odd = x.toArray();
        for (int j = 0; j < x.cols(); j++) {
            odd[j] = (j % 2 == 0) ? 2f : -2f;
        }
        FeatureMatrix withOdd = new FeatureMatrix(odd, x.rowIds(), x.featureNames());
        double[] e2 = ((Table) run(new AutoencoderReconstructNode(), Map.of("model", model, "features", withOdd)).get("errors"))
                .numeric("reconstruction_error").toArray();
        for (int i = 1; i < 20; i++) {
            assertTrue(e2[0] > e2[i], "anomaly score of the odd sample " + e2[0] + " vs " + e2[i]);
        }
        assertEquals(0, ((VolumeSet) run(new AutoencoderReconstructNode(), Map.of("model", model, "features", x)).get("volumes")).size());
    }

    @Test
    void cancellationStopsTraining() {
        PcaNodesTest.Cohort c = new PcaNodesTest.Cohort();
        FeatureMatrix x = new VolumeMask(c.mask, "the mask").toFeatures(c.volumes, "the cohort");
        NodeType node = new AutoencoderFitNode();
        NodeRun run = NodeRun.builder(node.descriptor()).input("features", x).parameter("epochs", 100000).cancelled(() -> true).build();
        assertThrows(CancellationException.class, () -> run.execute(node));
    }

    @Test
    void refusesAModelOfOtherFeatures() throws Exception {
        PcaNodesTest.Cohort c = new PcaNodesTest.Cohort();
        FeatureMatrix x = new VolumeMask(c.mask, "the mask").toFeatures(c.volumes, "the cohort");
        ModelArtifact model = (ModelArtifact) run(new AutoencoderFitNode(), Map.of("features", x), "epochs", 1).get("model");
        FeatureMatrix fewer = new FeatureMatrix(new float[20], x.rowIds(), List.of("a"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(new AutoencoderReconstructNode(), Map.of("model", model, "features", fewer)));
        assertTrue(e.getMessage().contains("fitted on features"), e.getMessage());
        ModelArtifact pca = (ModelArtifact) run(new PcaFitNode(), Map.of("features", x)).get("model");
        assertThrows(IllegalArgumentException.class, () -> run(new AutoencoderEncodeNode(), Map.of("model", pca, "features", x)));
    }

    @Test
    void everyOptionTrains() throws Exception {
        PcaNodesTest.Cohort c = new PcaNodesTest.Cohort();
        FeatureMatrix x = standardised(new VolumeMask(c.mask, "the mask").toFeatures(c.volumes, "the cohort"));
        Object[][] variants = {
            {"linear", true},
            {"noise", "masking", "noiseLevel", 0.2},
            {"noise", "gaussian", "noiseLevel", 0.1, "dropout", 0.1},
            {"sparsity", 0.01, "codeActivation", "relu"},
            {"optimizer", "sgd", "learningRate", 0.01, "activation", "tanh"},
            {"optimizer", "adamw", "activation", "elu", "outputActivation", "tanh", "seed", 5L},
            {"patience", 2, "epochs", 500, "learningRate", 0.05},
        };
        for (Object[] v : variants) {
            Object[] parameters = new Object[v.length + 6];
            System.arraycopy(new Object[] {"layers", new int[] {6, 2}, "epochs", 20, "validationFraction", 0.2}, 0, parameters, 0, 6);
            System.arraycopy(v, 0, parameters, 6, v.length);
            Map<String, Object> fit = run(new AutoencoderFitNode(), Map.of("features", x), parameters);
            Table curve = (Table) fit.get("curve");
            double[] val = curve.numeric("validation_loss").toArray();
            assertTrue(java.util.Arrays.stream(val).allMatch(Double::isFinite), java.util.Arrays.toString(v));
            assertTrue(curve.rowCount() >= 1 && curve.rowCount() <= 500, java.util.Arrays.toString(v));
            ModelArtifact model = (ModelArtifact) fit.get("model");
            float[] codes = ((FeatureMatrix) run(new AutoencoderEncodeNode(), Map.of("model", model, "features", x)).get("codes")).toArray();
            assertArrayEquals(((FeatureMatrix) fit.get("codes")).toArray(), codes, java.util.Arrays.toString(v));
        }
    }
}
