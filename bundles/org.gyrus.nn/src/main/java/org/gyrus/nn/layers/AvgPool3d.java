package org.gyrus.nn.layers;

/** PyTorch's {@code nn.AvgPool3d}. */
public final class AvgPool3d extends PoolLayer {

    /**
     * @param kernel          window (one value or 3)
     * @param stride          step (one value or 3), or null for the window size
     * @param padding         zero padding (one value or 3)
     * @param ceilMode        ceiling instead of floor for the output size
     * @param countIncludePad divide by the window including padding (PyTorch's default)
     * @param divisorOverride divide by this instead, if positive
     */
    public AvgPool3d(int[] kernel, int[] stride, int[] padding, boolean ceilMode, boolean countIncludePad,
                     int divisorOverride) {
        super(false, 3, kernel, stride, padding, new int[] {1}, ceilMode, countIncludePad, divisorOverride);
    }

    /**
     * @param kernel window along every axis; the stride is the window
     */
    public AvgPool3d(int kernel) {
        this(new int[] {kernel}, null, new int[] {0}, false, true, 0);
    }

    static AvgPool3d build(Options o) {
        o.allow("kernel_size", "stride", "padding", "ceil_mode", "count_include_pad", "divisor_override");
        return new AvgPool3d(o.ints("kernel_size", 3), strideOrNull(o, 3), o.ints("padding", 3, 0),
                o.bool("ceil_mode", false), o.bool("count_include_pad", true), o.integer("divisor_override", 0));
    }
}
