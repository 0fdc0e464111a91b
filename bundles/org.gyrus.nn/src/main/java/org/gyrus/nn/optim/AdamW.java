package org.gyrus.nn.optim;

import java.util.List;
import org.gyrus.nn.Tensor;

/**
 * Adam with decoupled weight decay, as {@code torch.optim.AdamW}: each step first shrinks the
 * parameters by {@code 1 - lr * weightDecay}, then applies the Adam update.
 */
public final class AdamW extends Adam {

    /**
     * Creates the optimiser.
     *
     * @param params      parameters
     * @param lr          learning rate
     * @param beta1       decay of the first moment (0.9)
     * @param beta2       decay of the second moment (0.999)
     * @param eps         added to the denominator (1e-8)
     * @param weightDecay decoupled decay factor (PyTorch's default is 0.01)
     */
    public AdamW(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        super(params, lr, beta1, beta2, eps, weightDecay, true);
    }
}
