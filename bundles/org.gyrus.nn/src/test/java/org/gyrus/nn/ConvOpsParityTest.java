package org.gyrus.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gyrus.nn.testsupport.Reference;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * conv_ops.json + conv_ops.safetensors (gen_conv_refs.py, PyTorch 1.13): every convolution,
 * pooling, normalisation and resampling case, output and gradients of
 * {@code sum(output * linspace(-1, 1, n))} with respect to each input.
 *
 * <p>Tolerance 1e-4 relative (with the engine's usual floor of 1 % of the largest magnitude): the
 * same as the composite layers, because the sums of a convolution run in another order than
 * PyTorch's. Max-pooling indices are compared exactly through the gradient, which must land on
 * the same element of each window, ties included.
 */
class ConvOpsParityTest {

    static final double RTOL = 1e-4;

    static int[] ints(JsonNode n) {
        return Reference.ints(n);
    }

    /** Padding "same" as PyTorch: total dilation*(k-1), the odd one extra at the end. */
    static int[][] samePadding(int[] kernel, int[] dilation) {
        int[] before = new int[kernel.length];
        int[] after = new int[kernel.length];
        for (int i = 0; i < kernel.length; i++) {
            int total = dilation[i] * (kernel[i] - 1);
            before[i] = total / 2;
            after[i] = total - before[i];
        }
        return new int[][] {before, after};
    }

    static Tensor apply(String op, JsonNode a, Map<String, Tensor> in) {
        Tensor x = in.get("x");
        switch (op) {
            case "conv1d", "conv2d", "conv3d" -> {
                Tensor w = in.get("weight");
                int[] kernel = java.util.Arrays.copyOfRange(w.shape(), 2, w.rank());
                int[] dil = ints(a.get("dilation"));
                int[][] pad = a.get("padding").isTextual() ? samePadding(kernel, dil)
                        : new int[][] {ints(a.get("padding")), ints(a.get("padding"))};
                return x.conv(w, in.get("bias"), ints(a.get("stride")), pad[0], pad[1], dil, a.get("groups").asInt());
            }
            case "conv_transpose2d", "conv_transpose3d" -> {
                return x.convTranspose(in.get("weight"), in.get("bias"), ints(a.get("stride")), ints(a.get("padding")),
                        ints(a.get("output_padding")), ints(a.get("dilation")), a.get("groups").asInt());
            }
            case "conv_relu_maxpool" -> {
                int[] p = ints(a.get("padding"));
                int[] k = ints(a.get("kernel"));
                return x.conv(in.get("weight"), null, new int[] {1, 1}, p, p, new int[] {1, 1}, 1).relu()
                        .maxPool(k, k, new int[2], new int[] {1, 1}, false);
            }
            case "max_pool1d", "max_pool2d", "max_pool3d" -> {
                return x.maxPool(ints(a.get("kernel")), ints(a.get("stride")), ints(a.get("padding")),
                        ints(a.get("dilation")), a.get("ceil_mode").asBoolean());
            }
            case "avg_pool1d", "avg_pool2d", "avg_pool3d" -> {
                return x.avgPool(ints(a.get("kernel")), ints(a.get("stride")), ints(a.get("padding")),
                        a.get("ceil_mode").asBoolean(), a.get("count_include_pad").asBoolean(),
                        a.has("divisor_override") ? a.get("divisor_override").asInt() : 0);
            }
            case "adaptive_avg_pool2d", "adaptive_avg_pool3d" -> {
                return x.adaptiveAvgPool(ints(a.get("output_size")));
            }
            case "batch_norm" -> {
                return x.batchNorm(in.get("weight"), in.get("bias"), in.get("running_mean"), in.get("running_var"),
                        a.get("training").asBoolean(), (float) a.get("momentum").asDouble(), (float) a.get("eps").asDouble());
            }
            case "group_norm" -> {
                return x.groupNorm(a.get("groups").asInt(), in.get("weight"), in.get("bias"), (float) a.get("eps").asDouble());
            }
            case "interpolate" -> {
                int sp = x.rank() - 2;
                int[] size = new int[sp];
                double[] scales = null;
                if (a.get("size").isNull()) {
                    double s = a.get("scale_factor").asDouble();
                    scales = new double[sp];
                    for (int i = 0; i < sp; i++) {
                        size[i] = (int) Math.floor(x.dim(2 + i) * s);
                        scales[i] = s;
                    }
                } else {
                    size = ints(a.get("size"));
                }
                String mode = a.get("mode").asText();
                return x.interpolate(size, !mode.equals("nearest"), a.get("align_corners").asBoolean(false), scales);
            }
            default -> throw new IllegalArgumentException("no op " + op);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCaseMatchesPyTorch() {
        JsonNode ref = Reference.load("conv_ops.json");
        Map<String, Tensor> t = Reference.tensors("conv_ops.safetensors");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : ref.get("cases")) {
            String name = c.get("name").asText();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                Map<String, Tensor> in = new HashMap<>();
                for (JsonNode k : c.get("inputs")) {
                    in.put(k.asText(), t.get(name + "/" + k.asText()).copy().requiresGrad(true));
                }
                if (t.containsKey(name + "/running_mean_before")) {
                    in.put("running_mean", t.get(name + "/running_mean_before").copy());
                    in.put("running_var", t.get(name + "/running_var_before").copy());
                }
                Tensor y = apply(c.get("op").asText(), c.get("args"), in);
                Reference.assertClose(name + " output", t.get(name + "/output"), y, RTOL);
                y.mul(Reference.linspace(y.size(), y.shape())).sum().backward();
                for (JsonNode k : c.get("grads")) {
                    Tensor expected = t.get(name + "/grad_" + k.asText());
                    assertNotNull(in.get(k.asText()).grad(), name + ": no gradient for " + k.asText());
                    Reference.assertClose(name + " grad " + k.asText(), expected, in.get(k.asText()).gradTensor(), RTOL);
                }
                if (in.containsKey("running_mean")) {
                    Reference.assertClose(name + " running_mean", t.get(name + "/running_mean_after"), in.get("running_mean"), 1e-5);
                    Reference.assertClose(name + " running_var", t.get(name + "/running_var_after"), in.get("running_var"), 1e-5);
                }
            }));
        }
        assertEquals(41, tests.size());
        return tests.stream();
    }
}
