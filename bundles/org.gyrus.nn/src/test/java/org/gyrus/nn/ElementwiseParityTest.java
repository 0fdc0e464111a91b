package org.gyrus.nn;

import org.gyrus.nn.testsupport.Reference;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The 13 elementwise operations of elementwise.json: values and gradients against PyTorch 1.13. */
class ElementwiseParityTest {

    static UnaryOperator<Tensor> op(String name) {
        return switch (name) {
            case "relu" -> Tensor::relu;
            case "sigmoid" -> Tensor::sigmoid;
            case "tanh" -> Tensor::tanh;
            case "gelu" -> Tensor::gelu;
            case "gelu_tanh" -> Tensor::geluTanh;
            case "silu" -> Tensor::silu;
            case "exp" -> Tensor::exp;
            case "softplus" -> Tensor::softplus;
            case "leaky_relu_0.01" -> t -> t.leakyRelu(0.01f);
            case "elu" -> t -> t.elu(1f);
            case "softmax_lastdim" -> t -> t.softmax(-1);
            case "log_softmax_lastdim" -> t -> t.logSoftmax(-1);
            case "layer_norm_lastdim_noaffine" -> t -> t.layerNorm(t.dim(-1), null, null, 1e-5f);
            default -> throw new IllegalArgumentException("no op for " + name);
        };
    }

    @TestFactory
    Stream<DynamicTest> everyOpMatchesPyTorch() {
        JsonNode ref = Reference.load("elementwise.json");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : ref.get("cases")) {
            String name = c.get("op").asText();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                Tensor x = Reference.tensor(ref.get("x")).requiresGrad(true);
                Tensor w = Reference.tensor(ref.get("upstream_w"));
                Tensor y = op(name).apply(x);
                y.mul(w).sum().backward();
                Reference.assertClose(name + " value", Reference.tensor(c.get("y")), y, 1e-5);
                Reference.assertClose(name + " grad", Reference.tensor(c.get("grad_x")), x.gradTensor(), 1e-5);
            }));
        }
        org.junit.jupiter.api.Assertions.assertEquals(13, tests.size());
        return tests.stream();
    }
}
