package org.gyrus.nn.layers;

import java.util.Random;

/** PyTorch's {@code nn.ConvTranspose3d}: same parameters, names, options and initialisation. */
public final class ConvTranspose3d extends ConvTransposeLayer {

    /**
     * Creates the layer with PyTorch's default initialisation.
     *
     * @param inChannels    input channels
     * @param outChannels   output channels
     * @param kernel        kernel size (one value or 3)
     * @param stride        stride (one value or 3)
     * @param padding       padding (one value or 3)
     * @param outputPadding extra output length (one value or 3)
     * @param groups        channel groups
     * @param bias          whether to add a bias
     * @param dilation      dilation (one value or 3)
     * @param random        seeded source for the initial weights
     */
    public ConvTranspose3d(int inChannels, int outChannels, int[] kernel, int[] stride, int[] padding,
                           int[] outputPadding, int groups, boolean bias, int[] dilation, Random random) {
        super(3, inChannels, outChannels, kernel, stride, padding, outputPadding, groups, bias, dilation, random);
    }

    /**
     * Creates a layer with a bias, no output padding, one group and dilation 1.
     *
     * @param inChannels  input channels
     * @param outChannels output channels
     * @param kernel      kernel size along every axis
     * @param stride      stride along every axis
     * @param padding     padding along every axis
     * @param random      seeded source for the initial weights
     */
    public ConvTranspose3d(int inChannels, int outChannels, int kernel, int stride, int padding, Random random) {
        this(inChannels, outChannels, new int[] {kernel}, new int[] {stride}, new int[] {padding}, new int[] {0}, 1, true,
                new int[] {1}, random);
    }

    static ConvTranspose3d build(Options o) {
        o.allow("in_channels", "out_channels", "kernel_size", "stride", "padding", "output_padding", "groups", "bias",
                "dilation", "padding_mode");
        o.only("padding_mode", "zeros", "only zero padding is implemented");
        return new ConvTranspose3d(o.integer("in_channels"), o.integer("out_channels"), o.ints("kernel_size", 3),
                o.ints("stride", 3, 1), o.ints("padding", 3, 0), o.ints("output_padding", 3, 0), o.integer("groups", 1),
                o.bool("bias", true), o.ints("dilation", 3, 1), new Random(0));
    }
}
