package org.gyrus.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import org.gyrus.nn.Tensor;
import org.gyrus.nn.testsupport.Reference;
import org.junit.jupiter.api.Test;

/**
 * networks.json + networks.safetensors (gen_conv_refs.py, PyTorch 1.13): networks that PyTorch
 * initialised and saved as network files (description in the metadata) are rebuilt here from the
 * file alone and give PyTorch's output and gradients; the network file Gyrus wrote
 * (unet_gyrus.safetensors) loaded in PyTorch (strictly, by name) and gave the recorded output,
 * which Gyrus reproduces.
 */
class NetworkParityTest {

    /** Outputs: as the composite layers (encoder layer). */
    static final double RTOL = 1e-4;
    /**
     * Parameter gradients of whole networks: float32 rounding accumulates through some forty layers
     * (observed: at most 3e-5 of each tensor's largest value), so 1e-3 relative with the usual floor.
     */
    static final double GRAD_RTOL = 1e-3;
    /**
     * A convolution bias followed by a normalisation has a gradient of exactly zero; both sides
     * compute rounding noise there. Such entries are compared against the network's gradient scale:
     * within 1e-6 of the largest gradient of any parameter.
     */
    static final double GRAD_ATOL_OF_SCALE = 1e-6;

    private static void assertGradClose(String what, Tensor expected, Tensor actual, double scale) {
        float[] e = expected.data();
        float[] a = actual.data();
        assertEquals(e.length, a.length, what + ": length");
        double max = 0;
        for (float v : e) {
            max = Math.max(max, Math.abs(v));
        }
        for (int i = 0; i < e.length; i++) {
            double err = Math.abs(a[i] - e[i]);
            double tol = GRAD_RTOL * (Math.abs(e[i]) + 0.01 * max) + GRAD_ATOL_OF_SCALE * scale;
            if (!(err <= tol)) {
                org.junit.jupiter.api.Assertions.fail(what + ": element " + i + " expected " + e[i] + " got " + a[i]
                        + " (error " + err + ", tolerance " + tol + ")");
            }
        }
    }

    private static final JsonNode META = Reference.load("networks.json");
    private static final Map<String, Tensor> REF = Reference.tensors("networks.safetensors");

    private static void trainStepMatches(String name) throws IOException {
        JsonNode entry = META.get("networks").get(name);
        Module net = NetworkFile.load(Reference.file(entry.get("file").asText()));
        net.train(true);
        Tensor x = REF.get(name + "/x").copy().requiresGrad(true);
        Tensor t = entry.get("timesteps").asBoolean() ? REF.get(name + "/timesteps") : null;
        Tensor y = net.forward(x, t);
        Reference.assertClose(name + " output", REF.get(name + "/train/output"), y, RTOL);
        y.mul(Reference.linspace(y.size(), y.shape())).sum().backward();
        Reference.assertClose(name + " grad x", REF.get(name + "/train/grad_x"), x.gradTensor(), RTOL);
        double scale = 0;
        for (String k : net.namedParameters().keySet()) {
            Tensor expected = REF.get(name + "/train/grad/" + k);
            assertNotNull(expected, name + ": PyTorch has no parameter " + k);
            for (float v : expected.data()) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        int checked = 0;
        for (Map.Entry<String, Tensor> p : net.namedParameters().entrySet()) {
            Tensor expected = REF.get(name + "/train/grad/" + p.getKey());
            assertNotNull(p.getValue().grad(), name + ": no gradient for " + p.getKey());
            assertGradClose(name + " grad " + p.getKey(), expected, p.getValue().gradTensor(), scale);
            checked++;
        }
        long torchParams = REF.keySet().stream().filter(k -> k.startsWith(name + "/train/grad/")).count();
        assertEquals(torchParams, checked, name + ": parameter count differs from PyTorch's");
        if (entry.has("eval")) {
            for (Map.Entry<String, Tensor> b : net.namedBuffers().entrySet()) {
                if (b.getKey().contains("running")) {
                    Reference.assertClose(name + " " + b.getKey() + " after a training step",
                            REF.get(name + "/after_train/" + b.getKey()), b.getValue(), 1e-5);
                }
            }
            net.eval();
            try (var ignored = Tensor.noGrad()) {
                Reference.assertClose(name + " eval output", REF.get(name + "/eval/output"), net.forward(x), RTOL);
            }
        }
    }

    @Test
    void unet2dWithTimestepsAndAttentionMatchesPyTorch() throws IOException {
        trainStepMatches("unet2d");
    }

    @Test
    void unet3dMatchesPyTorch() throws IOException {
        trainStepMatches("unet3d");
    }

    @Test
    void classifierOnDigitsWithBatchNormMatchesPyTorchInTrainingAndEvaluation() throws IOException {
        trainStepMatches("classifier");
    }

    @Test
    void networkSavedByGyrusRunsInPyTorchWithTheSameOutput() throws IOException {
        JsonNode g = META.get("gyrus_to_torch");
        assertNotNull(g, "networks.json lacks the Gyrus -> PyTorch check: rerun gen_conv_refs.py");
        assertTrue(g.get("loaded_strict").asBoolean());
        assertEquals(0, g.get("missing_keys").size());
        assertEquals(0, g.get("unexpected_keys").size());
        Module net = NetworkFile.load(Reference.file(g.get("file").asText()));
        assertEquals(g.get("parameters").asLong(), net.parameterCount());
        try (var ignored = Tensor.noGrad()) {
            Tensor y = net.forward(REF.get(g.get("input").asText()), REF.get(g.get("timesteps").asText()));
            Reference.assertClose("Gyrus network in PyTorch", REF.get("gyrus_to_torch/output"), y, RTOL);
        }
    }

    @Test
    void everyReferenceTensorIsUsed() {
        Iterator<String> it = META.get("networks").fieldNames();
        int n = 0;
        while (it.hasNext()) {
            it.next();
            n++;
        }
        assertEquals(3, n);
    }
}
