package org.gyrus.adversarial.nodes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.gyrus.data.Column;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.gyrus.data.Volume;
import org.gyrus.data.VolumeSet;
import org.gyrus.nn.io.Json;
import org.gyrus.nn.io.TensorData;
import org.gyrus.nn.layers.Activation;
import org.gyrus.nn.layers.AdaptiveAvgPool3d;
import org.gyrus.nn.layers.Conv3d;
import org.gyrus.nn.layers.Flatten;
import org.gyrus.nn.layers.Linear;
import org.gyrus.nn.layers.Module;
import org.gyrus.nn.layers.NetworkFile;
import org.gyrus.nn.layers.Sequential;
import org.gyrus.pipeline.NodeRun;
import org.gyrus.pipeline.NodeType;
import org.junit.jupiter.api.Test;

/** The attack nodes, run without a framework through {@link NodeRun}, on network artifacts. */
class NodesTest {

    private static Map<String, Object> run(NodeType node, Map<String, Object> inputs, Map<String, Object> params) throws Exception {
        NodeRun.Builder b = NodeRun.builder(node.descriptor()).nodeId("attack").seed(3);
        inputs.forEach(b::input);
        params.forEach(b::parameter);
        return b.build().execute(node);
    }

    /** A network as another bundle would hand it over: a model artifact of kind network. */
    static ModelArtifact artifact(Module net) {
        ModelArtifact.Builder b = ModelArtifact.builder(NetworkFile.ARTIFACT_KIND).metadata(NetworkFile.ARTIFACT_ENTRY, NetworkFile.describeAsObject(net));
        net.stateDict().forEach(b::tensor);
        return b.build();
    }

    static ModelArtifact artifact(String file) throws IOException {
        return artifact(NetworkFile.load(Path.of("testdata", file)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String file) throws IOException {
        return (Map<String, Object>) Json.parse(Files.readString(Path.of("testdata", file)));
    }

    @SuppressWarnings("unchecked")
    private static float[] floats(Object tensor) {
        List<Object> data = (List<Object>) ((Map<String, Object>) tensor).get("data");
        float[] out = new float[data.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) data.get(i)).floatValue();
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static double[] labels(Object list) {
        return ((List<Object>) list).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }

    private static FeatureMatrix matrix(float[] x, int cols) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < x.length / cols; i++) {
            ids.add("s" + i);
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < cols; j++) {
            names.add("f" + j);
        }
        return new FeatureMatrix(x.clone(), ids, names);
    }

    /** A labels table (id, label) for samples s0, s1, ..., listed last to first. */
    static Table reversedLabels(double[] labels) {
        int n = labels.length;
        String[] ids = new String[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "s" + (n - 1 - i);
            v[i] = labels[n - 1 - i];
        }
        return Table.of(new TextColumn("id", ColumnRole.ID, ids), new NumericColumn("label", ColumnRole.LABEL, v));
    }

    private static double[] column(Table t, String name) {
        Column c = t.columns().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        return ((NumericColumn) c).toArray();
    }

