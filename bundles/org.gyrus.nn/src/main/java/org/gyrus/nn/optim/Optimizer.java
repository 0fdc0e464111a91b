package org.gyrus.nn.optim;

import java.util.List;
import org.gyrus.nn.Tensor;

/**
 * Updates parameters in place from their accumulated gradients. Parameters without a gradient are
 * skipped, as in PyTorch. Call {@link #zeroGrad()} before each backward pass (gradients
 * accumulate).
 */
public abstract class Optimizer {

    private final List<Tensor> params;
    private double lr;
    private int steps;

    /**
     * Creates an optimiser over a fixed list of parameters.
     *
     * @param params the parameters
     * @param lr     the learning rate
     */
    protected Optimizer(List<Tensor> params, double lr) {
        if (!(lr >= 0)) {
            throw new IllegalArgumentException("learning rate must be >= 0: " + lr);
        }
        this.params = List.copyOf(params);
        this.lr = lr;
    }

    /** Applies one update to every parameter that has a gradient. */
    public final void step() {
        steps++;
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            if (p.grad() != null) {
                update(i, p.data(), p.grad());
            }
        }
    }

    /**
     * Updates one parameter.
     *
     * @param index position of the parameter in the list (for per-parameter state)
     * @param param its values, updated in place
     * @param grad  its gradient
     */
    protected abstract void update(int index, float[] param, float[] grad);

    /** Discards the gradients of all parameters. */
    public final void zeroGrad() {
        params.forEach(Tensor::zeroGrad);
    }

    /** @return the current learning rate */
    public final double lr() {
        return lr;
    }

    /**
     * Sets the learning rate (what schedules do between steps).
     *
     * @param lr the new rate
     */
    public final void setLr(double lr) {
        this.lr = lr;
    }

    /** @return the number of {@link #step()} calls so far */
    public final int steps() {
        return steps;
    }

    /** @return the parameters, unmodifiable */
    public final List<Tensor> params() {
        return params;
    }
}
