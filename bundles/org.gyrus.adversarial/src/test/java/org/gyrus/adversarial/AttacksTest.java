package org.gyrus.adversarial;

import static org.gyrus.adversarial.Reference.floats;
import static org.gyrus.adversarial.Reference.ints;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import org.gyrus.nn.Losses;
import org.gyrus.nn.NoGrad;
import org.gyrus.nn.Tensor;
import org.gyrus.nn.layers.Activation;
import org.gyrus.nn.layers.AdaptiveAvgPool3d;
import org.gyrus.nn.layers.Conv3d;
import org.gyrus.nn.layers.Flatten;
import org.gyrus.nn.layers.Linear;
import org.gyrus.nn.layers.Module;
import org.gyrus.nn.layers.NetworkFile;
import org.gyrus.nn.layers.Sequential;
import org.gyrus.nn.linalg.Parallel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the attacks promise beyond the PyTorch cases: targeted sign, L2 steps, restarts, volumes, refusals. */
class AttacksTest {

    private static final Map<String, Object> FGSM = Reference.json("fgsm.json");

    private static double loss(Classifier c, Module net, float[] x, int[] labels) {
        try (NoGrad g = Tensor.noGrad()) {
            return Losses.crossEntropy(net.forward(Tensor.wrap(x.clone(), c.batchShape(labels.length))), labels).item();
        }
    }

    @Test
    void targetedFgsmDescendsTheTargetLossAndUntargetedAscendsTheTrueLoss() throws IOException {
        Module net = NetworkFile.load(Reference.file("mlp_network.safetensors"));
        Classifier mlp = new Classifier(net, 8);
        float[] x = floats(FGSM.get("x"));
        int[] labels = ints(FGSM.get("labels"));
        int[] targets = {3, 2, 1, 0, 3, 2};
        float[] g = mlp.lossGradient(x, targets);
        float[] adv = new Fgsm(0.05f, Norm.INF, true, 0, 1).perturb(mlp, x, targets);
        for (int i = 0; i < x.length; i++) {
            assertEquals(Math.min(1f, Math.max(0f, x[i] - 0.05f * Math.signum(g[i]))), adv[i], 0f, "x - eps sign(grad of target loss)");
        }
        assertTrue(loss(mlp, net, adv, targets) < loss(mlp, net, x, targets), "the target's loss falls");
        float[] up = new Fgsm(0.05f, Norm.INF, false, 0, 1).perturb(mlp, x, labels);
        assertTrue(loss(mlp, net, up, labels) > loss(mlp, net, x, labels), "the true class's loss rises");
    }

