package org.gyrus.adversarial;

/** What the attacks share besides the gradient step ({@link GradientStep}): clipping and the check of a budget. */
final class Perturbations {

    private Perturbations() {
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
