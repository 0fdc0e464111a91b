package org.gyrus.nn;


import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Finite-difference check of every operation's gradient, with respect to every input: the loss
 * {@code sum(f(inputs) * w)} for a fixed random {@code w} is differentiated analytically and by
 * central differences in double-checked float32.
 */
class GradCheckTest {

    private static final Random R = new Random(42);

    /** Values in [lo, hi], kept away from the kinks of relu, abs, clamp and max at 0. */
    static Tensor input(float lo, float hi, int... shape) {
        Tensor t = Tensor.rand(R, shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            float v = lo + (hi - lo) * d[i];
            if (Math.abs(v) < 0.05f) {
                v = v < 0 ? v - 0.05f : v + 0.05f;
            }
            d[i] = v;
        }
        return t;
    }

    static Tensor in(int... shape) {
        return input(-1.5f, 1.5f, shape);
    }

    static Tensor positive(int... shape) {
        return input(0.2f, 2f, shape);
    }

    private static Map<String, Case> cases() {
        Map<String, Case> m = new LinkedHashMap<>();
        m.put("add broadcast", new Case(x -> x[0].add(x[1]), in(3, 4), in(4)));
        m.put("sub broadcast", new Case(x -> x[0].sub(x[1]), in(2, 1, 4), in(3, 1)));
        m.put("mul broadcast", new Case(x -> x[0].mul(x[1]), in(2, 3, 4), in(1, 3, 1)));
        m.put("div broadcast", new Case(x -> x[0].div(x[1]), in(3, 4), positive(3, 1)));
        m.put("mul same tensor", new Case(x -> x[0].mul(x[0]), in(3, 4)));
        m.put("scalar affine", new Case(x -> x[0].mul(2.5f).add(1f).sub(0.5f).div(3f).neg(), in(5)));
        m.put("pow", new Case(x -> x[0].pow(3f), in(2, 3)));
        m.put("clamp", new Case(x -> x[0].clamp(-0.7f, 0.8f), in(4, 4)));
        m.put("relu", new Case(x -> x[0].relu(), in(3, 5)));
        m.put("leakyRelu", new Case(x -> x[0].leakyRelu(0.1f), in(3, 5)));
        m.put("elu", new Case(x -> x[0].elu(1.3f), in(3, 5)));
        m.put("sigmoid", new Case(x -> x[0].sigmoid(), in(3, 5)));
        m.put("tanh", new Case(x -> x[0].tanh(), in(3, 5)));
        m.put("gelu", new Case(x -> x[0].gelu(), in(3, 5)));
        m.put("geluTanh", new Case(x -> x[0].geluTanh(), in(3, 5)));
        m.put("silu", new Case(x -> x[0].silu(), in(3, 5)));
        m.put("softplus", new Case(x -> x[0].softplus(), in(3, 5)));
        m.put("exp", new Case(x -> x[0].exp(), in(3, 5)));
        m.put("log", new Case(x -> x[0].log(), positive(3, 5)));
        m.put("sqrt", new Case(x -> x[0].sqrt(), positive(3, 5)));
        m.put("abs", new Case(x -> x[0].abs(), in(3, 5)));
        m.put("sum all", new Case(x -> x[0].sum(), in(3, 4)));
        m.put("sum axes", new Case(x -> x[0].sum(false, 0, 2), in(2, 3, 4)));
        m.put("sum keepDims", new Case(x -> x[0].sum(true, 1), in(2, 3, 4)));
        m.put("mean all", new Case(x -> x[0].mean(), in(3, 4)));
        m.put("mean axes", new Case(x -> x[0].mean(false, -1), in(2, 3, 4)));
        m.put("max axis", new Case(x -> x[0].max(1, false), in(3, 5, 2)));
        m.put("max all", new Case(x -> x[0].max(), in(3, 5)));
        m.put("reshape", new Case(x -> x[0].reshape(4, -1).mul(x[1]), in(2, 6), in(4, 3)));
        m.put("transpose", new Case(x -> x[0].transpose(0, 2), in(2, 3, 4)));
        m.put("permute", new Case(x -> x[0].permute(2, 0, 3, 1), in(2, 3, 4, 5)));
        m.put("slice", new Case(x -> x[0].slice(1, 1, 3), in(2, 4, 3)));
        m.put("concat", new Case(x -> Tensor.concat(1, x[0], x[1]), in(2, 2, 3), in(2, 3, 3)));
        m.put("indexSelect", new Case(x -> x[0].indexSelect(0, 2, 0, 2, 1), in(3, 4)));
        m.put("gather", new Case(x -> x[0].gather(1, new int[] {0, 2, 1, 1, 3, 0}, 3, 2), in(3, 4)));
        m.put("matmul 2d", new Case(x -> x[0].matmul(x[1]), in(3, 4), in(4, 5)));
        m.put("matmul batched", new Case(x -> x[0].matmul(x[1]), in(2, 3, 3, 4), in(2, 3, 4, 2)));
        m.put("matmul batched x matrix", new Case(x -> x[0].matmul(x[1]), in(2, 3, 4), in(4, 5)));
        m.put("matmul matrix x batched", new Case(x -> x[0].matmul(x[1]), in(3, 4), in(2, 4, 5)));
        m.put("matmulTransposed", new Case(x -> x[0].matmulTransposed(x[1]), in(2, 3, 4), in(2, 5, 4)));
        m.put("matmul large (blocked kernel)", new Case(x -> x[0].matmul(x[1]), in(20, 30), in(30, 19)));
        m.put("linear", new Case(x -> x[0].linear(x[1], x[2]), in(2, 3, 4), in(5, 4), in(5)));
        m.put("softmax last", new Case(x -> x[0].softmax(-1), in(3, 5)));
        m.put("softmax middle", new Case(x -> x[0].softmax(1), in(2, 4, 3)));
        m.put("logSoftmax", new Case(x -> x[0].logSoftmax(0), in(4, 3)));
        m.put("layerNorm affine", new Case(x -> x[0].layerNorm(6, x[1], x[2], 1e-5f), in(2, 2, 6), in(6), in(6)));
        m.put("layerNorm two axes", new Case(x -> x[0].layerNorm(12, null, null, 1e-5f), in(2, 3, 4)));
        m.put("attentionWeights", new Case(x -> Tensor.attentionWeights(x[0], x[1], 2, 0.7f, null), in(2, 3, 4), in(2, 5, 4)));
        m.put("attentionWeights causal mask", new Case(x -> Tensor.attentionWeights(x[0], x[1], 2, 0.5f,
                org.gyrus.nn.layers.MultiHeadAttention.causalMask(3)), in(2, 3, 4), in(2, 3, 4)));
        m.put("attentionWeights broadcast mask", new Case(x -> Tensor.attentionWeights(x[0], x[1], 1, 1f,
                Tensor.of(new float[] {0, -1, 2, 0, 0, -3}, 2, 1, 1, 3)), in(2, 2, 4), in(2, 3, 4)));
        m.put("attentionValues", new Case(x -> Tensor.attentionValues(x[0], x[1]), positive(2, 2, 3, 5), in(2, 5, 6)));
        // Q, K and V side by side in one [B, T, 3E] tensor, read in place; 17 tokens cross a vector boundary.
        m.put("attention packed qkv", new Case(x -> Tensor.attentionValues(
                Tensor.attentionWeights(x[0], 0, x[0], 6, 6, 2, 0.6f, null).mul(x[1]), x[0], 12, 6), in(2, 17, 18), positive(1, 1, 17, 17)));
        m.put("dropout", new Case(x -> x[0].dropout(0.4f, true, new Random(7)), in(4, 5)));
        m.put("embedding", new Case(x -> x[0].indexSelect(0, 1, 1, 3).reshape(1, 3, 2), in(4, 2)));
        m.put("mse", new Case(x -> Losses.mse(x[0], x[1]), in(3, 4), in(3, 4)));
        m.put("l1", new Case(x -> Losses.l1(x[0], x[1]), in(3, 4), input(3f, 4f, 3, 4)));
        m.put("bce", new Case(x -> Losses.bce(x[0], Tensor.rand(new Random(3), 3, 4)), input(0.1f, 0.9f, 3, 4)));
        m.put("bceWithLogits", new Case(x -> Losses.bceWithLogits(x[0], Tensor.rand(new Random(3), 3, 4)), in(3, 4)));
        m.put("crossEntropy", new Case(x -> Losses.crossEntropy(x[0], new int[] {2, 0, 1}), in(3, 4)));
        int[] one2 = {1, 1};
        m.put("conv2d stride/pad/dilation/groups", new Case(x -> x[0].conv(x[1], x[2], new int[] {2, 1}, new int[] {1, 0},
                new int[] {0, 1}, new int[] {1, 2}, 2), in(2, 4, 5, 6), in(4, 2, 2, 2), in(4)));
        m.put("conv1d", new Case(x -> x[0].conv(x[1], null, new int[] {2}, new int[] {1}, new int[] {1}, new int[] {1}, 1),
                in(2, 3, 7), in(2, 3, 3)));
        m.put("conv3d", new Case(x -> x[0].conv(x[1], x[2], new int[] {1, 2, 1}, new int[] {1, 0, 1}, new int[] {1, 0, 1},
                new int[] {1, 1, 1}, 1), in(1, 2, 3, 4, 3), in(2, 2, 2, 2, 2), in(2)));
        m.put("convTranspose2d", new Case(x -> x[0].convTranspose(x[1], x[2], new int[] {2, 2}, new int[] {1, 0},
                new int[] {1, 1}, one2, 1), in(2, 3, 3, 2), in(3, 2, 3, 2), in(2)));
        m.put("maxPool2d", new Case(x -> x[0].maxPool(new int[] {2, 3}, new int[] {2, 1}, new int[] {1, 1}, one2, true),
                in(2, 2, 5, 4)));
        m.put("avgPool3d", new Case(x -> x[0].avgPool(new int[] {2, 2, 2}, new int[] {1, 2, 2}, new int[] {0, 1, 1}, false,
                false, 0), in(1, 2, 3, 4, 5)));
        m.put("adaptiveAvgPool2d", new Case(x -> x[0].adaptiveAvgPool(2, 3), in(2, 2, 5, 7)));
        m.put("batchNorm train", new Case(x -> x[0].batchNorm(x[1], x[2], null, null, true, 0.1f, 1e-5f),
                in(3, 2, 2, 3), in(2), in(2)));
        m.put("groupNorm", new Case(x -> x[0].groupNorm(2, x[1], x[2], 1e-5f), in(2, 4, 3, 2), in(4), in(4)));
        m.put("interpolate bilinear", new Case(x -> x[0].interpolate(new int[] {5, 3}, true, false, null), in(1, 2, 3, 4)));
        m.put("interpolate trilinear aligned", new Case(x -> x[0].interpolate(new int[] {3, 4, 3}, true, true, null),
                in(1, 1, 2, 3, 2)));
        m.put("interpolate nearest", new Case(x -> x[0].interpolate(new int[] {5, 7}, false, false, null), in(1, 2, 3, 4)));
        // Last: every case draws its inputs from the one seeded source, so the earlier ones keep theirs.
        m.put("addLayerNorm", new Case(x -> x[0].addLayerNorm(x[1], 6, x[2], x[3], 1e-5f), in(2, 2, 6), in(2, 2, 6), in(6), in(6)));
        m.put("addLayerNorm of x + x", new Case(x -> x[0].addLayerNorm(x[0], 6, x[1], null, 1e-5f), in(2, 3, 6), in(6)));
        return m;
    }