    @Test
    void batchesSideBySideOrInTurnGiveEachSampleWhatItGetsAlone() throws IOException {
        Classifier mlp = Reference.classifier("mlp_network.safetensors", 8);
        Random random = new Random(3);
        int before = Parallel.threads();
        // Two threads: batches side by side (300 samples: one batch per thread; 300,001: four
        // batches claimed by two threads, each reusing its buffers, the last batch shorter). One
        // thread: 140,001 samples of 8 make two batches in turn, the second one sample shorter.
        for (int[] setting : new int[][] {{2, 300}, {2, 300_001}, {1, 140_001}}) {
            int n = setting[1];
            float[] x = new float[n * 8];
            int[] labels = new int[n];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextFloat();
            }
            for (int s = 0; s < n; s++) {
                labels[s] = random.nextInt(mlp.classes());
            }
            // L∞: with L2, ART's 1e-7 added to the norm of the whole batch's mean gradient makes a
            // sample's step depend (by ~1e-5 here) on how many samples share the batch.
            Fgsm fgsm = new Fgsm(0.1f, Norm.INF, false, 0, 1);
            Pgd pgd = new Pgd(0.3f, 0.1f, 3, Norm.INF, false, false, 1, 0, 1, 0);
            float[] grad;
            float[] fgsmAdv;
            float[] pgdAdv;
            Parallel.setThreads(setting[0]);
            try {
                grad = mlp.lossGradient(x, labels);
                fgsmAdv = fgsm.perturb(mlp, x, labels);
                pgdAdv = pgd.perturb(mlp, x, labels);
            } finally {
                Parallel.setThreads(before);
            }
            for (int k = 0; k < 40; k++) {
                int s = k < 2 ? (k == 0 ? 0 : n - 1) : random.nextInt(n);
                float[] xs = java.util.Arrays.copyOfRange(x, s * 8, s * 8 + 8);
                int[] ys = {labels[s]};
                float[] g = mlp.lossGradient(xs, ys);
                float[] f = fgsm.perturb(mlp, xs, ys);
                float[] p = pgd.perturb(mlp, xs, ys);
                for (int i = 0; i < 8; i++) {
                    String where = n + " samples on " + setting[0] + " threads, sample " + s + " value " + i;
                    assertEquals(g[i], grad[s * 8 + i] * n, 1e-5, "gradient, " + where);
                    assertEquals(f[i], fgsmAdv[s * 8 + i], 1e-5, "FGSM, " + where);
                    assertEquals(p[i], pgdAdv[s * 8 + i], 1e-5, "PGD, " + where);
                }
            }
        }
    }

    @Test
    void l2FgsmMovesEachSampleByEpsilonAndTheRangeClips() throws IOException {
        Classifier mlp = Reference.classifier("mlp_network.safetensors", 8);
        float[] x = new float[6 * 8];
        java.util.Arrays.fill(x, 0.5f);
        for (int i = 0; i < x.length; i++) {
            x[i] += 0.01f * (i % 5);
        }
        int[] labels = ints(FGSM.get("labels"));
        AttackResult r = new Fgsm(0.2f, Norm.L2, false, 0, 1).attack(mlp, x, labels);
        for (int s = 0; s < 6; s++) {
            assertEquals(0.2, r.l2()[s], 1e-5, "sample " + s + " moves by eps in L2");
        }
        AttackResult clipped = new Fgsm(0.9f, Norm.INF, false, 0.4f, 0.6f).attack(mlp, x, labels);
        for (float v : clipped.adversarial()) {
            assertTrue(v == 0.4f || v == 0.6f, "clipped to [0.4, 0.6]: " + v);
        }
    }

    @Test
    void pgdIsSeededAndRestartsOnlyAddSuccesses() throws IOException {
        Classifier cnn = Reference.classifier("cnn_network.safetensors", 1, 6, 6);
        float[] x = floats(Reference.json("pgd.json").get("x"));
        int[] labels = Classifier.argmax(cnn.probabilities(x), 3);
        Pgd one = new Pgd(0.05f, 0.01f, 5, Norm.INF, false, true, 1, 0, 1, 7);
        Pgd three = new Pgd(0.05f, 0.01f, 5, Norm.INF, false, true, 3, 0, 1, 7);
        AttackResult a = one.attack(cnn, x, labels);
        assertArrayEquals(a.adversarial(), one.attack(cnn, x, labels).adversarial(), "same seed, same result");
        assertFalse(java.util.Arrays.equals(a.adversarial(),
                new Pgd(0.05f, 0.01f, 5, Norm.INF, false, true, 1, 0, 1, 8).attack(cnn, x, labels).adversarial()), "the seed matters");
        AttackResult b = three.attack(cnn, x, labels);
        for (int s = 0; s < a.size(); s++) {
            assertTrue(!a.success()[s] || b.success()[s], "a restart never loses a success (sample " + s + ")");
            assertTrue(b.linf()[s] <= 0.05 + 1e-6);
        }
        AttackResult fixedStart = new Pgd(0.05f, 0.01f, 5, Norm.INF, false, false, 1, 0, 1, 7).attack(cnn, x, labels);
        assertFalse(java.util.Arrays.equals(a.adversarial(), fixedStart.adversarial()), "random start changes the result");
    }

    @Test
    void pgdAttacksVolumesInBothBalls(@TempDir Path dir) throws IOException {
        Random random = new Random(3);
        Module net = new Sequential(new Conv3d(1, 2, 3, 1, 1, random), Activation.relu(), new AdaptiveAvgPool3d(1, 1, 1),
                new Flatten(), new Linear(2, 2, random));
        Path file = dir.resolve("net3d.safetensors");
        NetworkFile.save(net, file, Map.of());
        Module loaded = NetworkFile.load(file);
        Classifier c = new Classifier(loaded, 1, 4, 4, 4);
        float[] x = new float[3 * 64];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat();
        }
        int[] labels = Classifier.argmax(c.probabilities(x), 2);
        for (Norm norm : Norm.values()) {
            float eps = norm == Norm.INF ? 0.05f : 0.3f;
            AttackResult r = new Pgd(eps, eps / 4, 10, norm, false, false, 1, 0, 1, 0).attack(c, x, labels);
            assertEquals(3, r.size());
            for (int s = 0; s < 3; s++) {
                assertTrue((norm == Norm.INF ? r.linf()[s] : r.l2()[s]) <= eps + 1e-5, norm + " ball");
            }
            for (float v : r.adversarial()) {
                assertTrue(v >= 0 && v <= 1);
            }
            assertTrue(loss(c, loaded, r.adversarial(), labels) > loss(c, loaded, x, labels), norm + ": the loss rises");
        }
    }

    @Test
    void refusesAShapeTheNetworkDoesNotTakeANegativeEpsilonAndForeignLabels() throws IOException {
        Module net = NetworkFile.load(Reference.file("cnn_network.safetensors"));
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> new Classifier(net, 1, 8, 8));
        assertTrue(shape.getMessage().contains("does not accept samples of shape [1, 8, 8]"), shape.getMessage());
        IllegalArgumentException eps = assertThrows(IllegalArgumentException.class, () -> new Fgsm(-0.1f, Norm.INF, false, 0, 1));
        assertTrue(eps.getMessage().contains("epsilon must be a finite number >= 0"), eps.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Pgd(0.1f, 0.01f, 5, Norm.INF, false, false, 3, 0, 1, 0));
        Classifier c = new Classifier(net, 1, 6, 6);
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class, () -> c.lossGradient(new float[36], new int[] {5}));
        assertTrue(label.getMessage().contains("label 5 is not a class"), label.getMessage());
    }

    /** A classifier whose scores are cut off from its input (as a rounding or look-up layer would be). */
    private static final class Detached extends Module {
        private final Linear linear = new Linear(4, 2, new Random(1));

        @Override
        public Tensor forward(Tensor input) {
            return linear.forward(input.detach());
        }
    }

    @Test
    void aGradientAttackRefusesANetworkWithoutAnInputGradient() {
        Classifier c = new Classifier(new Detached(), 4);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new Fgsm(0.1f, Norm.INF, false, 0, 1).perturb(c, new float[8], new int[] {0, 1}));
        assertTrue(e.getMessage().contains("a gradient attack cannot run on it"), e.getMessage());
        // The one-pixel attack needs no gradient and still runs.
        assertEquals(2, new OnePixel(1, 4, 1, false, 0, 1, 0).attack(c, new float[8], new int[] {0, 1}).size());
    }
}
