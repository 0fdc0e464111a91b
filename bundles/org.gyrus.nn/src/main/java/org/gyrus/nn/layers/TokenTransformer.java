package org.gyrus.nn.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gyrus.nn.Tensor;

/**
 * A transformer classifier or regressor over tokens (FT-Transformer for tables, ViT for images,
 * patches in a mask for volumes): a tokenizer turns a sample into {@code T} tokens, a learned
 * [CLS] token is put first, a learned positional embedding is added (optional), a stack of
 * {@link TransformerEncoderLayer}s follows, then a final layer norm and a linear head on the [CLS]
 * token.
 *
 * <p>PyTorch names: {@code cls_token [1, 1, d]}, {@code pos_embedding [1, T + 1, d]},
 * {@code tokenizer.*}, {@code layers.i.*} (as {@code nn.TransformerEncoder}), {@code norm},
 * {@code head}.
 */
public final class TokenTransformer extends Module {

    /**
     * The outputs and every layer's attention weights.
     *
     * @param output  {@code [N, outputs]}
     * @param weights per layer {@code [N, heads, T + 1, T + 1]} (token 0 is [CLS])
     */
    public record Result(Tensor output, List<Tensor> weights) {
    }

    /** The layers' settings. */
    public record Settings(int dModel, int depth, int heads, int dimFeedForward, float dropout, boolean gelu, boolean normFirst,
                           float layerNormEps, boolean learnedPositions, int outputs) {
    }

    private final Module tokenizer;
    private final int tokens;
    private final Settings s;
    private final Tensor clsToken;
    private final Tensor posEmbedding;
    private final Dropout dropout;
    private final List<TransformerEncoderLayer> layers = new ArrayList<>();
    private final LayerNorm norm;
    private final Linear head;

    /**
     * @param tokenizer the tokenizer: a sample to {@code [N, tokens, d_model]}
     * @param tokens    the number of tokens it makes
     * @param settings  the layers' settings
     * @param random    seeded source for the initial weights and dropout
     */
    public TokenTransformer(Module tokenizer, int tokens, Settings settings, Random random) {
        if (settings.depth() < 1 || settings.heads() < 1 || settings.dModel() % settings.heads() != 0 || settings.outputs() < 1) {
            throw new IllegalArgumentException("transformer: depth and outputs must be >= 1 and the width " + settings.dModel()
                    + " divisible by the heads " + settings.heads());
        }
        this.s = settings;
        this.tokens = tokens;
        int d = settings.dModel();
        this.clsToken = parameter("cls_token", Tensor.zeros(1, 1, d));
        Init.normal(clsToken, 0, 0.02, random);
        if (settings.learnedPositions()) {
            posEmbedding = parameter("pos_embedding", Tensor.zeros(1, tokens + 1, d));
            Init.normal(posEmbedding, 0, 0.02, random);
        } else {
            posEmbedding = null;
        }
        this.tokenizer = child("tokenizer", tokenizer);
        this.dropout = child("dropout", new Dropout(settings.dropout(), random));
        for (int i = 0; i < settings.depth(); i++) {
            layers.add(new TransformerEncoderLayer(d, settings.heads(), settings.dimFeedForward(), settings.dropout(),
                    settings.gelu() ? TransformerEncoderLayer.FeedForwardActivation.GELU : TransformerEncoderLayer.FeedForwardActivation.RELU,
                    settings.normFirst(), settings.layerNormEps(), random));
        }
        child("layers", new ModuleList(layers));
        this.norm = child("norm", new LayerNorm(d, settings.layerNormEps()));
        this.head = child("head", new Linear(d, settings.outputs(), random));
    }

    /** @return the number of tokens per sample, without [CLS] */
    public int tokens() {
        return tokens;
    }

    /** @return the layers' settings */
    public Settings settings() {
        return s;
    }

    /** @return the tokenizer */
    public Module tokenizer() {
        return tokenizer;
    }

    @Override
    public Tensor forward(Tensor x) {
        return run(x, false).output();
    }

    /**
     * Runs the network and keeps every layer's attention weights.
     *
     * @param x a batch of samples as the tokenizer takes them
     * @return outputs and weights
     */
    public Result forwardWithAttention(Tensor x) {
        return run(x, true);
    }

    private Result run(Tensor x, boolean keep) {
        Tensor t = tokenizer.forward(x);
        int n = t.dim(0);
        if (t.rank() != 3 || t.dim(1) != tokens || t.dim(2) != s.dModel()) {
            throw new IllegalArgumentException("transformer: the tokenizer gave " + java.util.Arrays.toString(t.shape())
                    + ", expected [N, " + tokens + ", " + s.dModel() + "]");
        }
        Tensor cls = clsToken.mul(Tensor.full(1f, n, 1, 1));
        Tensor h = Tensor.concat(1, cls, t);
        if (posEmbedding != null) {
            h = h.add(posEmbedding);
        }
        h = dropout.forward(h);
        List<Tensor> weights = new ArrayList<>();
        for (TransformerEncoderLayer layer : layers) {
            TransformerEncoderLayer.Output o = layer.forwardWithWeights(h, null);
            h = o.output();
            if (keep) {
                weights.add(o.weights());
            }
        }
        Tensor first = norm.forward(h).slice(1, 0, 1).reshape(n, s.dModel());
        return new Result(head.forward(first), weights);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> t = tokenizer.describe();
        if (t == null) {
            return null;
        }
        return Options.describe("TokenTransformer", "tokenizer", t, "tokens", tokens, "d_model", s.dModel(), "depth", s.depth(),
                "nhead", s.heads(), "dim_feedforward", s.dimFeedForward(), "dropout", Double.parseDouble(Float.toString(s.dropout())),
                "activation", s.gelu() ? "gelu" : "relu", "norm_first", s.normFirst(),
                "layer_norm_eps", Double.parseDouble(Float.toString(s.layerNormEps())),
                "positional", s.learnedPositions() ? "learned" : "none", "num_outputs", s.outputs());
    }

    static TokenTransformer build(Options o) {
        o.allow("tokenizer", "tokens", "d_model", "depth", "nhead", "dim_feedforward", "dropout", "activation", "norm_first",
                "layer_norm_eps", "positional", "num_outputs");
        Module tokenizer = NetworkFile.module(o.raw("tokenizer"), o.where() + ".tokenizer");
        String act = o.text("activation", "gelu");
        if (!act.equals("relu") && !act.equals("gelu")) {
            throw o.error("option \"activation\" = " + act + " is not supported: only relu and gelu");
        }
        String positional = o.text("positional", "learned");
        if (!positional.equals("learned") && !positional.equals("none")) {
            throw o.error("option \"positional\" = " + positional + " is not supported: learned or none");
        }
        int d = o.integer("d_model");
        Settings settings = new Settings(d, o.integer("depth"), o.integer("nhead"), o.integer("dim_feedforward", 2 * d),
                o.real("dropout", 0f), act.equals("gelu"), o.bool("norm_first", true), o.real("layer_norm_eps", 1e-5f),
                positional.equals("learned"), o.integer("num_outputs"));
        return new TokenTransformer(tokenizer, o.integer("tokens"), settings, new Random(0));
    }
}
