package org.gyrus.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The fused operations give the values of the separate ones: {@link Tensor#attention} (no weights
 * tensor in inference) the bits of attentionValues(attentionWeights(..)); the fused Linear +
 * activation the bits of linear(..) and the activation in the forward, and the same gradients
 * (bit for bit for ReLU and sigmoid, within float rounding for SiLU, whose backward the separate op
 * computes in double), for both of Linear's product orders.
 */
class FusedOpsTest {

    private static Tensor randn(Random r, int... shape) {
        return Tensor.randn(r, shape);
    }

    private static void attentionCase(int b, int t, int heads, int d, Tensor mask, long seed) {
        Random r = new Random(seed);
        int e = heads * d;
        Tensor qkv = randn(r, b, t, 3 * e);
        float scale = (float) (1 / Math.sqrt(d));
        float[] want;
        float[] got;
        try (NoGrad ignored = Tensor.noGrad()) {
            want = Tensor.attentionValues(Tensor.attentionWeights(qkv, 0, qkv, e, e, heads, scale, mask), qkv, 2 * e, e).data();
            got = Tensor.attention(qkv, 0, qkv, e, qkv, 2 * e, e, heads, scale, mask).data();
        }
        assertArrayEquals(want, got, 0f, b + "x" + t + ", " + heads + " heads of " + d);
        // Recording gradients, the unfused ops run (their backward needs the weights).
        Tensor q = qkv.copy().requiresGrad(true);
        Tensor y = Tensor.attention(q, 0, q, e, q, 2 * e, e, heads, scale, mask);
        assertArrayEquals(want, y.data(), 0f);
        y.sum().backward();
        assertFalse(q.grad() == null);
    }

    @Test
    void inferenceAttentionGivesTheBitsOfWeightsThenValues() {
        attentionCase(2, 64, 4, 32, null, 1);                       // head width a whole number of vectors
        attentionCase(3, 17, 4, 8, null, 2);                        // the ViT's: across the sequence
        attentionCase(2, 5, 2, 4, null, 3);
        attentionCase(2, 9, 2, 16, Tensor.wrap(causal(9), 9, 9), 4); // plain mask
        float[] m = new float[2 * 7];                               // a [B, 1, 1, S] padding mask, broadcast
        m[6] = Float.NEGATIVE_INFINITY;
        m[7 + 5] = Float.NEGATIVE_INFINITY;
        attentionCase(2, 7, 2, 4, Tensor.wrap(m, 2, 1, 1, 7), 5);
    }

    private static float[] causal(int t) {
        float[] m = new float[t * t];
        for (int i = 0; i < t; i++) {
            for (int j = i + 1; j < t; j++) {
                m[i * t + j] = Float.NEGATIVE_INFINITY;
            }
        }
        return m;
    }

    private static void linearCase(int rows, int in, int out, LinearActivation act, long seed) {
        Random r = new Random(seed);
        Tensor x0 = randn(r, rows, in);
        Tensor w0 = randn(r, out, in);
        Tensor b0 = randn(r, out);
        Tensor up = randn(r, rows, out);
        Tensor x1 = x0.copy().requiresGrad(true);
        Tensor w1 = w0.copy().requiresGrad(true);
        Tensor b1 = b0.copy().requiresGrad(true);
        Tensor z = x1.linear(w1, b1);
        Tensor want = switch (act) {
            case NONE -> z;
            case RELU -> z.relu();
            case SIGMOID -> z.sigmoid();
            case SILU -> z.silu();
        };
        want.mul(up).sum().backward();
        Tensor x2 = x0.copy().requiresGrad(true);
        Tensor w2 = w0.copy().requiresGrad(true);
        Tensor b2 = b0.copy().requiresGrad(true);
        Tensor got = x2.linear(w2, b2, act);
        got.mul(up).sum().backward();
        String what = rows + "x" + in + "->" + out + " " + act + (MatMul.transposedPays(rows, in, out) ? " (W x^T)" : "");
        assertArrayEquals(want.data(), got.data(), 0f, what + ": forward");
        float tol = act == LinearActivation.SILU ? 1e-5f : 0f;
        assertClose(x1.grad(), x2.grad(), tol, what + ": grad x");
        assertClose(w1.grad(), w2.grad(), tol, what + ": grad w");
        assertClose(b1.grad(), b2.grad(), tol, what + ": grad b");
    }

    private static void assertClose(float[] want, float[] got, float rtol, String what) {
        float max = 0f;
        for (float v : want) {
            max = Math.max(max, Math.abs(v));
        }
        assertArrayEquals(want, got, rtol * max, what);
    }

    @Test
    void fusedLinearGivesTheValuesOfTheSeparateOps() {
        for (LinearActivation act : LinearActivation.values()) {
            linearCase(40, 70, 33, act, 10 + act.ordinal());   // the direct product
            linearCase(16, 200, 150, act, 20 + act.ordinal()); // a short batch: (W x^T)^T
            linearCase(300, 64, 48, act, 30 + act.ordinal());
        }
    }
}