    /** Every message of the chain, outermost first. */
    private static String root(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            b.append(t.getMessage()).append(" | ");
        }
        return b.toString();
    }

    @Test
    void fgsmNodeGivesPyTorchsAdversarialRowsAndAResultPerSample() throws Exception {
        Map<String, Object> ref = json("fgsm.json");
        float[] x = floats(ref.get("x"));
        // The labels table lists the samples in reverse: they are matched by id, not by row.
        Map<String, Object> out = run(new FgsmNode(), Map.of("model", artifact("mlp_network.safetensors"), "samples", matrix(x, 8),
                "labels", reversedLabels(labels(ref.get("labels")))), Map.of("epsilon", 0.1, "range", "0,1"));
        float[] adv = ((FeatureMatrix) out.get("samples")).toArray();
        float[] expected = floats(ref.get("x_fgsm"));
        for (int i = 0; i < adv.length; i++) {
            assertEquals(expected[i], adv[i], 1e-5, "x_fgsm[" + i + "]");
        }
        Table results = (Table) out.get("results");
        assertEquals(6, results.rowCount());
        assertArrayEquals(labels(ref.get("labels")), column(results, "true"));
        for (double linf : column(results, "linf")) {
            assertTrue(linf <= 0.1 + 1e-6 && linf > 0.05, "L∞ change " + linf);
        }
    }

    @Test
    void pgdNodeAttacksVolumesAndKeepsTheirGeometry() throws Exception {
        Random random = new Random(4);
        Module net = new Sequential(new Conv3d(1, 2, 3, 1, 1, random), Activation.relu(), new AdaptiveAvgPool3d(1, 1, 1),
                new Flatten(), new Linear(2, 2, random));
        Map<String, Volume> volumes = new LinkedHashMap<>();
        for (int s = 0; s < 3; s++) {
            float[] v = new float[5 * 4 * 3];
            for (int i = 0; i < v.length; i++) {
                v[i] = random.nextFloat();
            }
            volumes.put("sub-" + s, Volume.builder(v, 5, 4, 3).voxelSizes(2, 2, 2).metadata("site", "A").build());
        }
        Map<String, Object> out = run(new PgdNode(), Map.of("model", artifact(net), "volumes", VolumeSet.of(volumes)),
                Map.of("epsilon", 0.05, "stepSize", 0.02, "steps", 5, "range", "0,1"));
        VolumeSet adv = (VolumeSet) out.get("volumes");
        assertEquals(volumes.keySet().stream().toList(), adv.ids());
        Volume first = adv.get("sub-0");
        assertArrayEquals(new long[] {5, 4, 3}, first.dimensions());
        assertArrayEquals(new double[] {2, 2, 2}, first.voxelSizes(), 0);
        assertEquals("A", first.metadata().get("site"));
        Table results = (Table) out.get("results");
        for (double linf : column(results, "linf")) {
            assertTrue(linf <= 0.05 + 1e-6 && linf > 0, "L∞ change " + linf);
        }
    }

    @Test
    void onePixelNodeChangesOnePixelAndReportsSuccess() throws Exception {
        Map<String, Object> ref = json("halves.json");
        float[] x = floats(ref.get("x"));
        // The rows carry their sample shape: no parameter needed.
        Map<String, Object> out = run(new OnePixelNode(), Map.of("model", artifact("halves_network.safetensors"),
                "samples", matrix(x, 36).withSampleShape(1, 6, 6), "labels", reversedLabels(labels(ref.get("labels")))),
                Map.of("population", 40, "iterations", 20, "range", "0,1"));
        Table results = (Table) out.get("results");
        long successes = results.columns().stream().filter(c -> c.name().equals("success")).findFirst().map(c -> {
            long k = 0;
            for (int i = 0; i < results.rowCount(); i++) {
                k += c.format(i).equals("true") ? 1 : 0;
            }
            return k;
        }).orElseThrow();
        assertTrue(successes > 2 && successes < 30, successes + " successes");
        float[] adv = ((FeatureMatrix) out.get("samples")).toArray();
        for (int s = 0; s < 30; s++) {
            int changed = 0;
            for (int i = s * 36; i < (s + 1) * 36; i++) {
                changed += adv[i] != x[i] ? 1 : 0;
            }
            assertTrue(changed <= 1);
        }
    }

    @Test
    void badInputIsRefusedNamingTheNodeAndTheParameter() throws Exception {
        ModelArtifact cnn = artifact("cnn_network.safetensors");
        FeatureMatrix rows = matrix(new float[2 * 36], 36);
        Exception shape = assertThrows(Exception.class, () -> run(new FgsmNode(), Map.of("model", cnn, "samples", rows), Map.of("range", "0,1")));
        assertTrue(root(shape).contains("node 'attack' (FGSM): the model's input shape does not match the data"), root(shape));
        Exception wrongShape = assertThrows(Exception.class,
                () -> run(new FgsmNode(), Map.of("model", cnn, "samples", rows), Map.of("sampleShape", "1,8,8", "range", "0,1")));
        assertTrue(root(wrongShape).contains("parameter 'sampleShape' [1, 8, 8] holds 64 values, but the feature matrix has 36"), root(wrongShape));
        Exception eps = assertThrows(Exception.class,
                () -> run(new FgsmNode(), Map.of("model", cnn, "samples", rows), Map.of("sampleShape", "1,6,6", "epsilon", -0.1, "range", "0,1")));
        assertTrue(root(eps).contains("Parameter 'epsilon': '-0.1' is not valid: must be at least 0"), root(eps));
        Exception restarts = assertThrows(Exception.class, () -> run(new PgdNode(), Map.of("model", cnn, "samples", rows),
                Map.of("sampleShape", "1,6,6", "randomStart", false, "restarts", 3, "range", "0,1")));
        assertTrue(root(restarts).contains("node 'attack' (PGD): restarts = 3"), root(restarts));
        Exception kind = assertThrows(Exception.class, () -> run(new FgsmNode(),
                Map.of("model", ModelArtifact.builder("scaler").tensor("mean", TensorData.ofFloats(new float[] {0}, 1)).build(), "samples", rows),
                Map.of()));
        assertTrue(root(kind).contains("input 'model' is a model of kind 'scaler'"), root(kind));
    }

    @Test
    void theSamplesOwnShapeIsUsedAndKeptAndADisagreeingParameterIsRefused() throws Exception {
        ModelArtifact cnn = artifact("cnn_network.safetensors");
        float[] x = floats(json("pgd.json").get("x"));
        FeatureMatrix shaped = matrix(x, 36).withSampleShape(1, 6, 6);
        Map<String, Object> out = run(new FgsmNode(), Map.of("model", cnn, "samples", shaped), Map.of("range", "0,1", "epsilon", 0.05));
        FeatureMatrix adv = (FeatureMatrix) out.get("samples");
        assertArrayEquals(new int[] {1, 6, 6}, adv.sampleShape(), "the adversarial rows keep the sample shape");
        Map<String, Object> same = run(new FgsmNode(), Map.of("model", cnn, "samples", matrix(x, 36)),
                Map.of("range", "0,1", "epsilon", 0.05, "sampleShape", "1,6,6"));
        assertArrayEquals(adv.toArray(), ((FeatureMatrix) same.get("samples")).toArray(), 0f, "the parameter gives the same shape to a flat matrix");
        Exception disagree = assertThrows(Exception.class, () -> run(new FgsmNode(), Map.of("model", cnn, "samples", shaped),
                Map.of("range", "0,1", "sampleShape", "6,6,1")));
        assertTrue(root(disagree).contains("parameter 'sampleShape' [6, 6, 1] disagrees with the shape the samples carry, [1, 6, 6]"),
                root(disagree));
    }

    @Test
    void labelsAreMatchedByIdAndMissingIdsAreNamed() throws Exception {
        Map<String, Object> ref = json("fgsm.json");
        float[] x = floats(ref.get("x"));
        double[] y = labels(ref.get("labels"));
        ModelArtifact mlp = artifact("mlp_network.safetensors");
        Table inOrder = Table.of(new TextColumn("id", ColumnRole.ID, "s0", "s1", "s2", "s3", "s4", "s5"), new NumericColumn("label", y));
        Map<String, Object> a = run(new FgsmNode(), Map.of("model", mlp, "samples", matrix(x, 8), "labels", inOrder), Map.of("range", "0,1"));
        Map<String, Object> b = run(new FgsmNode(), Map.of("model", mlp, "samples", matrix(x, 8), "labels", reversedLabels(y)), Map.of("range", "0,1"));
        assertArrayEquals(((FeatureMatrix) a.get("samples")).toArray(), ((FeatureMatrix) b.get("samples")).toArray(), 0f);
        assertArrayEquals(y, column((Table) b.get("results"), "true"), 0);
        Table partial = Table.of(new TextColumn("id", ColumnRole.ID, "s0", "s1", "s2", "s5"), new NumericColumn("label", new double[] {0, 1, 2, 3}));
        Exception missing = assertThrows(Exception.class,
                () -> run(new FgsmNode(), Map.of("model", mlp, "samples", matrix(x, 8), "labels", partial), Map.of("range", "0,1")));
        assertTrue(root(missing).contains("input 'labels' has no row for 2 of the 6 samples, for example [s3, s4]"), root(missing));
    }

    @Test
    void labelsAreClassNamesWhenTheNetworkNamesItsClasses() throws Exception {
        Map<String, Object> ref = json("fgsm.json");
        float[] x = floats(ref.get("x"));
        double[] y = labels(ref.get("labels"));
        List<String> names = List.of("cn", "mci", "ad", "ftd");
        ModelArtifact plain = artifact("mlp_network.safetensors");
        ModelArtifact.Builder named = ModelArtifact.builder(NetworkFile.ARTIFACT_KIND).metadata("classes", names);
        plain.metadata().forEach(named::metadata);
        plain.tensors().forEach(named::tensor);
        String[] text = new String[y.length];
        String[] ids = new String[y.length];
        for (int i = 0; i < y.length; i++) {
            text[i] = names.get((int) y[i]);
            ids[i] = "s" + i;
        }
        Table byName = Table.of(new TextColumn("id", ColumnRole.ID, ids), new TextColumn("diagnosis", ColumnRole.LABEL, text));
        Map<String, Object> out = run(new FgsmNode(), Map.of("model", named.build(), "samples", matrix(x, 8), "labels", byName),
                Map.of("range", "0,1"));
        assertArrayEquals(y, column((Table) out.get("results"), "true"), 0, "class names map to the network's class indices");
        text[2] = "psp";
        Table unknown = Table.of(new TextColumn("id", ColumnRole.ID, ids), new TextColumn("diagnosis", ColumnRole.LABEL, text));
        Exception e = assertThrows(Exception.class, () -> run(new FgsmNode(), Map.of("model", named.build(), "samples", matrix(x, 8),
                "labels", unknown), Map.of("range", "0,1")));
        assertTrue(root(e).contains("column 'diagnosis' of input 'labels', sample 's2': \"psp\" is not a class of the network (its classes are [cn, mci, ad, ftd])"),
                root(e));
    }

    @Test
    void theReportAndTrainingNodesRefuseBadInputNamingTheParameter() throws Exception {
        Map<String, Object> ref = json("halves.json");
        float[] x = floats(ref.get("x"));
        ModelArtifact net = artifact("halves_network.safetensors");
        FeatureMatrix rows = matrix(x, 36).withSampleShape(1, 6, 6);
        Table labels = reversedLabels(labels(ref.get("labels")));
        Exception noLabels = assertThrows(Exception.class, () -> run(new RobustnessReportNode(), Map.of("model", net, "samples", rows),
                Map.of("range", "0,1")));
        assertTrue(root(noLabels).contains("node 'attack' (robustness report): connect the input 'labels'"), root(noLabels));
        Exception eps = assertThrows(Exception.class, () -> run(new RobustnessReportNode(), Map.of("model", net, "samples", rows, "labels", labels),
                Map.of("range", "0,1", "epsilons", "0.1, -0.2")));
        assertTrue(root(eps).contains("parameter 'epsilons' = \"0.1, -0.2\" must be finite numbers >= 0"), root(eps));
        Exception attack = assertThrows(Exception.class, () -> run(new RobustnessReportNode(), Map.of("model", net, "samples", rows,
                "labels", labels), Map.of("range", "0,1", "attacks", "fgsm, deepfool")));
        assertTrue(root(attack).contains("parameter 'attacks': unknown attack \"deepfool\""), root(attack));
        Exception focus = assertThrows(Exception.class, () -> run(new RobustnessReportNode(), Map.of("model", net, "samples", rows,
                "labels", labels), Map.of("range", "0,1", "focusEpsilon", 0.3)));
        assertTrue(root(focus).contains("parameter 'focusEpsilon' = 0.3 is not one of the epsilons"), root(focus));
        Exception group = assertThrows(Exception.class, () -> run(new RobustnessReportNode(), Map.of("model", net, "samples", rows,
                "labels", labels), Map.of("range", "0,1", "groupColumn", "site")));
        assertTrue(root(group).contains("parameter 'groupColumn': input 'labels' has no column 'site'"), root(group));
        Exception noTraining = assertThrows(Exception.class, () -> run(new AdversarialTrainingNode(), Map.of("model", net, "samples", rows),
                Map.of("range", "0,1")));
        assertTrue(root(noTraining).contains("node 'attack' (adversarial training): connect the input 'labels'"), root(noTraining));
        ModelArtifact cnn = artifact("cnn_network.safetensors");
        Exception shape = assertThrows(Exception.class, () -> run(new AdversarialTrainingNode(),
                Map.of("model", cnn, "samples", matrix(x, 36).withSampleShape(1, 36, 1), "labels", labels), Map.of("range", "0,1")));
        assertTrue(root(shape).contains("node 'attack' (adversarial training): the model's input shape does not match the data"), root(shape));
    }

    @Test
    void adversarialTrainingStartsFromTheGivenOrFreshWeightsAndComparesOnHeldOutSamples() throws Exception {
        Map<String, Object> ref = json("halves.json");
        float[] x = floats(ref.get("x"));
        ModelArtifact net = artifact("halves_network.safetensors");
        Map<String, Object> in = Map.of("model", net, "samples", matrix(x, 36).withSampleShape(1, 6, 6), "labels",
                reversedLabels(labels(ref.get("labels"))));
        Map<String, Object> common = Map.of("range", "0,1", "epsilon", 0.05, "epochs", 1, "steps", 2, "holdout", 0.3);
        Map<String, Object> trained = run(new AdversarialTrainingNode(), in, common);
        Map<String, Object> freshParams = new java.util.HashMap<>(common);
        freshParams.put("start", "fresh");
        Map<String, Object> fresh = run(new AdversarialTrainingNode(), in, freshParams);
        float[] original = net.tensor("0.weight").toFloats();
        float[] fineTuned = ((ModelArtifact) trained.get("model")).tensor("0.weight").toFloats();
        float[] renewed = ((ModelArtifact) fresh.get("model")).tensor("0.weight").toFloats();
        double moved = 0;
        double apart = 0;
        for (int i = 0; i < original.length; i++) {
            moved = Math.max(moved, Math.abs(fineTuned[i] - original[i]));
            apart = Math.max(apart, Math.abs(renewed[i] - original[i]));
        }
        assertTrue(moved > 0 && moved < 0.05, "one epoch of fine-tuning moves the weights a little: " + moved);
        assertTrue(apart > 0.1, "fresh weights are far from the trained ones: " + apart);
        Table comparison = (Table) trained.get("comparison");
        assertArrayEquals(new double[] {9, 9}, column(comparison, "samples"), 0, "30 % of 30 samples held out");
        assertEquals(column((Table) fresh.get("comparison"), "clean_accuracy")[0], column(comparison, "clean_accuracy")[0], 0,
                "the original network is scored on the same held-out samples");
    }

    @Test
    void theReportDrawsRowsOfInMaskVoxelsAsSlicesOfTheMask(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        float[] m = new float[6 * 5 * 4];
        for (int i = 0; i < m.length; i++) {
            m[i] = i % 3 == 0 ? 0 : 1;
        }
        int voxels = 80;
        Volume mask = Volume.builder(m, 6, 5, 4).build();
        Random random = new Random(2);
        Module net = new Sequential(new Linear(voxels, 8, random), Activation.relu(), new Linear(8, 2, random));
        int n = 12;
        float[] x = new float[n * voxels];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat();
        }
        ModelArtifact model = artifact(net);
        int[] predicted = new org.gyrus.adversarial.Classifier(NetworkFile.rebuild(model.metadata().get(NetworkFile.ARTIFACT_ENTRY),
                model.tensors()), voxels).predict(x);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = predicted[i];
        }
        Table labels = reversedLabels(y);
        Map<String, Object> out = run(new RobustnessReportNode(), Map.of("model", model, "samples", matrix(x, voxels), "labels", labels,
                "mask", mask), Map.of("range", "0,1", "epsilons", "0.05, 0.2", "examples", 3));
        org.gyrus.data.Report report = (org.gyrus.data.Report) out.get("report");
        report.writeTo(dir);
        java.awt.image.BufferedImage grid = javax.imageio.ImageIO.read(dir.resolve("figures/examples_pgd.png").toFile());
        // One 5 × 6 slice (y × x) per cell, scaled by 128 / 6 = 21: rows of 5 * 21 = 105 pixels, plus captions.
        assertTrue(grid.getHeight() > 3 * 105 && grid.getHeight() < 3 * 105 + 3 * 60 + 60, "height " + grid.getHeight());
        assertEquals(1.0, column((Table) out.get("curve"), "accuracy")[0], 0, "labelled with the network's own classes");
        Volume wrong = Volume.builder(new float[] {1, 1, 0, 0}, 2, 2, 1).build();
        Exception e = assertThrows(Exception.class, () -> run(new RobustnessReportNode(), Map.of("model", model, "samples", matrix(x, voxels),
                "labels", labels, "mask", wrong), Map.of("range", "0,1")));
        assertTrue(root(e).contains("input 'mask' selects 2 voxels, but the samples are rows of " + voxels + " values"), root(e));
    }
}
