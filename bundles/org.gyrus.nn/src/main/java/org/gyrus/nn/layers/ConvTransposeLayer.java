package org.gyrus.nn.layers;

import java.util.Map;
import java.util.Random;
import org.gyrus.nn.Tensor;

/**
 * What ConvTranspose2d and ConvTranspose3d share: PyTorch's {@code weight [in, out/groups, k...]},
 * {@code bias [out]}, default initialisation and options.
 */
abstract class ConvTransposeLayer extends Module {

    final int inChannels;
    final int outChannels;
    final int[] kernel;
    final int[] stride;
    final int[] padding;
    final int[] outputPadding;
    final int[] dilation;
    final int groups;
    private final Tensor weight;
    private final Tensor bias;

    ConvTransposeLayer(int dims, int inChannels, int outChannels, int[] kernel, int[] stride, int[] padding,
                       int[] outputPadding, int groups, boolean bias, int[] dilation, Random random) {
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = ConvLayer.expand("kernel_size", kernel, dims);
        this.stride = ConvLayer.expand("stride", stride, dims);
        this.padding = ConvLayer.expand("padding", padding, dims);
        this.outputPadding = ConvLayer.expand("output_padding", outputPadding, dims);
        this.dilation = ConvLayer.expand("dilation", dilation, dims);
        this.groups = groups;
        if (groups < 1 || inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": in_channels " + inChannels
                    + " and out_channels " + outChannels + " must be divisible by groups " + groups);
        }
        int[] shape = new int[dims + 2];
        shape[0] = inChannels;
        shape[1] = outChannels / groups;
        System.arraycopy(this.kernel, 0, shape, 2, dims);
        this.weight = parameter("weight", Tensor.zeros(shape));
        this.bias = bias ? parameter("bias", Tensor.zeros(outChannels)) : null;
        Init.linearDefault(weight, this.bias, random);
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
        return input.convTranspose(weight, bias, stride, padding, outputPadding, dilation, groups);
    }

    @Override
    public Map<String, Object> describe() {
        return Options.describe(getClass().getSimpleName(), "in_channels", inChannels, "out_channels", outChannels,
                "kernel_size", kernel, "stride", stride, "padding", padding, "output_padding", outputPadding,
                "groups", groups, "bias", bias != null, "dilation", dilation);
    }
}
