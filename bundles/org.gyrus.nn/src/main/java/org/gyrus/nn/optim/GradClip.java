package org.gyrus.nn.optim;

import java.util.List;
import org.gyrus.nn.Tensor;

/** Gradient clipping, as {@code torch.nn.utils.clip_grad_norm_}. */
public final class GradClip {

    private GradClip() {
    }

    /**
     * Scales all gradients together so that their joint L2 norm is at most {@code maxNorm}.
     *
     * @param params  parameters (those without gradients are ignored)
     * @param maxNorm the largest norm allowed
     * @return the joint norm before clipping
     */
    public static double clipNorm(List<Tensor> params, double maxNorm) {
        double sq = 0;
        for (Tensor p : params) {
            float[] g = p.grad();
            if (g != null) {
                for (float v : g) {
                    sq += (double) v * v;
                }
            }
        }
        double norm = Math.sqrt(sq);
        double coef = maxNorm / (norm + 1e-6);
        if (coef < 1) {
            float c = (float) coef;
            for (Tensor p : params) {
                float[] g = p.grad();
                if (g != null) {
                    for (int i = 0; i < g.length; i++) {
                        g[i] *= c;
                    }
                }
            }
        }
        return norm;
    }
}
