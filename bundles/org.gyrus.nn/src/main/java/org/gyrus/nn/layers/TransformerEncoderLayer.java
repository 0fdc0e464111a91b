package org.gyrus.nn.layers;

import java.util.Random;
import java.util.function.UnaryOperator;
import org.gyrus.nn.LinearActivation;
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
    private final FeedForwardActivation activationKind;
    private final int dModel;
    private final int heads;
    private final int dimFeedForward;
    private final float dropoutP;
    private final float layerNormEps;

    /**
     * The layer's output and the attention weights of its self-attention.
     *
     * @param output  {@code [B, T, E]}
     * @param weights {@code [B, H, T, T]}, after softmax and before dropout
     */
    public record Output(Tensor output, Tensor weights) {
    }

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
        this.activationKind = activation;
        this.dModel = dModel;
        this.heads = heads;
        this.dimFeedForward = dimFeedForward;
        this.dropoutP = dropoutP;
        this.layerNormEps = layerNormEps;
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
        return apply(x, mask, false).output();
    }

    /**
     * Applies the layer and also returns its attention weights (for attention maps).
     *
     * @param x    {@code [B, T, E]}
     * @param mask additive attention mask broadcastable to {@code [B, H, T, T]}, or null
     * @return the output {@code [B, T, E]} and the weights {@code [B, H, T, T]}
     */
    public Output forwardWithWeights(Tensor x, Tensor mask) {
        return apply(x, mask, true);
    }

    /** The layer; without {@code needWeights} the attention makes no weights tensor it need not (weights null). */
    private Output apply(Tensor x, Tensor mask, boolean needWeights) {
        if (normFirst) {
            MultiHeadAttention.Result a = attention(norm1.forward(x), mask, needWeights);
            x = x.add(dropout1.forward(a.output()));
            return new Output(x.add(feedForwardBlock(norm2.forward(x))), a.weights());
        }
        // Post-norm: each residual sum is normalised in the same operation (not stored).
        MultiHeadAttention.Result a = attention(x, mask, needWeights);
        x = norm1.forward(x, dropout1.forward(a.output()));
        return new Output(norm2.forward(x, feedForwardBlock(x)), a.weights());
    }

    private MultiHeadAttention.Result attention(Tensor x, Tensor mask, boolean needWeights) {
        return needWeights ? selfAttn.selfAttention(x, mask)
                : new MultiHeadAttention.Result(selfAttn.selfAttentionOutput(x, mask), null);
    }

    /** @return the number of attention heads */
    public int heads() {
        return heads;
    }

    @Override
    public java.util.Map<String, Object> describe() {
        return Options.describe("TransformerEncoderLayer", "d_model", dModel, "nhead", heads, "dim_feedforward", dimFeedForward,
                "dropout", Double.parseDouble(Float.toString(dropoutP)), "activation", activationKind == FeedForwardActivation.GELU ? "gelu" : "relu",
                "layer_norm_eps", Double.parseDouble(Float.toString(layerNormEps)), "batch_first", true, "norm_first", normFirst);
    }

    static TransformerEncoderLayer build(Options o) {
        o.allow("d_model", "nhead", "dim_feedforward", "dropout", "activation", "layer_norm_eps", "batch_first", "norm_first");
        o.only("batch_first", true, "only batch-first layers ([B, T, E]) are implemented");
        String act = o.text("activation", "relu");
        if (!act.equals("relu") && !act.equals("gelu")) {
            throw o.error("option \"activation\" = " + act + " is not supported: only relu and gelu");
        }
        return new TransformerEncoderLayer(o.integer("d_model"), o.integer("nhead"), o.integer("dim_feedforward", 2048),
                o.real("dropout", 0.1f), act.equals("gelu") ? FeedForwardActivation.GELU : FeedForwardActivation.RELU,
                o.bool("norm_first", false), o.real("layer_norm_eps", 1e-5f), new Random(0));
    }

    private Tensor feedForwardBlock(Tensor x) {
        // ReLU runs fused with linear1 (one operation, same values); GELU as its own operation.
        Tensor h = activationKind == FeedForwardActivation.RELU ? linear1.forward(x, LinearActivation.RELU)
                : activation.apply(linear1.forward(x));
        return dropout2.forward(linear2.forward(dropout.forward(h)));
    }
}
