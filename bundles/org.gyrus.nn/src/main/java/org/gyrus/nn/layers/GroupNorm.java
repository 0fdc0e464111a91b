package org.gyrus.nn.layers;

import java.util.Map;
import org.gyrus.nn.Tensor;

/** PyTorch's {@code nn.GroupNorm}: statistics per sample and group of channels, per-channel affine. */
public final class GroupNorm extends Module {

    final int numGroups;
    final int numChannels;
    final float eps;
    private final Tensor weight;
    private final Tensor bias;

    /**
     * @param numGroups   groups; must divide the channels
     * @param numChannels channels
     * @param eps         added to the variance (PyTorch's default 1e-5)
     * @param affine      learn a per-channel scale and shift
     */
    public GroupNorm(int numGroups, int numChannels, float eps, boolean affine) {
        if (numGroups < 1 || numChannels % numGroups != 0) {
            throw new IllegalArgumentException("GroupNorm: " + numChannels + " channels cannot be split into "
                    + numGroups + " groups");
        }
        this.numGroups = numGroups;
        this.numChannels = numChannels;
        this.eps = eps;
        this.weight = affine ? parameter("weight", Tensor.full(1f, numChannels)) : null;
        this.bias = affine ? parameter("bias", Tensor.zeros(numChannels)) : null;
    }

    /**
     * @param numGroups   groups
     * @param numChannels channels; eps 1e-5, affine
     */
    public GroupNorm(int numGroups, int numChannels) {
        this(numGroups, numChannels, 1e-5f, true);
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.groupNorm(numGroups, weight, bias, eps);
    }

    @Override
    public Map<String, Object> describe() {
        return Options.describe("GroupNorm", "num_groups", numGroups, "num_channels", numChannels, "eps", eps,
                "affine", weight != null);
    }

    static GroupNorm build(Options o) {
        o.allow("num_groups", "num_channels", "eps", "affine");
        return new GroupNorm(o.integer("num_groups"), o.integer("num_channels"), o.real("eps", 1e-5f), o.bool("affine", true));
    }
}
