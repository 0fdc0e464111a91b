package org.gyrus.nn.layers;

import java.util.Random;
import java.util.function.UnaryOperator;
import org.gyrus.nn.Tensor;

/**
 * PyTorch's {@code nn.TransformerEncoderLayer} (batch-first): self-attention and a two-layer
 * feed-forward block, each with a residual connection and layer norm, either after the residual
 * (post-norm, PyTorch's default) or before the block (pre-norm). Parameter names match PyTorch:
 * {@code self_attn.*}, {@code linear1}, {@code linear2}, {@code norm1}, {@code norm2}.
 */
public final class TransformerEncoderLayer extends Module {

    /** The feed-forward activation. */
    public enum FeedForwardActivation {
        /** ReLU (PyTorch's default). */
        RELU,
        /** Exact GELU. */
        GELU
    }

    private final MultiHeadAttention selfAttn;
    private final Linear linear1;
    private final Dropout dropout;
    private final Linear linear2;
    private final LayerNorm norm1;
    private final LayerNorm norm2;
    private final Dropout dropout1;
    private final Dropout dropout2;
    private final boolean normFirst;
    private final UnaryOperator<Tensor> activation;

    /**
     * Creates the layer.
     *
     * @param dModel         model width
     * @param heads          attention heads
     * @param dimFeedForward hidden width of the feed-forward block
     * @param dropoutP       dropout probability (attention weights, feed-forward, residual branches)
     * @param activation     feed-forward activation
     * @param normFirst      pre-norm if true, post-norm otherwise
     * @param layerNormEps   layer norm epsilon (PyTorch's default is 1e-5)
     * @param random         seeded source for weights and dropout masks
     */
    public TransformerEncoderLayer(int dModel, int heads, int dimFeedForward, float dropoutP,
                                   FeedForwardActivation activation, boolean normFirst, float layerNormEps,
                                   Random random) {
        this.selfAttn = child("self_attn", new MultiHeadAttention(dModel, heads, dropoutP, random));
        this.linear1 = child("linear1", new Linear(dModel, dimFeedForward, random));
        this.dropout = child("dropout", new Dropout(dropoutP, random));
        this.linear2 = child("linear2", new Linear(dimFeedForward, dModel, random));
        this.norm1 = child("norm1", new LayerNorm(dModel, layerNormEps));
        this.norm2 = child("norm2", new LayerNorm(dModel, layerNormEps));
        this.dropout1 = child("dropout1", new Dropout(dropoutP, random));
        this.dropout2 = child("dropout2", new Dropout(dropoutP, random));
        this.normFirst = normFirst;
        this.activation = activation == FeedForwardActivation.GELU ? Tensor::gelu : Tensor::relu;
    }

    @Override
    public Tensor forward(Tensor x) {
        return forward(x, null);
    }

    /**
     * Applies the layer.
     *
     * @param x    {@code [B, T, E]}
     * @param mask additive attention mask broadcastable to {@code [B, H, T, T]}, or null
     * @return {@code [B, T, E]}
     */
    public Tensor forward(Tensor x, Tensor mask) {
        if (normFirst) {
            x = x.add(selfAttentionBlock(norm1.forward(x), mask));
            return x.add(feedForwardBlock(norm2.forward(x)));
        }
        x = norm1.forward(x.add(selfAttentionBlock(x, mask)));
        return norm2.forward(x.add(feedForwardBlock(x)));
    }

    private Tensor selfAttentionBlock(Tensor x, Tensor mask) {
        return dropout1.forward(selfAttn.selfAttention(x, mask).output());
    }

    private Tensor feedForwardBlock(Tensor x) {
        return dropout2.forward(linear2.forward(dropout.forward(activation.apply(linear1.forward(x)))));
    }
}
