package org.gyrus.adversarial.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.gyrus.data.Column;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Report;
import org.gyrus.data.Table;
import org.gyrus.nn.Losses;
import org.gyrus.nn.Tensor;
import org.gyrus.nn.io.TensorData;
import org.gyrus.nn.layers.Activation;
import org.gyrus.nn.layers.Flatten;
import org.gyrus.nn.layers.Linear;
import org.gyrus.nn.layers.Module;
import org.gyrus.nn.layers.NetworkFile;
import org.gyrus.nn.layers.Sequential;
import org.gyrus.nn.optim.Adam;
import org.gyrus.pipeline.NodeRun;
import org.gyrus.pipeline.NodeType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evidence on scikit-learn's digits (pixels in [0, 1]), seeded: an MLP trained here is
 * accurate, FGSM at ε = 0.1 breaks it, PGD-10 breaks it at least as much, the one-pixel attack flips
 * some images, and adversarial training (PGD, and the fast FGSM method) restores PGD accuracy, on 450
 * test images that no network trained on.
 *
 * <p>The network is trained the way the learning bundle's MLP classifier asks to be used: on
 * standardised pixels (Linear 64 → 64, ReLU, Linear 64 → 10, Adam); the scaler is then folded into
 * the first layer (W / σ, b − W μ / σ), which gives exactly the same network reading raw pixels, so
 * that ε is in pixel units.
 */
class DigitsEvidenceTest {

    private static Digits train;
    private static Digits test;
    private static ModelArtifact clean;

