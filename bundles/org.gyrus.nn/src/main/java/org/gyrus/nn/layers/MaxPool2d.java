package org.gyrus.nn.layers;

/**
 * PyTorch's {@code nn.MaxPool2d}: padding counts as minus infinity; the gradient of a window goes to
 * its first maximum in scan order (ties included), as in PyTorch.
 */
public final class MaxPool2d extends PoolLayer {

    /**
     * @param kernel   window (one value or 2)
     * @param stride   step (one value or 2), or null for the window size
     * @param padding  padding (one value or 2)
     * @param dilation spacing of the window's elements (one value or 2)
     * @param ceilMode ceiling instead of floor for the output size
     */
    public MaxPool2d(int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
        super(true, 2, kernel, stride, padding, dilation, ceilMode, true, 0);
    }

    /**
     * @param kernel window along every axis; the stride is the window
     */
    public MaxPool2d(int kernel) {
        this(new int[] {kernel}, null, new int[] {0}, new int[] {1}, false);
    }

    static MaxPool2d build(Options o) {
        o.allow("kernel_size", "stride", "padding", "dilation", "ceil_mode", "return_indices");
        o.only("return_indices", Boolean.FALSE, "a module in a network returns one tensor");
        return new MaxPool2d(o.ints("kernel_size", 2), strideOrNull(o, 2), o.ints("padding", 2, 0),
                o.ints("dilation", 2, 1), o.bool("ceil_mode", false));
    }
}
