package org.gyrus.nn.layers;

import java.util.Random;
import org.gyrus.nn.Tensor;

/** A lookup table of learned vectors, {@code weight[num, dim]} initialised N(0, 1) as in PyTorch. */
public final class Embedding extends Module {

    private final Tensor weight;
    private final int dim;

    /**
     * Creates an embedding table.
     *
     * @param num    number of entries
     * @param dim    vector length
     * @param random seeded source for the initial vectors
     */
    public Embedding(int num, int dim, Random random) {
        this.dim = dim;
        this.weight = parameter("weight", Tensor.randn(random, num, dim));
    }

    /**
     * Looks up vectors.
     *
     * @param ids        row-major indices
     * @param idsShape   their shape
     * @return {@code [idsShape..., dim]}
     */
    public Tensor lookup(int[] ids, int... idsShape) {
        int[] shape = java.util.Arrays.copyOf(idsShape, idsShape.length + 1);
        shape[idsShape.length] = dim;
        return weight.indexSelect(0, ids).reshape(shape);
    }

    /** Looks up the vectors for a tensor holding integer ids (as floats). */
    @Override
    public Tensor forward(Tensor ids) {
        float[] f = ids.data();
        int[] idx = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            idx[i] = Math.round(f[i]);
        }
        return lookup(idx, ids.shape());
    }
}
