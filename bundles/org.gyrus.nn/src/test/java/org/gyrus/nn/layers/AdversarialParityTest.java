package org.gyrus.nn.layers;

import static org.gyrus.nn.testsupport.Reference.assertClose;
import static org.gyrus.nn.testsupport.Reference.tensor;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.gyrus.nn.Losses;
import org.gyrus.nn.testsupport.Reference;
import org.gyrus.nn.Tensor;
import org.junit.jupiter.api.Test;

/** fgsm.json: input gradients, FGSM and 5-step PGD on the MLP as a 4-class classifier. */
class AdversarialParityTest {

    private static final JsonNode REF = Reference.load("fgsm.json");

    private static float[] inputGradient(Sequential model, Tensor x, int[] labels) {
        Tensor xi = x.detach().copy().requiresGrad(true);
        Losses.crossEntropy(model.forward(xi), labels).backward();
        return xi.grad();
    }

    @Test
    void fgsmMatchesPyTorch() throws IOException {
        Sequential model = MlpParityTest.mlp();
        Tensor x = tensor(REF.get("x"));
        int[] labels = Reference.ints(REF.get("labels"));
        float eps = (float) REF.get("eps").asDouble();
        float[] g = inputGradient(model, x, labels);
        assertClose("grad_x", tensor(REF.get("grad_x")).data(), g, 1e-5);
        float[] adv = x.toArray();
        for (int i = 0; i < adv.length; i++) {
            adv[i] = Math.min(1f, Math.max(0f, adv[i] + eps * Math.signum(g[i])));
        }
        assertClose("x_fgsm", tensor(REF.get("x_fgsm")).data(), adv, 1e-5);
    }

    @Test
    void pgdMatchesPyTorch() throws IOException {
        Sequential model = MlpParityTest.mlp();
        JsonNode pgd = REF.get("pgd");
        Tensor x = tensor(REF.get("x"));
        int[] labels = Reference.ints(REF.get("labels"));
        float eps = (float) pgd.get("eps").asDouble();
        float alpha = (float) pgd.get("step_size").asDouble();
        float[] x0 = x.toArray();
        Tensor adv = x.copy();
        for (int s = 0; s < pgd.get("steps").asInt(); s++) {
            float[] g = inputGradient(model, adv, labels);
            float[] a = adv.data();
            for (int i = 0; i < a.length; i++) {
                float v = a[i] + alpha * Math.signum(g[i]);
                v = Math.min(x0[i] + eps, Math.max(x0[i] - eps, v));
                a[i] = Math.min(1f, Math.max(0f, v));
            }
        }
        assertClose("pgd x_adv", tensor(pgd.get("x_adv")).data(), adv.data(), 1e-5);
    }
}
