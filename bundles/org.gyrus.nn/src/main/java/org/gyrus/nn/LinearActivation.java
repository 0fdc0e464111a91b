package org.gyrus.nn;

/**
 * The activation applied to a Linear layer's output inside the same operation
 * ({@link Tensor#linear(Tensor, Tensor, LinearActivation)}, {@link PackedLinear}): one graph node
 * and one output array instead of two, and a backward that turns the output's gradient into the
 * pre-activation's in place and sums the bias gradient in the same sweep. The values are those of
 * the separate operations ({@code linear(..).relu()}, {@code .sigmoid()}, {@code .silu()}); SiLU's
 * gradient uses the sigmoid the forward computed (float, the engine's exp) where {@code silu()}'s
 * backward recomputes it in double, so it may differ from that in the last bits.
 */
public enum LinearActivation {
    /** y = x W^T + b. */
    NONE,
    /** y = max(x W^T + b, 0), as {@code Tensor.relu()} (gradient 0 at 0). */
    RELU,
    /** y = 1 / (1 + exp(−(x W^T + b))), as {@code Tensor.sigmoid()}. */
    SIGMOID,
    /** y = z / (1 + exp(−z)) with z = x W^T + b, as {@code Tensor.silu()}. */
    SILU;

    /**
     * Whether the backward needs the pre-activation z and the sigmoid s besides y (SiLU); the
     * others derive their derivative from y alone, so their y overwrites z.
     */
    boolean keepsInput() {
        return this == SILU;
    }

    /**
     * Applies the activation to {@code z[from, to)} into y (y may be z unless {@link #keepsInput()}
     * and s is wanted); s receives SiLU's sigmoid for the backward, or is null.
     */
    void forward(float[] z, float[] y, float[] s, int from, int to) {
        switch (this) {
            case NONE -> {
                if (y != z) {
                    System.arraycopy(z, from, y, from, to - from);
                }
            }
            case RELU -> VectorMath.relu(z, y, from, to);
            case SIGMOID -> VectorMath.sigmoid(z, y, from, to);
            case SILU -> VectorMath.silu(z, y, s, from, to);
        }
    }

    /** Turns d loss / d y in {@code g[from, to)} into d loss / d z, in place. */
    void backward(float[] g, float[] y, float[] z, float[] s, int from, int to) {
        switch (this) {
            case NONE -> { }
            case RELU -> VectorMath.reluBackwardInPlace(y, g, from, to);
            case SIGMOID -> VectorMath.sigmoidBackwardInPlace(y, g, from, to);
            case SILU -> VectorMath.siluBackwardInPlace(z, s, g, from, to);
        }
    }
}
