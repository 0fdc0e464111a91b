package org.gyrus.nn.layers;

import java.util.Map;
import java.util.Random;
import org.gyrus.nn.Tensor;

/**
 * Self-attention over the positions of an image or volume, with a residual connection:
 * {@code x + attn(norm(x))}, where the positions become the sequence and the channels the
 * embedding of PyTorch's {@code nn.MultiheadAttention}. Children {@code norm} (GroupNorm) and
 * {@code attn}.
 */
public final class AttentionBlock extends Module {

    final int channels;
    final int heads;
    final int groups;
    private final GroupNorm norm;
    private final MultiHeadAttention attn;

    /**
     * @param channels channels (the attention's width)
     * @param heads    heads; must divide channels
     * @param groups   GroupNorm groups
     * @param random   seeded source for the initial weights
     */
    public AttentionBlock(int channels, int heads, int groups, Random random) {
        this.channels = channels;
        this.heads = heads;
        this.groups = groups;
        this.norm = child("norm", new GroupNorm(groups, channels));
        this.attn = child("attn", new MultiHeadAttention(channels, heads, 0f, random));
    }

    @Override
    public Tensor forward(Tensor x) {
        int[] s = x.shape();
        int positions = x.size() / (s[0] * s[1]);
        Tensor seq = norm.forward(x).reshape(s[0], s[1], positions).transpose(1, 2);
        Tensor a = attn.forward(seq).transpose(1, 2).reshape(s);
        return x.add(a);
    }

    @Override
    public Map<String, Object> describe() {
        return Options.describe("AttentionBlock", "channels", channels, "heads", heads, "groups", groups);
    }

    static AttentionBlock build(Options o) {
        o.allow("channels", "heads", "groups");
        return new AttentionBlock(o.integer("channels"), o.integer("heads", 1), o.integer("groups", 8), new Random(0));
    }
}
