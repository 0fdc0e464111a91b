package org.gyrus.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.gyrus.data.ModelArtifact;
import org.gyrus.nn.io.Safetensors;
import org.gyrus.nn.io.TensorData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PyTorch 1.13 rebuilt the diffusion models trained and saved here from their own descriptions,
 * loaded their weights strictly by name and ran them on fixed x_t at four timesteps
 * (check/torch_parity.py → testdata/parity_torch.json); the network outputs (ε or v) and the x₀ they
 * imply must agree with ours within org.gyrus.nn's network parity tolerance (relative 1e-4 with a
 * floor of 1 % of the largest value).
 */
class TorchParityTest {

    static final double RTOL = 1e-4;

    @ParameterizedTest
    @ValueSource(strings = {"unet2d", "unet3d"})
    void epsilonOrVelocityOfOurModelEqualsPyTorchs(String name) throws IOException {
        JsonNode ref = Reference.read("parity_torch.json").get("cases").get(name);
        assertTrue(ref.get("loaded_strict").asBoolean());
        assertEquals(0, ref.get("missing_keys").size() + ref.get("unexpected_keys").size(), "PyTorch loaded every weight by name");
        DiffusionModel model = DiffusionModel.fromArtifact(ModelArtifact.load(Path.of("testdata", ref.get("file").asText())));
        assertEquals(ref.get("parameters").asLong(), model.network().parameterCount());
        assertEquals(ref.get("output").asText(), model.prediction().id());
        Map<String, TensorData> inputs = Safetensors.read(Path.of("testdata", "parity_inputs.safetensors"));
        int[] shape = model.sampleShape();
        Sampler.Model net = model.asSamplerModel(Arrays.copyOfRange(shape, 1, shape.length));
        DiffusionSteps steps = new DiffusionSteps(model.schedule());
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = ref.get("steps").fields(); it.hasNext(); checked++) {
            Map.Entry<String, JsonNode> e = it.next();
            int t = Integer.parseInt(e.getKey());
            TensorData in = inputs.get(e.getValue().get("input").asText());
            float[] x = in.toFloats();
            int n = (int) in.shape()[0];
            float[] y = net.predict(x, n, t);
            close(name + " output at t = " + t, Reference.floats(e.getValue().get("output").get("data")), y);
            float[] x0 = new float[x.length];
            if (model.prediction() == Prediction.EPSILON) {
                steps.x0FromEps(x, y, t, x0);
            } else {
                steps.x0FromVelocity(x, y, t, x0);
            }
            close(name + " predicted x0 at t = " + t, Reference.floats(e.getValue().get("x0").get("data")), x0);
        }
        assertEquals(ParityModels.TIMESTEPS.length, checked);
    }

    /** org.gyrus.nn's rule: |actual − expected| ≤ rtol (|expected| + 1 % of the largest |expected|). */
    private static void close(String what, float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, what + ": length");
        double max = 0;
        for (float v : expected) {
            max = Math.max(max, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(actual[i] - expected[i]);
            if (!(err <= RTOL * (Math.abs(expected[i]) + 0.01 * max))) {
                fail(what + ": element " + i + " expected " + expected[i] + " got " + actual[i]);
            }
        }
    }
}
