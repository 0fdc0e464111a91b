package org.gyrus.nn.optim;

import java.util.List;
import org.gyrus.nn.Tensor;

/**
 * Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay, as
 * {@code torch.optim.SGD} (the first step seeds the momentum buffer with the gradient).
 */
public final class Sgd extends Optimizer {

    private final float momentum;
    private final float dampening;
    private final float weightDecay;
    private final boolean nesterov;
    private final float[][] buffers;

    /**
     * Creates the optimiser.
     *
     * @param params      parameters
     * @param lr          learning rate
     * @param momentum    momentum factor (0 for plain SGD)
     * @param dampening   dampening of the momentum
     * @param weightDecay L2 penalty added to the gradient
     * @param nesterov    use Nesterov momentum
     */
    public Sgd(List<Tensor> params, double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
        super(params, lr);
        this.momentum = (float) momentum;
        this.dampening = (float) dampening;
        this.weightDecay = (float) weightDecay;
        this.nesterov = nesterov;
        this.buffers = new float[params.size()][];
    }

    /**
     * Plain SGD with momentum.
     *
     * @param params   parameters
     * @param lr       learning rate
     * @param momentum momentum factor
     */
    public Sgd(List<Tensor> params, double lr, double momentum) {
        this(params, lr, momentum, 0, 0, false);
    }

    @Override
    protected void update(int index, float[] p, float[] g) {
        float lr = (float) lr();
        boolean first = momentum != 0f && buffers[index] == null;
        if (first) {
            buffers[index] = new float[p.length];
        }
        float[] buf = buffers[index];
        for (int i = 0; i < p.length; i++) {
            float d = weightDecay != 0f ? g[i] + weightDecay * p[i] : g[i];
            if (momentum != 0f) {
                buf[i] = first ? d : buf[i] * momentum + (1f - dampening) * d;
                d = nesterov ? d + momentum * buf[i] : buf[i];
            }
            p[i] += -lr * d;
        }
    }
}
