package org.gyrus.nn.layers;

/**
 * The padding of a convolution: explicit zeros per spatial axis, or PyTorch's {@code "same"} (the
 * output keeps the input's size; stride 1 only; an odd total puts the extra zero at the end).
 *
 * @param values zeros per spatial axis, or null for "same"
 */
public record Padding(int[] values) {

    /**
     * @param values zeros per spatial axis (one value applies to every axis)
     * @return explicit padding
     */
    public static Padding of(int... values) {
        return new Padding(values.clone());
    }

    /** @return PyTorch's {@code padding="same"} */
    public static Padding same() {
        return new Padding(null);
    }

    /** @return whether this is "same" */
    public boolean isSame() {
        return values == null;
    }

    /** Zeros before and after each axis for a kernel and dilation. */
    int[][] resolve(int[] kernel, int[] dilation) {
        int n = kernel.length;
        int[] before = new int[n];
        int[] after = new int[n];
        for (int i = 0; i < n; i++) {
            if (values == null) {
                int total = dilation[i] * (kernel[i] - 1);
                before[i] = total / 2;
                after[i] = total - before[i];
            } else {
                before[i] = values.length == 1 ? values[0] : values[i];
                after[i] = before[i];
            }
        }
        return new int[][] {before, after};
    }
}
