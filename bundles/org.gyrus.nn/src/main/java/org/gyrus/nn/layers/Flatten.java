package org.gyrus.nn.layers;

import java.util.Map;
import org.gyrus.nn.Tensor;

/** PyTorch's {@code nn.Flatten}: merges axes {@code start_dim..end_dim} (default 1..-1) into one. */
public final class Flatten extends Module {

    private final int startDim;
    private final int endDim;

    /**
     * @param startDim first axis merged
     * @param endDim   last axis merged (negative counts from the end)
     */
    public Flatten(int startDim, int endDim) {
        this.startDim = startDim;
        this.endDim = endDim;
    }

    /** Flattens everything after the batch axis. */
    public Flatten() {
        this(1, -1);
    }

    @Override
    public Tensor forward(Tensor input) {
        int[] s = input.shape();
        int a = startDim < 0 ? startDim + s.length : startDim;
        int b = endDim < 0 ? endDim + s.length : endDim;
        if (a < 0 || b >= s.length || a > b) {
            throw new IllegalArgumentException("Flatten(" + startDim + ", " + endDim + "): input has " + s.length + " axes");
        }
        int[] shape = new int[s.length - (b - a)];
        int merged = 1;
        for (int i = a; i <= b; i++) {
            merged *= s[i];
        }
        for (int i = 0, j = 0; i < s.length; i++) {
            if (i < a || i > b) {
                shape[j++] = s[i];
            } else if (i == a) {
                shape[j++] = merged;
            }
        }
        return input.reshape(shape);
    }

    @Override
    public Map<String, Object> describe() {
        return Options.describe("Flatten", "start_dim", startDim, "end_dim", endDim);
    }

    static Flatten build(Options o) {
        o.allow("start_dim", "end_dim");
        return new Flatten(o.integer("start_dim", 1), o.integer("end_dim", -1));
    }
}
