package org.gyrus.nn.layers;

import java.util.Map;
import org.gyrus.nn.Tensor;

/** PyTorch's {@code nn.AdaptiveAvgPool2d}: average pooling to a fixed output size. */
public final class AdaptiveAvgPool2d extends Module {

    private final int[] outputSize;

    /**
     * @param outputSize output size (one value or 2)
     */
    public AdaptiveAvgPool2d(int... outputSize) {
        this.outputSize = ConvLayer.expand("output_size", outputSize, 2);
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.adaptiveAvgPool(outputSize);
    }

    @Override
    public Map<String, Object> describe() {
        return Options.describe("AdaptiveAvgPool2d", "output_size", outputSize);
    }

    static AdaptiveAvgPool2d build(Options o) {
        o.allow("output_size");
        return new AdaptiveAvgPool2d(o.ints("output_size", 2));
    }
}
