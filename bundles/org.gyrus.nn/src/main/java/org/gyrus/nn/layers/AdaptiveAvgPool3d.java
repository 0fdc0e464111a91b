package org.gyrus.nn.layers;

import java.util.Map;
import org.gyrus.nn.Tensor;

/** PyTorch's {@code nn.AdaptiveAvgPool3d}: average pooling to a fixed output size. */
public final class AdaptiveAvgPool3d extends Module {

    private final int[] outputSize;

    /**
     * @param outputSize output size (one value or 3)
     */
    public AdaptiveAvgPool3d(int... outputSize) {
        this.outputSize = ConvLayer.expand("output_size", outputSize, 3);
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.adaptiveAvgPool(outputSize);
    }

    @Override
    public Map<String, Object> describe() {
        return Options.describe("AdaptiveAvgPool3d", "output_size", outputSize);
    }

    static AdaptiveAvgPool3d build(Options o) {
        o.allow("output_size");
        return new AdaptiveAvgPool3d(o.ints("output_size", 3));
    }
}
