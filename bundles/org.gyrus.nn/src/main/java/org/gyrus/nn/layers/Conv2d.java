package org.gyrus.nn.layers;

import java.util.Random;

/** PyTorch's {@code nn.Conv2d} on NCHW tensors: same parameters, names, options and initialisation. */
public final class Conv2d extends ConvLayer {

    /**
     * Creates the layer with PyTorch's default initialisation.
     *
     * @param inChannels  input channels
     * @param outChannels output channels
     * @param kernel      kernel size (one value for every axis, or 2)
     * @param stride      stride (one value or 2)
     * @param padding     zero padding, or {@link Padding#same()}
     * @param dilation    dilation (one value or 2)
     * @param groups      channel groups
     * @param bias        whether to add a bias
     * @param random      seeded source for the initial weights
     */
    public Conv2d(int inChannels, int outChannels, int[] kernel, int[] stride, Padding padding, int[] dilation,
                  int groups, boolean bias, Random random) {
        super(2, inChannels, outChannels, kernel, stride, padding, dilation, groups, bias, random);
    }

    /**
     * Creates a layer with a bias, dilation 1 and one group.
     *
     * @param inChannels  input channels
     * @param outChannels output channels
     * @param kernel      kernel size along every axis
     * @param stride      stride along every axis
     * @param padding     zeros on both sides of every axis
     * @param random      seeded source for the initial weights
     */
    public Conv2d(int inChannels, int outChannels, int kernel, int stride, int padding, Random random) {
        this(inChannels, outChannels, new int[] {kernel}, new int[] {stride}, Padding.of(padding), new int[] {1}, 1, true, random);
    }

    static Conv2d build(Options o) {
        Config c = Config.read(o, 2);
        return new Conv2d(c.in(), c.out(), c.kernel(), c.stride(), c.padding(), c.dilation(), c.groups(), c.bias(), new Random(0));
    }
}