    @BeforeAll
    static void trainTheCleanNetwork() {
        Digits[] split = Digits.split();
        train = split[0];
        test = split[1];
        int n = train.n();
        int p = Digits.PIXELS;
        float[] mean = new float[p];
        float[] sd = new float[p];
        for (int j = 0; j < p; j++) {
            double s = 0;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                s += train.x[i * p + j];
            }
            double m = s / n;
            for (int i = 0; i < n; i++) {
                double d = train.x[i * p + j] - m;
                ss += d * d;
            }
            double v = Math.sqrt(ss / n);
            mean[j] = (float) m;
            sd[j] = v == 0 ? 1f : (float) v;
        }
        float[] z = new float[n * p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                z[i * p + j] = (train.x[i * p + j] - mean[j]) / sd[j];
            }
        }
        Random random = new Random(1);
        Sequential standardised = new Sequential(new Linear(p, 64, random), Activation.relu(), new Linear(64, 10, random));
        // 30 epochs of Adam (1e-3) in shuffled batches of 32.
        Adam adam = new Adam(standardised.parameters(), 1e-3);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        for (int epoch = 0; epoch < 30; epoch++) {
            java.util.Collections.shuffle(order, random);
            for (int start = 0; start < n; start += 32) {
                int m = Math.min(32, n - start);
                float[] xb = new float[m * p];
                int[] yb = new int[m];
                for (int i = 0; i < m; i++) {
                    System.arraycopy(z, order.get(start + i) * p, xb, i * p, p);
                    yb[i] = train.labels[order.get(start + i)];
                }
                adam.zeroGrad();
                Losses.crossEntropy(standardised.forward(Tensor.of(xb, m, p)), yb).backward();
                adam.step();
            }
        }
        Map<String, TensorData> state = standardised.stateDict();
        float[] w = state.get("0.weight").toFloats();
        float[] b = state.get("0.bias").toFloats();
        float[] w1 = new float[w.length];
        float[] b1 = b.clone();
        for (int h = 0; h < 64; h++) {
            for (int j = 0; j < p; j++) {
                w1[h * p + j] = w[h * p + j] / sd[j];
                b1[h] -= w1[h * p + j] * mean[j];
            }
        }
        Module pixels = new Sequential(new Flatten(), new Linear(p, 64, random), Activation.relu(), new Linear(64, 10, random));
        pixels.loadStateDict(Map.of("1.weight", TensorData.ofFloats(w1, 64, p), "1.bias", TensorData.ofFloats(b1, 64),
                "3.weight", state.get("2.weight"), "3.bias", state.get("2.bias")));
        List<String> classes = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            classes.add(Integer.toString(k));
        }
        ModelArtifact.Builder a = ModelArtifact.builder(NetworkFile.ARTIFACT_KIND)
                .metadata(NetworkFile.ARTIFACT_ENTRY, NetworkFile.describeAsObject(pixels))
                .metadata("task", "classification").metadata("output", "logits").metadata("classes", classes);
        pixels.stateDict().forEach(a::tensor);
        clean = a.build();
    }

    private static Map<String, Object> run(NodeType node, ModelArtifact model, Digits d, Map<String, Object> parameters) throws Exception {
        NodeRun.Builder b = NodeRun.builder(node.descriptor()).nodeId("digits").seed(7)
                .input("model", model).input("samples", d.matrix()).input("labels", d.labelsTable()).parameter("range", "0,1");
        parameters.forEach(b::parameter);
        return b.build().execute(node);
    }

    /** The value of column {@code name} in the row of the curve table for attack {@code attack} at {@code eps} (NaN: any). */
    static double at(Table curve, String attack, double eps, String name) {
        Column attacks = curve.column("attack");
        NumericColumn epsilons = curve.numeric("epsilon");
        for (int r = 0; r < curve.rowCount(); r++) {
            if (attacks.format(r).equals(attack) && (Double.isNaN(eps) || epsilons.get(r) == eps)) {
                return curve.numeric(name).get(r);
            }
        }
        throw new AssertionError("no row for " + attack + " at " + eps + " in " + curve);
    }

    @Test
    void fgsmAndPgdBreakTheNetworkAndOnePixelFlipsSomeDigits(@TempDir Path dir) throws Exception {
        Map<String, Object> out = run(new RobustnessReportNode(), clean, test, Map.of("attacks", "fgsm, pgd, one-pixel",
                "epsilons", "0.05, 0.1", "onePixelSamples", 60, "population", 100, "iterations", 20, "pixels", 1));
        Table curve = (Table) out.get("curve");
        double accuracy = at(curve, "none", 0, "accuracy");
        double fgsm = at(curve, "fgsm", 0.1, "accuracy");
        double pgd = at(curve, "pgd", 0.1, "accuracy");
        double onePixel = at(curve, "one-pixel", Double.NaN, "success_rate");
        System.out.printf("digits: clean %.3f, FGSM(0.1) %.3f, PGD-10(0.1) %.3f, one-pixel success rate %.3f (%d images)%n", accuracy, fgsm,
                pgd, onePixel, (int) at(curve, "one-pixel", Double.NaN, "attacked"));
        assertTrue(accuracy >= 0.95, "clean accuracy " + accuracy);
        assertTrue(fgsm < 0.4, "FGSM at 0.1: " + fgsm);
        assertTrue(pgd <= fgsm, "PGD-10 at least as strong as FGSM: " + pgd + " vs " + fgsm);
        assertTrue(at(curve, "fgsm", 0.05, "accuracy") >= fgsm, "accuracy falls as ε grows");
        // A network fitted on standardised pixels is very sensitive to pixels that are almost always blank
        // (σ near 0): one such pixel set bright flips most digits.
        assertTrue(onePixel > 0, "the one-pixel attack flips some digits: " + onePixel);
        assertTrue(at(curve, "one-pixel", Double.NaN, "max_linf") > 0.1, "it changes one pixel by a lot");
        assertTrue(at(curve, "fgsm", 0.1, "max_linf") <= 0.1 + 1e-6 && at(curve, "pgd", 0.1, "max_linf") <= 0.1 + 1e-6);
        double low = at(curve, "fgsm", 0.1, "success_low");
        double high = at(curve, "fgsm", 0.1, "success_high");
        double rate = at(curve, "fgsm", 0.1, "success_rate");
        assertTrue(low < rate && rate < high, "the success rate lies inside its interval");

        Table breakdown = (Table) out.get("breakdown");
        int classRows = 0;
        for (int r = 0; r < breakdown.rowCount(); r++) {
            classRows += breakdown.column("by").format(r).equals("class") && breakdown.column("attack").format(r).equals("pgd")
                    && breakdown.numeric("epsilon").get(r) == 0.1 ? 1 : 0;
        }
        assertEquals(10, classRows, "one row per digit");

        ((Report) out.get("report")).writeTo(dir);
        // A copy to look at after the build.
        ((Report) out.get("report")).writeTo(Path.of("target", "digits-robustness-report"));
        for (String f : new String[] {"figures/robustness_curve.png", "figures/examples_fgsm.png", "figures/examples_pgd.png",
            "figures/examples_one_pixel.png", "tables/robustness_curve.csv", "tables/robustness_breakdown.csv"}) {
            assertTrue(Files.size(dir.resolve(f)) > 100, f);
        }
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("success rate"), md);
    }

    @Test
    void adversarialTrainingRestoresPgdAccuracyAndReportsItsCleanCost() throws Exception {
        Map<String, Object> before = run(new RobustnessReportNode(), clean, test, Map.of("attacks", "pgd", "epsilons", "0.1", "examples", 0));
        double pgdBefore = at((Table) before.get("curve"), "pgd", 0.1, "accuracy");
        double cleanBefore = at((Table) before.get("curve"), "none", 0, "accuracy");
        for (String method : new String[] {"pgd", "fgsm-rs"}) {
            Map<String, Object> trained = run(new AdversarialTrainingNode(), clean, train, Map.of("method", method, "epsilon", 0.1,
                    "start", "fresh", "epochs", method.equals("pgd") ? 15 : 20, "holdout", 0.0));
            ModelArtifact robust = (ModelArtifact) trained.get("model");
            assertEquals(AdversarialTrainingNode.ID, robust.metadata().get("trained_by"));
            assertEquals(clean.metadata().get("classes"), robust.metadata().get("classes"), "the metadata carry over");
            Table after = (Table) run(new RobustnessReportNode(), robust, test, Map.of("attacks", "pgd", "epsilons", "0.1", "examples", 0))
                    .get("curve");
            double pgdAfter = at(after, "pgd", 0.1, "accuracy");
            double cleanAfter = at(after, "none", 0, "accuracy");
            System.out.printf("digits, adversarial training (%s): clean %.3f -> %.3f, PGD-10(0.1) %.3f -> %.3f%n", method, cleanBefore,
                    cleanAfter, pgdBefore, pgdAfter);
            assertTrue(pgdAfter >= pgdBefore + 0.3, method + ": PGD accuracy " + pgdBefore + " -> " + pgdAfter);
            Table comparison = (Table) trained.get("comparison");
            assertEquals(2, comparison.rowCount());
            assertTrue(comparison.numeric("pgd_accuracy").get(1) > comparison.numeric("pgd_accuracy").get(0) + 0.3,
                    "the node's own comparison shows the gain");
            String text = ((Report) trained.get("report")).items().get(0).toString();
            assertTrue(text.contains("a cost of") && text.contains("a gain of"), text);
        }
    }
}
