package org.gyrus.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.gyrus.data.ModelArtifact;
import org.gyrus.nn.Tensor;
import org.gyrus.nn.io.Safetensors;
import org.gyrus.nn.io.TensorData;
import org.gyrus.nn.layers.TokenTransformer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PyTorch 1.13 rebuilt our saved transformers from their descriptions, loaded our weights by name
 * and recorded outputs, per-head attention weights and rollouts (check/torch_parity.py →
 * testdata/parity_torch.json); ours must agree within the engine's encoder-layer parity
 * tolerance (1e-4).
 */
class ParityTest {

    static final double TOL = 1e-4;

    @ParameterizedTest
    @ValueSource(strings = {"table", "image", "volume"})
    void logitsAttentionAndRolloutEqualPyTorch(String name) throws IOException {
        JsonNode ref = Fixtures.json("parity_torch.json").get("cases").get(name);
        TransformerModel model = TransformerModel.fromArtifact(ModelArtifact.load(Path.of("testdata", "parity_" + name + ".safetensors")));
        Map<String, TensorData> inputs = Safetensors.read(Path.of("testdata", "parity_inputs.safetensors"));
        Tensor x = inputs.get(name).toTensor();
        TokenTransformer net = model.network();
        TokenTransformer.Result r = net.forwardWithAttention(x);
        close("output", Fixtures.data(ref.get("output")), r.output().data());
        List<float[]> layers = new ArrayList<>();
        for (int l = 0; l < r.weights().size(); l++) {
            JsonNode w = ref.get("attention").get(l);
            assertArrayEquals(shape(w), r.weights().get(l).shape(), "layer " + l + " weights' shape");
            close("attention of layer " + (l + 1), Fixtures.data(w), r.weights().get(l).data());
            layers.add(r.weights().get(l).data());
        }
        assertEquals(ref.get("attention").size(), r.weights().size());
        double[] rollout = Fixtures.data(ref.get("rollout"));
        int t = net.tokens() + 1;
        int n = x.dim(0);
        for (int s = 0; s < n; s++) {
            double[] ours = AttentionRollout.rollout(layers, net.settings().heads(), t, s);
            for (int j = 0; j < t - 1; j++) {
                assertEquals(rollout[s * (t - 1) + j], ours[j], TOL, "rollout of sample " + s + ", token " + j);
            }
        }
    }

    private static int[] shape(JsonNode t) {
        int[] s = new int[t.get("shape").size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = t.get("shape").get(i).asInt();
        }
        return s;
    }

    private static void close(String what, double[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, what + ": sizes");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], TOL * Math.max(1, Math.abs(expected[i])), what + " [" + i + "]");
        }
    }
}
