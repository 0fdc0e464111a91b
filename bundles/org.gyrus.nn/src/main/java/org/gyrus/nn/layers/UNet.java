package org.gyrus.nn.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gyrus.nn.Tensor;

/**
 * A small U-Net for images (NCHW) or volumes (NCDHW), optionally conditioned on diffusion
 * timesteps.
 *
 * <pre>
 * inc        3x3 convolution in_channels -> channels[0]
 * time_mlp   SinusoidalEmbedding(channels[0]), Linear(c0, 4 c0), SiLU, Linear(4 c0, 4 c0)   (if timesteps)
 * down.i     res: ResidualBlock(previous -> channels[i]); attn: AttentionBlock (levels listed);
 *            down: 3x3 convolution with stride 2 (all but the deepest level)
 * mid        res1, attn (if mid_attention), res2 at the deepest level
 * up.j       (j = 0 is the deepest level i = L-1) upsample: nearest resize to the skip's size, then a
 *            3x3 convolution (all but the deepest); concatenation with down.i's output along the
 *            channels; res: ResidualBlock(-> channels[i]); attn (levels listed)
 * out_norm   GroupNorm, SiLU, out_conv: 3x3 convolution channels[0] -> out_channels
 * </pre>
 *
 * Parameter names are those of the same modules in PyTorch (gen_conv_refs.py builds the twin), so
 * weights move both ways. Any input size works: the upsampling resizes to the skip connection's
 * size, so odd sizes survive the stride-2 convolutions.
 */
public final class UNet extends Module {

    /**
     * The architecture.
     *
     * @param dims            2 for images, 3 for volumes
     * @param inChannels      input channels
     * @param outChannels     output channels
     * @param channels        channels per level, e.g. 32, 64, 128
     * @param attentionLevels levels (0 = full resolution) with self-attention after the residual block
     * @param midAttention    self-attention between the two residual blocks at the deepest level
     * @param heads           attention heads
     * @param groups          GroupNorm groups (must divide every channel count, including the sums at
     *                        the concatenations)
     * @param timeEmbedding   whether the network takes diffusion timesteps
     * @param dropout         dropout inside the residual blocks
     */
    public record Config(int dims, int inChannels, int outChannels, int[] channels, int[] attentionLevels,
                         boolean midAttention, int heads, int groups, boolean timeEmbedding, float dropout) {
    }

    private final Config config;
    private final Module inc;
    private final Sequential timeMlp;
    private final ModuleList down;
    private final Level mid;
    private final ModuleList up;
    private final GroupNorm outNorm;
    private final Module outConv;

    /** One level: named children as in PyTorch's twin. */
    private static final class Level extends Module {
        private final Map<String, Module> parts = new java.util.HashMap<>();

        Level add(String name, Module m) {
            if (m != null) {
                parts.put(name, child(name, m));
            }
            return this;
        }

        Module part(String name) {
            return parts.get(name);
        }

        @Override
        public Tensor forward(Tensor input) {
            throw new UnsupportedOperationException("a U-Net level is wired by the U-Net");
        }

        @Override
        public Map<String, Object> describe() {
            throw new UnsupportedOperationException("a U-Net level is described by its U-Net");
        }
    }

    /**
     * Builds the network with PyTorch's default initialisation of every layer.
     *
     * @param config the architecture
     * @param random seeded source for the initial weights
     */
    public UNet(Config config, Random random) {
        ConvNd.check("UNet", config.dims());
        int[] ch = config.channels();
        if (ch.length < 1) {
            throw new IllegalArgumentException("UNet: give at least one level of channels");
        }
        this.config = config;
        int levels = ch.length;
        int dims = config.dims();
        int tdim = config.timeEmbedding() ? 4 * ch[0] : 0;
        this.inc = child("inc", ConvNd.conv(dims, config.inChannels(), ch[0], 3, 1, 1, random));
        this.timeMlp = config.timeEmbedding() ? child("time_mlp", new Sequential(new SinusoidalEmbedding(ch[0]),
                new Linear(ch[0], tdim, random), Activation.silu(), new Linear(tdim, tdim, random))) : null;
        List<Level> downs = new ArrayList<>();
        int prev = ch[0];
        for (int i = 0; i < levels; i++) {
            Level l = new Level().add("res", new ResidualBlock(dims, prev, ch[i], tdim, config.groups(), config.dropout(), random));
            if (attentionAt(i)) {
                l.add("attn", new AttentionBlock(ch[i], config.heads(), config.groups(), random));
            }
            if (i < levels - 1) {
                l.add("down", ConvNd.conv(dims, ch[i], ch[i], 3, 2, 1, random));
            }
            downs.add(l);
            prev = ch[i];
        }
        this.down = child("down", new ModuleList(downs));
        int deep = ch[levels - 1];
        Level m = new Level().add("res1", new ResidualBlock(dims, deep, deep, tdim, config.groups(), config.dropout(), random));
        if (config.midAttention()) {
            m.add("attn", new AttentionBlock(deep, config.heads(), config.groups(), random));
        }
        m.add("res2", new ResidualBlock(dims, deep, deep, tdim, config.groups(), config.dropout(), random));
        this.mid = child("mid", m);
        List<Level> ups = new ArrayList<>();
        for (int i = levels - 1; i >= 0; i--) {
            int below = i == levels - 1 ? deep : ch[i + 1];
            Level l = new Level();
            if (i < levels - 1) {
                l.add("upsample", ConvNd.conv(dims, below, below, 3, 1, 1, random));
            }
            l.add("res", new ResidualBlock(dims, below + ch[i], ch[i], tdim, config.groups(), config.dropout(), random));
            if (attentionAt(i)) {
                l.add("attn", new AttentionBlock(ch[i], config.heads(), config.groups(), random));
            }
            ups.add(l);
        }
        this.up = child("up", new ModuleList(ups));
        this.outNorm = child("out_norm", new GroupNorm(config.groups(), ch[0]));
        this.outConv = child("out_conv", ConvNd.conv(dims, ch[0], config.outChannels(), 3, 1, 1, random));
    }

