package org.gyrus.nn.layers;

import org.gyrus.nn.Tensor;

/**
 * The sinusoidal positional encoding of "Attention is all you need":
 * {@code pe[p, 2i] = sin(p / 10000^(2i/d))}, {@code pe[p, 2i+1] = cos(p / 10000^(2i/d))}, added to
 * {@code [B, T, d]} or {@code [T, d]} inputs. It has no parameters.
 */
public final class PositionalEncoding extends Module {

    private final int maxLength;
    private final int dim;
    private final Tensor table;

    /**
     * Precomputes the encodings.
     *
     * @param maxLength longest sequence supported
     * @param dim       model width
     */
    public PositionalEncoding(int maxLength, int dim) {
        this.maxLength = maxLength;
        this.dim = dim;
        this.table = table(maxLength, dim);
    }

    /**
     * The encoding table itself.
     *
     * @param length number of positions
     * @param dim    model width
     * @return {@code [length, dim]}
     */
    public static Tensor table(int length, int dim) {
        float[] pe = new float[length * dim];
        for (int p = 0; p < length; p++) {
            for (int i = 0; i < dim; i += 2) {
                double angle = p * Math.exp(-Math.log(10000.0) * i / dim);
                pe[p * dim + i] = (float) Math.sin(angle);
                if (i + 1 < dim) {
                    pe[p * dim + i + 1] = (float) Math.cos(angle);
                }
            }
        }
        return Tensor.wrap(pe, length, dim);
    }

    @Override
    public Tensor forward(Tensor x) {
        int t = x.dim(-2);
        if (t > maxLength || x.dim(-1) != dim) {
            throw new IllegalArgumentException("input " + java.util.Arrays.toString(x.shape())
                    + " does not fit positions " + maxLength + " x " + dim);
        }
        return x.add(t == maxLength ? table : table.slice(0, 0, t));
    }
}
