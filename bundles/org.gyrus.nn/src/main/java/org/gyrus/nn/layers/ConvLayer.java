package org.gyrus.nn.layers;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.gyrus.nn.Tensor;

/**
 * What Conv1d, Conv2d and Conv3d share: PyTorch's parameters {@code weight [out, in/groups, k...]}
 * and {@code bias [out]}, its default initialisation, and its options (zero padding only).
 */
abstract class ConvLayer extends Module {

    final int inChannels;
    final int outChannels;
    final int[] kernel;
    final int[] stride;
    final Padding padding;
    final int[] dilation;
    final int groups;
    private final int[][] pads;
    private final Tensor weight;
    private final Tensor bias;

    ConvLayer(int dims, int inChannels, int outChannels, int[] kernel, int[] stride, Padding padding, int[] dilation,
              int groups, boolean bias, Random random) {
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = expand("kernel_size", kernel, dims);
        this.stride = expand("stride", stride, dims);
        this.dilation = expand("dilation", dilation, dims);
        this.padding = padding.isSame() ? padding : Padding.of(expand("padding", padding.values(), dims));
        this.groups = groups;
        if (groups < 1 || inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": in_channels " + inChannels
                    + " and out_channels " + outChannels + " must be divisible by groups " + groups);
        }
        if (padding.isSame() && Arrays.stream(this.stride).anyMatch(s -> s != 1)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": padding \"same\" needs stride 1, got "
                    + Arrays.toString(this.stride));
        }
        this.pads = this.padding.resolve(this.kernel, this.dilation);
        int[] shape = new int[dims + 2];
        shape[0] = outChannels;
        shape[1] = inChannels / groups;
        System.arraycopy(this.kernel, 0, shape, 2, dims);
        this.weight = parameter("weight", Tensor.zeros(shape));
        this.bias = bias ? parameter("bias", Tensor.zeros(outChannels)) : null;
        Init.linearDefault(weight, this.bias, random);
    }

    static int[] expand(String name, int[] v, int dims) {
        if (v.length == dims) {
            return v.clone();
        }
        if (v.length == 1) {
            int[] r = new int[dims];
            Arrays.fill(r, v[0]);
            return r;
        }
        throw new IllegalArgumentException(name + " needs 1 or " + dims + " values, got " + Arrays.toString(v));
    }

    /** @return the weight (live parameter) */
    public Tensor weight() {
        return weight;
    }

    /** @return the bias (live parameter), or null */
    public Tensor bias() {
        return bias;
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.conv(weight, bias, stride, pads[0], pads[1], dilation, groups);
    }

    @Override
    public Map<String, Object> describe() {
        return Options.describe(getClass().getSimpleName(), "in_channels", inChannels, "out_channels", outChannels,
                "kernel_size", kernel, "stride", stride, "padding", padding.isSame() ? "same" : Options.list(padding.values()),
                "dilation", dilation, "groups", groups, "bias", bias != null);
    }

    /** Reads the options of a description (the inverse of {@link #describe()}). */
    record Config(int in, int out, int[] kernel, int[] stride, Padding padding, int[] dilation, int groups, boolean bias) {
        static Config read(Options o, int dims) {
            o.allow("in_channels", "out_channels", "kernel_size", "stride", "padding", "dilation", "groups", "bias",
                    "padding_mode");
            o.only("padding_mode", "zeros", "only zero padding is implemented");
            Object raw = o.isPresent("padding") ? o.raw("padding") : 0L;
            Padding p = "same".equals(raw) ? Padding.same()
                    : "valid".equals(raw) ? Padding.of(0) : Padding.of(o.ints("padding", dims, 0));
            return new Config(o.integer("in_channels"), o.integer("out_channels"), o.ints("kernel_size", dims),
                    o.ints("stride", dims, 1), p, o.ints("dilation", dims, 1), o.integer("groups", 1), o.bool("bias", true));
        }
    }
}
