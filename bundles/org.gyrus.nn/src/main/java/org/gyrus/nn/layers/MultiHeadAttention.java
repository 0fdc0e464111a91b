package org.gyrus.nn.layers;

import java.util.Random;
import org.gyrus.nn.Tensor;

/**
 * Multi-head scaled dot-product attention, batch-first, with the parameters of PyTorch's
 * {@code nn.MultiheadAttention}: {@code in_proj_weight [3E, E]} (rows {@code [Wq; Wk; Wv]}),
 * {@code in_proj_bias [3E]}, {@code out_proj.weight [E, E]}, {@code out_proj.bias [E]}.
 */
public final class MultiHeadAttention extends Module {

    /**
     * The result of attending: the output and the attention weights of every head.
     *
     * @param output  {@code [B, T, E]}
     * @param weights {@code [B, H, T, S]}, after softmax and before dropout
     */
    public record Result(Tensor output, Tensor weights) {
    }

    private final int embedDim;
    private final int heads;
    private final int headDim;
    private final float dropout;
    private final Random random;
    private final Tensor inProjWeight;
    private final Tensor inProjBias;
    private final Linear outProj;

    /**
     * Creates the layer with PyTorch's initialisation (Xavier-uniform input projection, zero
     * biases, default Linear output weight).
     *
     * @param embedDim model width E
     * @param heads    number of heads; must divide E
     * @param dropout  dropout on the attention weights in training mode
     * @param random   seeded source for initial weights and dropout masks
     */
    public MultiHeadAttention(int embedDim, int heads, float dropout, Random random) {
        if (heads <= 0 || embedDim % heads != 0) {
            throw new IllegalArgumentException("embedDim " + embedDim + " is not divisible by heads " + heads);
        }
        this.embedDim = embedDim;
        this.heads = heads;
        this.headDim = embedDim / heads;
        this.dropout = dropout;
        this.random = random;
        this.inProjWeight = parameter("in_proj_weight", Tensor.zeros(3 * embedDim, embedDim));
        this.inProjBias = parameter("in_proj_bias", Tensor.zeros(3 * embedDim));
        this.outProj = child("out_proj", new Linear(embedDim, embedDim, random));
        Init.xavierUniform(inProjWeight, 1.0, random);
        java.util.Arrays.fill(outProj.bias().data(), 0f);
    }

    /** Self-attention without a mask; returns the output only. */
    @Override
    public Tensor forward(Tensor x) {
        return attend(x, x, x, null, false).output();
    }

    /**
     * Self-attention's output alone: as {@code selfAttention(x, mask).output()}, the same values;
     * without recorded gradients (inference) no weights tensor is made.
     *
     * @param x    {@code [B, T, E]}
     * @param mask additive mask broadcastable to {@code [B, H, T, T]} ({@code -inf} blocks), or null
     * @return {@code [B, T, E]}
     */
    public Tensor selfAttentionOutput(Tensor x, Tensor mask) {
        return attend(x, x, x, mask, false).output();
    }

    /**
     * Self-attention.
     *
     * @param x    {@code [B, T, E]}
     * @param mask additive mask broadcastable to {@code [B, H, T, T]} ({@code -inf} blocks), or null
     * @return output and per-head weights
     */
    public Result selfAttention(Tensor x, Tensor mask) {
        return attend(x, x, x, mask);
    }

    /**
     * Attention of queries over keys and values.
     *
     * @param query {@code [B, T, E]}
     * @param key   {@code [B, S, E]}
     * @param value {@code [B, S, E]}
     * @param mask  additive mask broadcastable to {@code [B, H, T, S]} ({@code -inf} blocks), or null
     * @return output and per-head weights
     */
    public Result attend(Tensor query, Tensor key, Tensor value, Tensor mask) {
        return attend(query, key, value, mask, true);
    }

    /** As {@link #attend(Tensor, Tensor, Tensor, Tensor)}; without {@code needWeights} the result's weights may be null. */
    private Result attend(Tensor query, Tensor key, Tensor value, Tensor mask, boolean needWeights) {
        if (query.rank() != 3 || query.dim(2) != embedDim) {
            throw new IllegalArgumentException("query must be [B, T, " + embedDim + "], got "
                    + java.util.Arrays.toString(query.shape()));
        }
        int e = embedDim;
        float scale = (float) (1.0 / Math.sqrt(headDim));
        // Heads stay interleaved in the projections' last axis; the fused ops read them in place.
        Tensor weights;
        Tensor values;
        // Without weights to return or dropout between the halves, the fused op (no weights tensor in inference).
        boolean fused = !needWeights && (dropout == 0f || !isTraining());
        if (query == key && key == value) {
            // Self-attention: one product gives Q, K and V side by side in [B, T, 3E].
            Tensor qkv = query.linear(inProjWeight, inProjBias);
            if (fused) {
                return new Result(outProj.forward(Tensor.attention(qkv, 0, qkv, e, qkv, 2 * e, e, heads, scale, mask)), null);
            }
            weights = Tensor.attentionWeights(qkv, 0, qkv, e, e, heads, scale, mask);
            values = Tensor.attentionValues(weights.dropout(dropout, isTraining(), random), qkv, 2 * e, e);
        } else {
            Tensor q = query.linear(inProjWeight.slice(0, 0, e), inProjBias.slice(0, 0, e));
            Tensor k = key.linear(inProjWeight.slice(0, e, 2 * e), inProjBias.slice(0, e, 2 * e));
            Tensor v = value.linear(inProjWeight.slice(0, 2 * e, 3 * e), inProjBias.slice(0, 2 * e, 3 * e));
            weights = Tensor.attentionWeights(q, k, heads, scale, mask);
            values = Tensor.attentionValues(weights.dropout(dropout, isTraining(), random), v);
        }
        return new Result(outProj.forward(values), weights);
    }

    /**
     * A causal mask {@code [T, T]}: 0 on and below the diagonal, {@code -inf} above.
     *
     * @param t sequence length
     * @return the additive mask
     */
    public static Tensor causalMask(int t) {
        float[] m = new float[t * t];
        for (int i = 0; i < t; i++) {
            for (int j = i + 1; j < t; j++) {
                m[i * t + j] = Float.NEGATIVE_INFINITY;
            }
        }
        return Tensor.wrap(m, t, t);
    }
}
