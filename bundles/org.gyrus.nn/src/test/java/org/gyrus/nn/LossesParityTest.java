package org.gyrus.nn;

import org.gyrus.nn.testsupport.Reference;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The five losses of losses.json: value and input gradient against PyTorch 1.13. */
class LossesParityTest {

    @TestFactory
    Stream<DynamicTest> everyLossMatchesPyTorch() {
        JsonNode ref = Reference.load("losses.json");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : ref.get("cases")) {
            String name = c.get("loss").asText();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                Tensor x = Reference.tensor(c.get("input")).requiresGrad(true);
                Tensor loss = switch (name) {
                    case "cross_entropy_mean" -> Losses.crossEntropy(x, Reference.ints(c.get("target").get("data")));
                    case "mse_mean" -> Losses.mse(x, Reference.tensor(c.get("target")));
                    case "l1_mean" -> Losses.l1(x, Reference.tensor(c.get("target")));
                    case "bce_mean" -> Losses.bce(x, Reference.tensor(c.get("target")));
                    case "bce_with_logits_mean" -> Losses.bceWithLogits(x, Reference.tensor(c.get("target")));
                    default -> throw new IllegalArgumentException(name);
                };
                loss.backward();
                Reference.assertClose(name + " value", c.get("value").asDouble(), loss.item(), 1e-5);
                Reference.assertClose(name + " grad", Reference.tensor(c.get("grad_input")), x.gradTensor(), 1e-5);
            }));
        }
        org.junit.jupiter.api.Assertions.assertEquals(5, tests.size());
        return tests.stream();
    }
}