    record Case(Function<Tensor[], Tensor> f, Tensor... inputs) {
    }

    @TestFactory
    Stream<DynamicTest> everyOperationHasCorrectGradients() {
        return cases().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> check(e.getKey(), e.getValue())));
    }

    private static double loss(Case c, Tensor w) {
        try (NoGrad ignored = Tensor.noGrad()) {
            Tensor y = c.f().apply(c.inputs());
            double s = 0;
            for (int i = 0; i < y.size(); i++) {
                s += (double) y.data()[i] * w.data()[i];
            }
            return s;
        }
    }

    private static void check(String name, Case c) {
        for (Tensor t : c.inputs()) {
            t.requiresGrad(true);
            t.zeroGrad();
        }
        Tensor y = c.f().apply(c.inputs());
        Tensor w = Tensor.randn(new Random(11), y.shape());
        y.mul(w).sum().backward();
        double h = 1e-2;
        for (int k = 0; k < c.inputs().length; k++) {
            Tensor t = c.inputs()[k];
            float[] g = t.grad();
            assertNotNull(g, name + ": no gradient for input " + k);
            float[] d = t.data();
            for (int i = 0; i < d.length; i++) {
                float orig = d[i];
                d[i] = (float) (orig + h);
                double up = loss(c, w);
                d[i] = (float) (orig - h);
                double down = loss(c, w);
                d[i] = orig;
                double numeric = (up - down) / (2 * h);
                double err = Math.abs(numeric - g[i]);
                if (err > 2e-2 * Math.max(1.0, Math.abs(numeric))) {
                    fail(name + ": input " + k + " element " + i + " analytic " + g[i] + " numeric " + numeric);
                }
            }
        }
    }
}
