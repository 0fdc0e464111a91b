package org.gyrus.nn.layers;

import java.util.Random;

/** PyTorch's {@code nn.Conv3d} on NCDHW tensors: same parameters, names, options and initialisation. */
public final class Conv3d extends ConvLayer {

    /**
     * Creates the layer with PyTorch's default initialisation.
     *
     * @param inChannels  input channels
     * @param outChannels output channels
     * @param kernel      kernel size (one value for every axis, or 3)
     * @param stride      stride (one value or 3)
     * @param padding     zero padding, or {@link Padding#same()}
     * @param dilation    dilation (one value or 3)
     * @param groups      channel groups
     * @param bias        whether to add a bias
     * @param random      seeded source for the initial weights
     */
    public Conv3d(int inChannels, int outChannels, int[] kernel, int[] stride, Padding padding, int[] dilation,
                  int groups, boolean bias, Random random) {
        super(3, inChannels, outChannels, kernel, stride, padding, dilation, groups, bias, random);
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
    public Conv3d(int inChannels, int outChannels, int kernel, int stride, int padding, Random random) {
        this(inChannels, outChannels, new int[] {kernel}, new int[] {stride}, Padding.of(padding), new int[] {1}, 1, true, random);
    }

    static Conv3d build(Options o) {
        Config c = Config.read(o, 3);
        return new Conv3d(c.in(), c.out(), c.kernel(), c.stride(), c.padding(), c.dilation(), c.groups(), c.bias(), new Random(0));
    }
}
