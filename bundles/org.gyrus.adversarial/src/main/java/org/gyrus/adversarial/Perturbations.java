package org.gyrus.adversarial;

/**
 * The steps of the gradient attacks as the Adversarial Robustness Toolbox (ART 1.x,
 * {@code FastGradientMethod} and {@code ProjectedGradientDescentNumpy}) computes them, per sample of
 * {@code size} values.
 */
final class Perturbations {

    /** ART's tolerance added to norms before dividing by them. */
    static final float TOL = 1e-7f;

    private Perturbations() {
    }

    /**
     * The step direction from a loss gradient: its sign (L∞), or the gradient divided by its per-sample
     * L2 norm plus {@link #TOL} (L2). Targeted attacks descend the loss of the target class, so the
     * direction is negated. NaN gradients count as zero, as in ART.
     */
    static float[] direction(float[] grad, int size, Norm norm, boolean targeted) {
        float sign = targeted ? -1f : 1f;
        float[] d = new float[grad.length];
        if (norm == Norm.INF) {
            for (int i = 0; i < grad.length; i++) {
                float g = Float.isNaN(grad[i]) ? 0f : grad[i];
                d[i] = sign * Math.signum(g);
            }
            return d;
        }
        for (int s = 0; s < grad.length / size; s++) {
            double sq = 0;
            for (int i = s * size; i < (s + 1) * size; i++) {
                float g = Float.isNaN(grad[i]) ? 0f : grad[i];
                sq += (double) g * g;
            }
            float scale = (float) (sign / (Math.sqrt(sq) + TOL));
            for (int i = s * size; i < (s + 1) * size; i++) {
                float g = Float.isNaN(grad[i]) ? 0f : grad[i];
                d[i] = g * scale;
            }
        }
        return d;
    }

    /** {@code x + step * direction}, clipped to [min, max]: ART's {@code _apply_perturbation}. */
    static void applyStep(float[] x, float[] direction, float step, float min, float max) {
        for (int i = 0; i < x.length; i++) {
            x[i] = clip(x[i] + step * direction[i], min, max);
        }
    }

    /**
     * Moves {@code adv} back into the ε-ball around {@code origin}: ART's {@code projection} of
     * {@code adv - origin}: clipping each value to [-ε, ε] (L∞), or scaling the sample's change by
     * {@code min(1, ε / (‖δ‖₂ + TOL))} (L2).
     */
    static void project(float[] adv, float[] origin, int size, float eps, Norm norm) {
        if (norm == Norm.INF) {
            for (int i = 0; i < adv.length; i++) {
                adv[i] = origin[i] + clip(adv[i] - origin[i], -eps, eps);
            }
            return;
        }
        for (int s = 0; s < adv.length / size; s++) {
            double sq = 0;
            for (int i = s * size; i < (s + 1) * size; i++) {
                double d = adv[i] - origin[i];
                sq += d * d;
            }
            float scale = (float) Math.min(1.0, eps / (Math.sqrt(sq) + TOL));
            for (int i = s * size; i < (s + 1) * size; i++) {
                adv[i] = origin[i] + (adv[i] - origin[i]) * scale;
            }
        }
    }

    static float clip(float v, float min, float max) {
        return Math.min(max, Math.max(min, v));
    }

    /** Checks ε and the valid range, naming the parameter. */
    static void checkBudget(String name, float eps, float min, float max) {
        if (!(eps >= 0) || Float.isInfinite(eps)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + eps);
        }
        if (!(min < max) || Float.isInfinite(min) || Float.isInfinite(max)) {
            throw new IllegalArgumentException("the valid range [min, max] must be finite with min < max, got [" + min + ", " + max + "]");
        }
    }
}
