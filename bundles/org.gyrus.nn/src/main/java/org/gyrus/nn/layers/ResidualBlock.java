package org.gyrus.nn.layers;

import java.util.Map;
import java.util.Random;
import org.gyrus.nn.Tensor;

/**
 * The residual block of diffusion U-Nets (Ho et al. 2020): {@code h = conv1(SiLU(norm1(x)))}, plus a
 * projection of the timestep embedding when there is one, then {@code conv2(dropout(SiLU(norm2(h))))};
 * the output is {@code skip(x) + h}, where skip is a 1x1 convolution when the channel count changes
 * and the identity otherwise. Norms are GroupNorm, convolutions 3x3 with padding 1. Children:
 * {@code norm1, conv1, time_proj, norm2, dropout, conv2, skip}.
 */
public final class ResidualBlock extends Module {

    final int dims;
    final int inChannels;
    final int outChannels;
    final int timeChannels;
    final int groups;
    final float dropoutP;
    private final GroupNorm norm1;
    private final Module conv1;
    private final Linear timeProj;
    private final GroupNorm norm2;
    private final Dropout dropout;
    private final Module conv2;
    private final Module skip;

    /**
     * @param dims         2 for images, 3 for volumes
     * @param inChannels   input channels
     * @param outChannels  output channels
     * @param timeChannels width of the timestep embedding, or 0 for none
     * @param groups       GroupNorm groups; must divide both channel counts
     * @param dropout      dropout probability before the second convolution
     * @param random       seeded source for the initial weights
     */
    public ResidualBlock(int dims, int inChannels, int outChannels, int timeChannels, int groups, float dropout,
                         Random random) {
        ConvNd.check("ResidualBlock", dims);
        this.dims = dims;
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.timeChannels = timeChannels;
        this.groups = groups;
        this.dropoutP = dropout;
        this.norm1 = child("norm1", new GroupNorm(groups, inChannels));
        this.conv1 = child("conv1", ConvNd.conv(dims, inChannels, outChannels, 3, 1, 1, random));
        this.timeProj = timeChannels > 0 ? child("time_proj", new Linear(timeChannels, outChannels, random)) : null;
        this.norm2 = child("norm2", new GroupNorm(groups, outChannels));
        this.dropout = child("dropout", new Dropout(dropout, random));
        this.conv2 = child("conv2", ConvNd.conv(dims, outChannels, outChannels, 3, 1, 1, random));
        this.skip = inChannels != outChannels ? child("skip", ConvNd.conv(dims, inChannels, outChannels, 1, 1, 0, random)) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        return forward(x, null);
    }

    /**
     * @param x    {@code [N, in, ...]}
     * @param temb the timestep embedding {@code [N, timeChannels]}, or null when the block has none
     * @return {@code [N, out, ...]}
     */
    @Override
    public Tensor forward(Tensor x, Tensor temb) {
        Tensor h = conv1.forward(norm1.forward(x).silu());
        if (timeProj != null) {
            if (temb == null) {
                throw new IllegalArgumentException("ResidualBlock with a timestep embedding needs one");
            }
            Tensor t = timeProj.forward(temb.silu());
            int[] shape = new int[dims + 2];
            java.util.Arrays.fill(shape, 1);
            shape[0] = t.dim(0);
            shape[1] = t.dim(1);
            h = h.add(t.reshape(shape));
        }
        h = conv2.forward(dropout.forward(norm2.forward(h).silu()));
        return (skip == null ? x : skip.forward(x)).add(h);
    }

    @Override
    public Map<String, Object> describe() {
        return Options.describe("ResidualBlock", "dims", dims, "in_channels", inChannels, "out_channels", outChannels,
                "time_channels", timeChannels, "groups", groups, "dropout", dropoutP);
    }

    static ResidualBlock build(Options o) {
        o.allow("dims", "in_channels", "out_channels", "time_channels", "groups", "dropout");
        return new ResidualBlock(o.integer("dims", 2), o.integer("in_channels"), o.integer("out_channels"),
                o.integer("time_channels", 0), o.integer("groups", 8), o.real("dropout", 0f), new Random(0));
    }
}
