package org.gyrus.nn.layers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.gyrus.nn.Tensor;

/**
 * PyTorch's max and average pooling modules (2-d and 3-d) with their options; the stride defaults
 * to the kernel size, as in PyTorch.
 */
abstract class PoolLayer extends Module {

    final boolean max;
    final int[] kernel;
    final int[] stride;
    final int[] padding;
    final int[] dilation;
    final boolean ceilMode;
    final boolean countIncludePad;
    final int divisorOverride;

    PoolLayer(boolean max, int dims, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode,
              boolean countIncludePad, int divisorOverride) {
        this.max = max;
        this.kernel = ConvLayer.expand("kernel_size", kernel, dims);
        this.stride = stride == null ? this.kernel.clone() : ConvLayer.expand("stride", stride, dims);
        this.padding = ConvLayer.expand("padding", padding, dims);
        this.dilation = ConvLayer.expand("dilation", dilation, dims);
        this.ceilMode = ceilMode;
        this.countIncludePad = countIncludePad;
        this.divisorOverride = divisorOverride;
    }

    @Override
    public Tensor forward(Tensor input) {
        return max ? input.maxPool(kernel, stride, padding, dilation, ceilMode)
                : input.avgPool(kernel, stride, padding, ceilMode, countIncludePad, divisorOverride);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = Options.describe(getClass().getSimpleName(), "kernel_size", kernel, "stride", stride,
                "padding", padding);
        if (max) {
            m.put("dilation", Options.list(dilation));
            m.put("ceil_mode", ceilMode);
        } else {
            m.put("ceil_mode", ceilMode);
            m.put("count_include_pad", countIncludePad);
            m.put("divisor_override", divisorOverride > 0 ? divisorOverride : null);
        }
        return new LinkedHashMap<>(m);
    }

    static int[] strideOrNull(Options o, int dims) {
        return o.has("stride") ? o.ints("stride", dims) : null;
    }
}
