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
import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
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
        Map<String, Object> out = run(new FgsmNode(), Map.of("model", artifact("mlp_network.safetensors"), "samples", matrix(x, 8),
                "labels", Table.of(new NumericColumn("label", labels(ref.get("labels"))))), Map.of("epsilon", 0.1, "range", "0,1"));
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
        Map<String, Object> out = run(new OnePixelNode(), Map.of("model", artifact("halves_network.safetensors"), "samples", matrix(x, 36),
                "labels", Table.of(new NumericColumn("label", labels(ref.get("labels"))))),
                Map.of("sampleShape", "1,6,6", "population", 40, "iterations", 20, "range", "0,1"));
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
}
