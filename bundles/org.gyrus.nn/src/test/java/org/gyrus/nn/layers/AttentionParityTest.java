package org.gyrus.nn.layers;

import static org.gyrus.nn.testsupport.Reference.assertClose;
import static org.gyrus.nn.testsupport.Reference.tensor;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import java.util.Random;
import org.gyrus.nn.testsupport.Reference;
import org.gyrus.nn.Tensor;
import org.junit.jupiter.api.Test;

/**
 * nn.MultiheadAttention (mha.json) and nn.TransformerEncoderLayer (encoder_layer.json) with the
 * weights of their .safetensors files, and the lecture's worked self-attention example.
 */
class AttentionParityTest {

    /** PyTorch's {@code torch.linspace(-1, 1, n)} in float32, used as the upstream weights of the loss. */
    static Tensor linspace(int n, int... shape) {
        float[] v = new float[n];
        float step = 2f / (n - 1);
        for (int i = 0; i < n; i++) {
            // Same two-sided evaluation as ATen's CPU kernel.
            v[i] = i < n / 2 ? -1f + step * i : 1f - step * (n - 1 - i);
        }
        return Tensor.wrap(v, shape);
    }

    @Test
    void multiheadAttentionMatchesPyTorch() throws IOException {
        JsonNode ref = Reference.load("mha.json");
        MultiHeadAttention mha = new MultiHeadAttention(ref.get("embed_dim").asInt(), ref.get("num_heads").asInt(), 0f, new Random(5));
        mha.load(Reference.file("mha.safetensors"));
        Tensor x = tensor(ref.get("x")).requiresGrad(true);
        MultiHeadAttention.Result r = mha.selfAttention(x, null);
        assertClose("output", tensor(ref.get("output")), r.output(), 1e-5);
        assertClose("per-head weights", tensor(ref.get("attn_weights_per_head")), r.weights(), 1e-5);
        r.output().mul(linspace(r.output().size(), r.output().shape())).sum().backward();
        assertClose("grad_x", tensor(ref.get("grad_x")), x.gradTensor(), 1e-5);
        for (Map.Entry<String, Tensor> p : mha.namedParameters().entrySet()) {
            assertClose("grad " + p.getKey(), tensor(ref.get("grads").get(p.getKey())), p.getValue().gradTensor(), 1e-5);
        }
    }

    @Test
    void transformerEncoderLayerMatchesPyTorch() throws IOException {
        JsonNode ref = Reference.load("encoder_layer.json");
        TransformerEncoderLayer layer = new TransformerEncoderLayer(ref.get("d_model").asInt(), ref.get("nhead").asInt(),
                ref.get("dim_feedforward").asInt(), 0f, TransformerEncoderLayer.FeedForwardActivation.RELU,
                ref.get("norm_first").asBoolean(), (float) ref.get("layer_norm_eps").asDouble(), new Random(6));
        layer.load(Reference.file("encoder_layer.safetensors"));
        Tensor x = tensor(ref.get("x")).requiresGrad(true);
        Tensor y = layer.forward(x);
        assertClose("output", tensor(ref.get("output")), y, 1e-4);
        y.mul(linspace(y.size(), y.shape())).sum().backward();
        assertClose("grad_x", tensor(ref.get("grad_x")), x.gradTensor(), 1e-4);
        for (Map.Entry<String, Tensor> p : layer.namedParameters().entrySet()) {
            assertClose("grad " + p.getKey(), tensor(ref.get("grads").get(p.getKey())), p.getValue().gradTensor(), 1e-4);
        }
    }

    @Test
    void lectureExampleReproducesTheSlide() {
        JsonNode ref = Reference.load("lecture_attention_example.json");
        Tensor input = tensor(ref.get("embeddings")).add(tensor(ref.get("positional")));
        assertClose("input", tensor(ref.get("input")), input, 1e-5);
        // One head of width 3 with identity projections: Q = K = V = input.
        MultiHeadAttention mha = new MultiHeadAttention(3, 1, 0f, new Random(0));
        float[] eye = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        float[] inProj = new float[27];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(eye, 0, inProj, 9 * i, 9);
        }
        Map<String, Tensor> p = mha.namedParameters();
        System.arraycopy(inProj, 0, p.get("in_proj_weight").data(), 0, 27);
        java.util.Arrays.fill(p.get("in_proj_bias").data(), 0f);
        System.arraycopy(eye, 0, p.get("out_proj.weight").data(), 0, 9);
        java.util.Arrays.fill(p.get("out_proj.bias").data(), 0f);
        MultiHeadAttention.Result r = mha.selfAttention(input.reshape(1, 3, 3), null);
        assertClose("scores", tensor(ref.get("scores_QKt")), input.matmulTransposed(input), 1e-5);
        assertClose("scaled scores", tensor(ref.get("scaled_scores")), input.matmulTransposed(input).div((float) Math.sqrt(3)), 1e-5);
        assertClose("softmax", tensor(ref.get("softmax")).data(), r.weights().data(), 1e-5);
        assertClose("output", tensor(ref.get("output_softmax_times_V")).data(), r.output().data(), 1e-5);
        // The slide's rounded numbers, row 1.
        assertClose("slide scaled row 1", new float[] {0.3233f, 0.7044f, 1.1778f},
                input.matmulTransposed(input).div((float) Math.sqrt(3)).slice(0, 0, 1).data(), 2e-4);
        assertClose("slide softmax row 1", new float[] {0.2077f, 0.3041f, 0.4882f}, r.weights().reshape(3, 3).slice(0, 0, 1).data(), 2e-4);
    }
}
