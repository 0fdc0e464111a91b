package org.gyrus.adversarial;

import static org.gyrus.adversarial.Reference.assertClose;
import static org.gyrus.adversarial.Reference.floats;
import static org.gyrus.adversarial.Reference.ints;
import static org.gyrus.adversarial.Reference.map;
import static org.gyrus.adversarial.Reference.number;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The attacks equal PyTorch's on committed cases (testdata/README.md), to 1e-5 in float32, on
 * networks rebuilt from network files alone.
 */
class ParityTest {

    private static final double TOLERANCE = 1e-5;

    @Test
    void fgsmAndPgdEqualPyTorchOnTheSharedMlpCase() throws IOException {
        Map<String, Object> ref = Reference.json("fgsm.json");
        Classifier mlp = Reference.classifier("mlp_network.safetensors", 8);
        float[] x = floats(ref.get("x"));
        int[] labels = ints(ref.get("labels"));
        float eps = (float) number(ref, "eps");
        assertClose("grad_x", floats(ref.get("grad_x")), mlp.lossGradient(x, labels), TOLERANCE);
        float[] adv = new Fgsm(eps, Norm.INF, false, 0, 1).perturb(mlp, x, labels);
        assertClose("x_fgsm", floats(ref.get("x_fgsm")), adv, TOLERANCE);

        Map<String, Object> p = map(ref, "pgd");
        Pgd pgd = new Pgd((float) number(p, "eps"), (float) number(p, "step_size"), ((Number) p.get("steps")).intValue(),
                Norm.INF, false, false, 1, 0, 1, 0);
        assertClose("pgd x_adv", floats(p.get("x_adv")), pgd.perturb(mlp, x, labels), TOLERANCE);
    }

    @Test
    void pgdEqualsPyTorchInBothBallsFromAnExplicitStartOnAConvolutionalNetwork() throws IOException {
        Map<String, Object> ref = Reference.json("pgd.json");
        Classifier cnn = Reference.classifier("cnn_network.safetensors", 1, 6, 6);
        float[] x = floats(ref.get("x"));
        assertClose("probabilities", softmax(floats(ref.get("logits")), 3), cnn.probabilities(x), TOLERANCE);
        for (String name : new String[] {"linf", "l2"}) {
            Map<String, Object> c = map(map(ref, "cases"), name);
            Norm norm = Norm.parse((String) c.get("norm"));
            boolean targeted = (Boolean) c.get("targeted");
            float eps = (float) number(c, "eps");
            Pgd pgd = new Pgd(eps, (float) number(c, "step_size"), ((Number) c.get("steps")).intValue(), norm, targeted, true, 1, 0, 1, 0);
            float[] adv = pgd.run(cnn, x, ints(c.get("labels")), floats(c.get("delta0")));
            assertClose(name + " x_adv", floats(c.get("x_adv")), adv, TOLERANCE);
            AttackResult r = AttackResult.of(cnn, x, adv, ints(c.get("labels")), targeted);
            for (int s = 0; s < r.size(); s++) {
                assertTrue((norm == Norm.INF ? r.linf()[s] : r.l2()[s]) <= eps + 1e-5, name + " stays in the ball");
            }
        }
    }

    private static float[] softmax(float[] logits, int k) {
        float[] q = new float[logits.length];
        for (int s = 0; s < logits.length / k; s++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, logits[s * k + j]);
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += Math.exp(logits[s * k + j] - max);
            }
            for (int j = 0; j < k; j++) {
                q[s * k + j] = (float) (Math.exp(logits[s * k + j] - max) / sum);
            }
        }
        return q;
    }
}
