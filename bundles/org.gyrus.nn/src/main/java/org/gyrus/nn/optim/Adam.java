package org.gyrus.nn.optim;

import java.util.List;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.gyrus.nn.Tensor;
import org.gyrus.nn.linalg.Parallel;

/**
 * Adam, as {@code torch.optim.Adam}: bias-corrected first and second moment estimates; weight
 * decay, if any, is added to the gradient (L2). For decoupled weight decay use {@link AdamW}.
 */
public class Adam extends Optimizer {

    private static final int GRAIN = 1 << 15;
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private final double beta1;
    private final double beta2;
    private final float eps;
    private final float weightDecay;
    private final boolean decoupled;
    private final float[][] m;
    private final float[][] v;

    /**
     * Creates the optimiser.
     *
     * @param params      parameters
     * @param lr          learning rate
     * @param beta1       decay of the first moment (0.9)
     * @param beta2       decay of the second moment (0.999)
     * @param eps         added to the denominator (1e-8)
     * @param weightDecay L2 penalty added to the gradient
     */
    public Adam(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        this(params, lr, beta1, beta2, eps, weightDecay, false);
    }

    /**
     * Creates the optimiser with PyTorch's defaults (betas 0.9, 0.999, eps 1e-8, no weight decay).
     *
     * @param params parameters
     * @param lr     learning rate
     */
    public Adam(List<Tensor> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 0);
    }

    Adam(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay, boolean decoupled) {
        super(params, lr);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = (float) eps;
        this.weightDecay = (float) weightDecay;
        this.decoupled = decoupled;
        this.m = new float[params.size()][];
        this.v = new float[params.size()][];
    }

    @Override
    protected final void update(int index, float[] p, float[] g) {
        if (m[index] == null) {
            m[index] = new float[p.length];
            v[index] = new float[p.length];
        }
        float[] mi = m[index];
        float[] vi = v[index];
        int t = steps();
        double lr = lr();
        // Same operation order and float/double split as PyTorch's single-tensor implementation.
        float stepSize = (float) (lr / (1 - Math.pow(beta1, t)));
        float bc2Sqrt = (float) Math.sqrt(1 - Math.pow(beta2, t));
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float a1 = (float) (1 - beta1);
        float a2 = (float) (1 - beta2);
        float decay = decoupled ? (float) (1 - lr * weightDecay) : 1f;
        float l2 = decoupled ? 0f : weightDecay;
        Parallel.forRange(p.length, GRAIN, (from, to) -> sweep(p, g, mi, vi, from, to, decay, l2, b1, a1, b2, a2,
                bc2Sqrt, eps, -stepSize));
    }

    /**
     * One pass over [from, to) doing the whole update of each element (decay, moments, step), in
     * vectors. Each vector operation is the same IEEE operation, in the same order, as the scalar
     * tail (no fused multiply-add), so an element's result does not depend on where it falls.
     */
    private static void sweep(float[] p, float[] g, float[] m, float[] v, int from, int to, float decay, float l2,
                              float b1, float a1, float b2, float a2, float bc2Sqrt, float eps, float negStep) {
        int i = from;
        int bound = from + S.loopBound(to - from);
        for (; i < bound; i += S.length()) {
            FloatVector pv = FloatVector.fromArray(S, p, i);
            if (decay != 1f) {
                pv = pv.mul(decay);
            }
            FloatVector gv = FloatVector.fromArray(S, g, i);
            if (l2 != 0f) {
                gv = gv.add(pv.mul(l2));
            }
            FloatVector mv = FloatVector.fromArray(S, m, i).mul(b1).add(gv.mul(a1));
            FloatVector vv = FloatVector.fromArray(S, v, i).mul(b2).add(gv.mul(gv).mul(a2));
            FloatVector denom = vv.sqrt().div(bc2Sqrt).add(eps);
            pv = pv.add(mv.div(denom).mul(negStep));
            mv.intoArray(m, i);
            vv.intoArray(v, i);
            pv.intoArray(p, i);
        }
        for (; i < to; i++) {
            float pi = p[i];
            if (decay != 1f) {
                pi *= decay;
            }
            float gi = l2 != 0f ? g[i] + l2 * pi : g[i];
            float mi = m[i] * b1 + gi * a1;
            float vi = v[i] * b2 + gi * gi * a2;
            m[i] = mi;
            v[i] = vi;
            float denom = (float) Math.sqrt(vi) / bc2Sqrt + eps;
            p[i] = pi + negStep * (mi / denom);
        }
    }
}
