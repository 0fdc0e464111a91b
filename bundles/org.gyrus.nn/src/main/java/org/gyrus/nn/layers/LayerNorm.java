package org.gyrus.nn.layers;

import org.gyrus.nn.Tensor;

/** Layer normalisation over the last axis with a learned scale ({@code weight}) and shift ({@code bias}). */
public final class LayerNorm extends Module {

    private final int size;
    private final float eps;
    private final Tensor weight;
    private final Tensor bias;

    /**
     * Creates a layer norm with weight 1 and bias 0.
     *
     * @param size length of the normalised last axis
     * @param eps  added to the variance (PyTorch's default is 1e-5)
     */
    public LayerNorm(int size, float eps) {
        this.size = size;
        this.eps = eps;
        this.weight = parameter("weight", Tensor.full(1f, size));
        this.bias = parameter("bias", Tensor.zeros(size));
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.layerNorm(size, weight, bias, eps);
    }

    /**
     * The layer applied to {@code input + residual}, as one operation (see {@link Tensor#addLayerNorm}).
     *
     * @param input    {@code [..., size]}
     * @param residual added to the input before normalising
     * @return {@code [..., size]}
     */
    public Tensor forward(Tensor input, Tensor residual) {
        return input.addLayerNorm(residual, size, weight, bias, eps);
    }

    @Override
    public java.util.Map<String, Object> describe() {
        return Options.describe("LayerNorm", "normalized_shape", new int[] {size}, "eps", eps);
    }

    static LayerNorm build(Options o) {
        o.allow("normalized_shape", "eps", "elementwise_affine");
        o.only("elementwise_affine", Boolean.TRUE, "Gyrus's LayerNorm always has weight and bias");
        int[] shape = o.raw("normalized_shape") instanceof Number ? new int[] {o.integer("normalized_shape")}
                : o.intList("normalized_shape");
        if (shape.length != 1) {
            throw o.error("LayerNorm over one axis only, got normalized_shape " + java.util.Arrays.toString(shape));
        }
        return new LayerNorm(shape[0], o.real("eps", 1e-5f));
    }
}
