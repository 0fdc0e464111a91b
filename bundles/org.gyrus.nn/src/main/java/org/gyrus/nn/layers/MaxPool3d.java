package org.gyrus.nn.layers;

/**
 * PyTorch's {@code nn.MaxPool3d}: padding counts as minus infinity; the gradient of a window goes to
 * its first maximum in scan order (ties included), as in PyTorch.
 */
public final class MaxPool3d extends PoolLayer {

    /**
     * @param kernel   window (one value or 3)
     * @param stride   step (one value or 3), or null for the window size
     * @param padding  padding (one value or 3)
     * @param dilation spacing of the window's elements (one value or 3)
     * @param ceilMode ceiling instead of floor for the output size
     */
    public MaxPool3d(int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
        super(true, 3, kernel, stride, padding, dilation, ceilMode, true, 0);
    }

    /**
     * @param kernel window along every axis; the stride is the window
     */
    public MaxPool3d(int kernel) {
        this(new int[] {kernel}, null, new int[] {0}, new int[] {1}, false);
    }

    static MaxPool3d build(Options o) {
        o.allow("kernel_size", "stride", "padding", "dilation", "ceil_mode", "return_indices");
        o.only("return_indices", Boolean.FALSE, "a module in a network returns one tensor");
        return new MaxPool3d(o.ints("kernel_size", 3), strideOrNull(o, 3), o.ints("padding", 3, 0),
                o.ints("dilation", 3, 1), o.bool("ceil_mode", false));
    }
}
