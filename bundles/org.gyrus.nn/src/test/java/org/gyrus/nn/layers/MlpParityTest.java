package org.gyrus.nn.layers;

import static org.gyrus.nn.testsupport.Reference.assertClose;
import static org.gyrus.nn.testsupport.Reference.tensor;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.gyrus.nn.Losses;
import org.gyrus.nn.testsupport.Reference;
import org.gyrus.nn.Tensor;
import org.gyrus.nn.optim.Adam;
import org.gyrus.nn.optim.AdamW;
import org.gyrus.nn.optim.Optimizer;
import org.gyrus.nn.optim.Sgd;
import org.junit.jupiter.api.Test;

/** mlp.json: Linear(8,16) ReLU Linear(16,4) with the weights of mlp.safetensors, against PyTorch 1.13. */
class MlpParityTest {

    private static final JsonNode REF = Reference.load("mlp.json");

    static Sequential mlp() throws IOException {
        Sequential m = new Sequential(new Linear(8, 16, new Random(1)), Activation.relu(), new Linear(16, 4, new Random(2)));
        m.load(Reference.file("mlp.safetensors"));
        return m;
    }

    @Test
    void forwardAndBackward() throws IOException {
        Sequential m = mlp();
        Tensor x = tensor(REF.get("x")).requiresGrad(true);
        Tensor y = m.forward(x);
        assertClose("output", tensor(REF.get("output")), y, 1e-5);
        Tensor loss = Losses.mse(y, tensor(REF.get("y_target")));
        assertClose("mse", REF.get("mse").asDouble(), loss.item(), 1e-5);
        loss.backward();
        assertClose("grad_x", tensor(REF.get("grad_x")), x.gradTensor(), 1e-5);
        for (Map.Entry<String, Tensor> p : m.namedParameters().entrySet()) {
            assertClose("grad " + p.getKey(), tensor(REF.get("grads").get(p.getKey())), p.getValue().gradTensor(), 1e-5);
        }
    }

    private static void threeSteps(String key, Function<Sequential, Optimizer> make) throws IOException {
        Sequential m = mlp();
        Optimizer opt = make.apply(m);
        Tensor x = tensor(REF.get("x"));
        Tensor target = tensor(REF.get("y_target"));
        int step = 0;
        for (JsonNode s : REF.get(key).get("steps")) {
            opt.zeroGrad();
            Tensor loss = Losses.mse(m.forward(x), target);
            if (s.has("loss_before_step")) {
                assertClose(key + " loss before step " + step, s.get("loss_before_step").asDouble(), loss.item(), 1e-5);
            }
            loss.backward();
            opt.step();
            for (Map.Entry<String, Tensor> p : m.namedParameters().entrySet()) {
                assertClose(key + " step " + step + " " + p.getKey(), tensor(s.get("params_after").get(p.getKey())),
                        p.getValue(), 1e-5);
            }
            step++;
        }
        org.junit.jupiter.api.Assertions.assertEquals(3, step);
    }

    @Test
    void adamThreeSteps() throws IOException {
        JsonNode c = REF.get("adam");
        threeSteps("adam", m -> new Adam(m.parameters(), c.get("lr").asDouble(), c.get("betas").get(0).asDouble(),
                c.get("betas").get(1).asDouble(), c.get("eps").asDouble(), c.get("weight_decay").asDouble()));
    }

    @Test
    void sgdMomentumThreeSteps() throws IOException {
        JsonNode c = REF.get("sgd_momentum");
        threeSteps("sgd_momentum", m -> new Sgd(m.parameters(), c.get("lr").asDouble(), c.get("momentum").asDouble()));
    }

    @Test
    void adamWThreeSteps() throws IOException {
        JsonNode c = REF.get("adamw");
        threeSteps("adamw", m -> new AdamW(m.parameters(), c.get("lr").asDouble(), c.get("betas").get(0).asDouble(),
                c.get("betas").get(1).asDouble(), c.get("eps").asDouble(), c.get("weight_decay").asDouble()));
    }
}
