package org.gyrus.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.gyrus.data.ModelArtifact;
import org.gyrus.nn.io.TensorData;
import org.gyrus.nn.layers.Module;
import org.gyrus.nn.layers.NetworkFile;
import org.gyrus.nn.layers.UNet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training the U-Net denoiser: loss, seeds, the options (EMA, clipping, ε or v) and the saved artifact. */
class DiffusionTrainingTest {

    static final int SIZE = 16;
    static final int N = 24;
    static final float[] IMAGES = Disks.images(N, SIZE, 1);
    static final int[] SHAPE = {1, SIZE, SIZE};

    static DiffusionTraining.Settings settings(int epochs, double ema, double clip, Prediction prediction, long seed) {
        return new DiffusionTraining.Settings(epochs, 4, 2e-3, ema, clip, prediction, "linear", 1000, new int[] {8, 16}, seed);
    }

    static DiffusionModel train(DiffusionTraining.Settings s) {
        return DiffusionTraining.train(IMAGES, N, SHAPE, 0, 200, s, (d, t) -> { });
    }

    private static float[] weights(DiffusionModel m) {
        return m.toArtifact().tensors().get("out_conv.weight").toFloats();
    }

    @Test
    void theLossFallsAndTheSameSeedGivesTheSameModel() {
        DiffusionModel a = train(settings(6, 0.99, 1, Prediction.EPSILON, 5));
        List<Double> loss = a.loss();
        assertEquals(6, loss.size());
        assertTrue(loss.get(5) < 0.6 * loss.get(0), "loss " + loss);
        DiffusionModel b = train(settings(6, 0.99, 1, Prediction.EPSILON, 5));
        assertArrayEquals(weights(a), weights(b), 0f, "seeded: identical weights");
        assertEquals(loss, b.loss());
        DiffusionModel c = train(settings(6, 0.99, 1, Prediction.EPSILON, 6));
        assertFalse(java.util.Arrays.equals(weights(a), weights(c)), "another seed, other weights");
    }

    @Test
    void emaClippingAndThePredictionTargetEachChangeTheModel() {
        float[] base = weights(train(settings(2, 0.99, 1, Prediction.EPSILON, 5)));
        assertFalse(java.util.Arrays.equals(base, weights(train(settings(2, 0, 1, Prediction.EPSILON, 5)))), "EMA off");
        assertFalse(java.util.Arrays.equals(base, weights(train(settings(2, 0.99, 0, Prediction.EPSILON, 5)))), "no clipping");
        DiffusionModel v = train(settings(2, 0.99, 1, Prediction.V, 5));
        assertFalse(java.util.Arrays.equals(base, weights(v)), "v-prediction");
        assertEquals("v", v.toArtifact().metadata().get("output"));
    }

    @Test
    void theModelIsASelfDescribingNetworkArtifactWithPyTorchNames(@TempDir Path dir) throws Exception {
        DiffusionModel m = train(settings(1, 0.99, 1, Prediction.V, 5));
        ModelArtifact a = m.toArtifact();
        assertEquals(NetworkFile.ARTIFACT_KIND, a.kind());
        assertEquals("diffusion", a.metadata().get("task"));
        assertEquals("linear", a.metadata().get("schedule"));
        Map<String, TensorData> t = a.tensors();
        for (String name : List.of("inc.weight", "time_mlp.1.weight", "time_mlp.3.bias", "down.0.res.conv1.weight", "down.0.res.time_proj.weight",
                "down.0.down.weight", "mid.res1.norm1.weight", "up.0.res.skip.weight", "up.1.upsample.weight", "out_conv.bias")) {
            assertTrue(t.containsKey(name), name + " in " + t.keySet());
        }
        Path file = dir.resolve("model.safetensors");
        a.save(file);
        Module rebuilt = NetworkFile.load(file);
        assertTrue(rebuilt instanceof UNet);
        DiffusionModel back = DiffusionModel.fromArtifact(ModelArtifact.load(file));
        assertEquals(Prediction.V, back.prediction());
        assertArrayEquals(SHAPE, back.sampleShape());
        assertEquals(m.schedule(), back.schedule());
        assertEquals(m.loss(), back.loss());
        float[] x = Disks.images(2, SIZE, 9);
        assertArrayEquals(m.asSamplerModel(new int[] {SIZE, SIZE}).predict(x, 2, 500), back.asSamplerModel(new int[] {SIZE, SIZE}).predict(x, 2, 500), 0f);
        assertTrue(Files.size(file) > 10_000);
    }

    @Test
    void badSettingsAndDataAreRefusedWithTheirName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings(1, 1.0, 1, Prediction.EPSILON, 1));
        assertTrue(e.getMessage().contains("EMA decay"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new DiffusionTraining.Settings(1, 4, 1e-3, 0, 0, Prediction.EPSILON,
                "quadratic", 1000, new int[] {8}, 1));
        assertEquals("Unknown noise schedule 'quadratic': use linear, cosine or scaled-linear", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DiffusionTraining.train(new float[10], 2, SHAPE, 0, 1,
                settings(1, 0, 0, Prediction.EPSILON, 1), (d, t) -> { }));
        assertEquals("Diffusion training: 10 values are not 2 images of [1, 16, 16]", e.getMessage());
        assertEquals(8, DiffusionTraining.groups(new int[] {16, 32}));
        assertEquals(6, DiffusionTraining.groups(new int[] {12, 24}));
        assertEquals(1, DiffusionTraining.groups(new int[] {7, 16}));
    }
}
