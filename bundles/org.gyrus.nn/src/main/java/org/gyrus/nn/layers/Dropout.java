package org.gyrus.nn.layers;

import java.util.Random;
import org.gyrus.nn.Tensor;

/** Inverted dropout, active only in training mode; masks come from a seeded source. */
public final class Dropout extends Module {

    private final float p;
    private final Random random;

    /**
     * Creates a dropout layer.
     *
     * @param p      drop probability in [0, 1)
     * @param random seeded source of the masks
     */
    public Dropout(float p, Random random) {
        if (p < 0f || p >= 1f) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1): " + p);
        }
        this.p = p;
        this.random = random;
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.dropout(p, isTraining(), random);
    }

    @Override
    public java.util.Map<String, Object> describe() {
        return Options.describe("Dropout", "p", p);
    }

    static Dropout build(Options o) {
        o.allow("p", "inplace");
        return new Dropout(o.real("p", 0.5f), new Random(0));
    }
}