    private boolean attentionAt(int level) {
        return Arrays.stream(config.attentionLevels()).anyMatch(a -> a == level);
    }

    /** @return the architecture */
    public Config config() {
        return config;
    }

    @Override
    public Tensor forward(Tensor x) {
        return forward(x, null);
    }

    /**
     * @param x         {@code [N, in_channels, H, W]} (or {@code D, H, W})
     * @param timesteps {@code [N]} diffusion timesteps if the network takes them, else null
     * @return {@code [N, out_channels, H, W]}
     */
    @Override
    public Tensor forward(Tensor x, Tensor timesteps) {
        if (x.rank() != config.dims() + 2 || x.dim(1) != config.inChannels()) {
            throw new IllegalArgumentException("UNet: expected input [N, " + config.inChannels()
                    + (config.dims() == 2 ? ", H, W]" : ", D, H, W]") + ", got " + Arrays.toString(x.shape()));
        }
        if ((timeMlp != null) != (timesteps != null)) {
            throw new IllegalArgumentException(timeMlp != null ? "UNet: this network needs timesteps"
                    : "UNet: this network takes no timesteps");
        }
        Tensor temb = timeMlp == null ? null : timeMlp.forward(timesteps);
        int levels = config.channels().length;
        Tensor h = inc.forward(x);
        Tensor[] skips = new Tensor[levels];
        for (int i = 0; i < levels; i++) {
            Level l = (Level) down.get(i);
            h = l.part("res").forward(h, temb);
            if (l.part("attn") != null) {
                h = l.part("attn").forward(h);
            }
            skips[i] = h;
            if (l.part("down") != null) {
                h = l.part("down").forward(h);
            }
        }
        h = mid.part("res1").forward(h, temb);
        if (mid.part("attn") != null) {
            h = mid.part("attn").forward(h);
        }
        h = mid.part("res2").forward(h, temb);
        for (int j = 0; j < levels; j++) {
            int i = levels - 1 - j;
            Level l = (Level) up.get(j);
            if (l.part("upsample") != null) {
                int[] size = Arrays.copyOfRange(skips[i].shape(), 2, skips[i].rank());
                h = l.part("upsample").forward(h.interpolate(size, false, false, null));
            }
            h = Tensor.concat(1, h, skips[i]);
            skips[i] = null;
            h = l.part("res").forward(h, temb);
            if (l.part("attn") != null) {
                h = l.part("attn").forward(h);
            }
        }
        return outConv.forward(outNorm.forward(h).silu());
    }

    @Override
    public Map<String, Object> describe() {
        Config c = config;
        return Options.describe("UNet", "dims", c.dims(), "in_channels", c.inChannels(), "out_channels", c.outChannels(),
                "channels", c.channels(), "attention_levels", c.attentionLevels(), "mid_attention", c.midAttention(),
                "heads", c.heads(), "groups", c.groups(), "time_embedding", c.timeEmbedding(), "dropout", c.dropout());
    }

    static UNet build(Options o) {
        o.allow("dims", "in_channels", "out_channels", "channels", "attention_levels", "mid_attention", "heads", "groups",
                "time_embedding", "dropout");
        return new UNet(new Config(o.integer("dims", 2), o.integer("in_channels"), o.integer("out_channels"),
                o.intList("channels"), o.has("attention_levels") ? o.intList("attention_levels") : new int[0],
                o.bool("mid_attention", true), o.integer("heads", 1), o.integer("groups", 8),
                o.bool("time_embedding", false), o.real("dropout", 0f)), new Random(0));
    }
}
