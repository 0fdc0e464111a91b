package org.gyrus.reduce.nodes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.UnaryOperator;

import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.Report;
import org.gyrus.data.Table;
import org.gyrus.data.VolumeSet;
import org.gyrus.pipeline.NodeRun;
import org.gyrus.pipeline.NodeType;
import org.gyrus.data.VolumeMask;
import org.gyrus.reduce.Autoencoder;
import org.gyrus.reduce.AutoencoderModel;
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

    /**
     * Every parameter reaches the training: the node's weights are those of the library trained
     * with the same option (whose effect {@code AutoencoderOptionsTest} shows), and differ from
     * the weights trained without it. A parameter the node ignored would fail both.
     */
    @Test
    void everyParameterReachesTheTraining() throws Exception {
        PcaNodesTest.Cohort c = new PcaNodesTest.Cohort();
        FeatureMatrix x = standardised(new VolumeMask(c.mask, "the mask").toFeatures(c.volumes, "the cohort"));
        Autoencoder base = Autoencoder.withLayers(6, 2).activations("relu", "linear", "linear").training(20, 32)
                .optimizer("adam", 1e-3).validation(0.2, 0).seed(11);
        Map<String, UnaryOperator<Autoencoder>> variants = new LinkedHashMap<>();
        Map<String, Object[]> parameters = new LinkedHashMap<>();
        variants.put("default", a -> a);
        parameters.put("default", new Object[0]);
        variants.put("linear", Autoencoder::linear);
        parameters.put("linear", new Object[] {"linear", true});
        variants.put("masking", a -> a.noise(Autoencoder.Noise.MASKING, 0.2));
        parameters.put("masking", new Object[] {"noise", "masking", "noiseLevel", 0.2});
        variants.put("gaussian", a -> a.noise(Autoencoder.Noise.GAUSSIAN, 0.1));
        parameters.put("gaussian", new Object[] {"noise", "gaussian"});
        variants.put("gaussian 0.3", a -> a.noise(Autoencoder.Noise.GAUSSIAN, 0.3));
        parameters.put("gaussian 0.3", new Object[] {"noise", "gaussian", "noiseLevel", 0.3});
        variants.put("dropout", a -> a.dropout(0.1));
        parameters.put("dropout", new Object[] {"dropout", 0.1});
        variants.put("sparsity", a -> a.sparsity(0.01));
        parameters.put("sparsity", new Object[] {"sparsity", 0.01});
        variants.put("sgd", a -> a.optimizer("sgd", 1e-3));
        parameters.put("sgd", new Object[] {"optimizer", "sgd"});
        variants.put("adamw", a -> a.optimizer("adamw", 1e-3));
        parameters.put("adamw", new Object[] {"optimizer", "adamw"});
        variants.put("learning rate", a -> a.optimizer("adam", 0.01));
        parameters.put("learning rate", new Object[] {"learningRate", 0.01});
        variants.put("activations", a -> a.activations("tanh", "relu", "tanh"));
        parameters.put("activations", new Object[] {"activation", "tanh", "codeActivation", "relu", "outputActivation", "tanh"});
        variants.put("batch size", a -> a.training(20, 8));
        parameters.put("batch size", new Object[] {"batchSize", 8});
        variants.put("validation", a -> a.validation(0.4, 0));
        parameters.put("validation", new Object[] {"validationFraction", 0.4});
        variants.put("seed", a -> a.seed(5));
        parameters.put("seed", new Object[] {"seed", 5L});
        variants.put("patience", a -> a.training(500, 32).optimizer("adam", 0.05).validation(0.2, 2));
        parameters.put("patience", new Object[] {"patience", 2, "epochs", 500, "learningRate", 0.05});
        Map<String, float[]> defaultWeights = null;
        for (String name : variants.keySet()) {
            Object[] v = parameters.get(name);
            Object[] all = new Object[v.length + 10];
            System.arraycopy(new Object[] {"layers", new int[] {6, 2}, "epochs", 20, "validationFraction", 0.2, "seed", 11L,
                "batchSize", 32}, 0, all, 0, 10);
            System.arraycopy(v, 0, all, 10, v.length);
            Map<String, Object> fit = run(new AutoencoderFitNode(), Map.of("features", x), all);
            ModelArtifact model = (ModelArtifact) fit.get("model");
            Map<String, float[]> weights = AutoencoderModel.fromArtifact(model).weights();
            Autoencoder.Fit expected = variants.get(name).apply(base).fit(x.toArray(), x.rows(), x.cols());
            Map<String, float[]> libraryWeights = expected.model().weights();
            assertEquals(libraryWeights.keySet(), weights.keySet(), name);
            for (String k : weights.keySet()) {
                assertArrayEquals(libraryWeights.get(k), weights.get(k), name + " " + k);
            }
            Table curve = (Table) fit.get("curve");
            assertEquals(expected.curve().trainLoss().length, curve.rowCount(), name);
            if (defaultWeights == null) {
                defaultWeights = weights;
            } else {
                Map<String, float[]> d = defaultWeights;
                boolean same = d.keySet().equals(weights.keySet()) && d.keySet().stream().allMatch(k -> Arrays.equals(d.get(k), weights.get(k)));
                assertFalse(same, name + " changes nothing");
            }
            float[] codes = ((FeatureMatrix) run(new AutoencoderEncodeNode(), Map.of("model", model, "features", x)).get("codes")).toArray();
            assertArrayEquals(((FeatureMatrix) fit.get("codes")).toArray(), codes, name);
        }
    }
}
