package org.gyrus.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.gyrus.data.ModelArtifact;
import org.gyrus.data.TextColumn;
import org.gyrus.nn.layers.NetworkFile;
import org.gyrus.nn.train.History;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MlpClassifierTest {

    private static float[] floats(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }

    private static ClassifierNetwork fit(long seed, int patience) {
        Fixtures.Data d = Fixtures.penguins();
        Labels y = Labels.of(new TextColumn("species", d.labels()), null, r -> d.ids()[r]);
        return new MlpClassifier(new int[] {16}, new NetworkTraining(0.01, 1e-4, 150, 32, 0.2, patience, seed)).fit(floats(d.x()), d.n(), d.p(), y, d.features());
    }

    @Test
    void learnsThePenguinsAndStopsEarlyOnTheValidationLoss() {
        Fixtures.Data d = Fixtures.penguins();
        ClassifierNetwork m = fit(1, 5);
        History h = m.history();
        assertEquals(h.trainLoss().size(), h.validationLoss().size());
        assertEquals(History.Stop.EARLY_STOPPED, h.stop(), "with patience 5 the validation loss stops improving within 150 epochs");
        assertTrue(h.trainLoss().size() < 150);
        assertEquals(h.bestLoss(), h.validationLoss().get(h.bestEpoch() - 1));
        assertTrue(h.trainLoss().get(h.trainLoss().size() - 1) < 0.5 * h.trainLoss().get(0), "the loss falls");
        double[][] p = m.predictProba(floats(d.x()), d.n());
        Labels y = Labels.of(new TextColumn("species", d.labels()), null, r -> d.ids()[r]);
        int right = 0;
        for (int i = 0; i < d.n(); i++) {
            int best = 0;
            for (int k = 1; k < 3; k++) {
                best = p[k][i] > p[best][i] ? k : best;
            }
            right += best == y.codes()[i] ? 1 : 0;
            assertEquals(1, p[0][i] + p[1][i] + p[2][i], 1e-9);
        }
        assertTrue(right > 0.95 * d.n(), right + " of " + d.n());
    }

    @Test
    void theSeedDeterminesTheNetwork() {
        ModelArtifact a = fit(3, 5).toArtifact();
        ModelArtifact b = fit(3, 5).toArtifact();
        ModelArtifact c = fit(4, 5).toArtifact();
        assertEquals(a.tensors(), b.tensors());
        assertNotEquals(a.tensors(), c.tensors());
    }

    @Test
    void savedAsASelfDescribingNetwork(@TempDir Path dir) throws Exception {
        Fixtures.Data d = Fixtures.penguins();
        ClassifierNetwork m = fit(2, 5);
        Path file = dir.resolve("mlp.safetensors");
        m.toArtifact().save(file);
        ModelArtifact loaded = ModelArtifact.load(file);
        assertEquals(NetworkFile.ARTIFACT_KIND, loaded.kind());
        assertEquals(java.util.List.of("Adelie", "Chinstrap", "Gentoo"), loaded.strings("classes"));
        assertFalse(loaded.get("train_loss", java.util.List.class).isEmpty());
        ClassifierNetwork back = ClassifierNetwork.fromArtifact(loaded);
        double[][] p = m.predictProba(floats(d.x()), d.n());
        double[][] q = back.predictProba(floats(d.x()), d.n());
        for (int k = 0; k < 3; k++) {
            assertArrayEquals(p[k], q[k], 0.0);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassifierNetwork.fromArtifact(ModelArtifact.builder(NetworkFile.ARTIFACT_KIND).metadata("task", "segmentation").build()));
        assertTrue(e.getMessage().contains("segmentation"), e.getMessage());
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MlpClassifier(new int[0], new NetworkTraining(0.01, 0, 10, 8, 0.2, 3, 1)));
        assertThrows(IllegalArgumentException.class, () -> new NetworkTraining(0.01, 0, 10, 8, 1.0, 3, 1));
    }
}
