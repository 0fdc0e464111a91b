package org.gyrus.adversarial;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.gyrus.nn.linalg.Parallel;

/**
 * One step of a gradient attack as the Adversarial Robustness Toolbox (ART 1.x,
 * {@code FastGradientMethod} and {@code ProjectedGradientDescentNumpy}) computes it, applied to one
 * batch of samples straight from the batch's loss gradient: the direction (the gradient's sign for
 * L∞; the gradient divided by its per-sample L2 norm plus {@link #TOL} for L2; negated when
 * targeted, NaN gradients counting as zero), the step clipped to the valid range and, for PGD, the
 * projection of the change back into the ε-ball around the original sample (clipping each value to
 * [-ε, ε] for L∞; scaling the sample's change by {@code min(1, ε / (‖δ‖₂ + TOL))} for L2). One
 * pass, no array of the whole input's gradient or direction, split over the thread budget by
 * sample; the arithmetic is ART's, operation by operation.
 *
 * @param norm     the norm of the step and of the ball
 * @param targeted whether the attack descends the loss of a target class
 * @param size     the step size
 * @param min      the smallest valid input value
 * @param max      the largest valid input value
 * @param eps      the radius of the ball to project into, or NaN for no projection (FGSM)
 */
record GradientStep(Norm norm, boolean targeted, float size, float min, float max, float eps) {

    /** ART's tolerance added to norms before dividing by them. */
    private static final float TOL = 1e-7f;
    /** Values per thread below which splitting the step costs more than it saves. */
    private static final int GRAIN = 1 << 16;
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /**
     * Steps the samples {@code first .. first + count - 1}:
     * {@code to = project(clip(from + size * direction(grad * scale)))}, value by value.
     *
     * @param grad       the batch's gradient, {@code count × sampleSize} values from the batch's first sample
     * @param scale      the factor that makes {@code grad} the gradient of the whole input's mean loss
     * @param from       the samples stepped from
     * @param to         where the stepped samples go (may be {@code from})
     * @param at         the index in {@code from} and {@code to} of the batch's first value
     * @param origin     the original samples, the centres of the balls (unused without projection)
     * @param originAt   the index in {@code origin} of the batch's first value
     * @param count      the samples in the batch
     * @param sampleSize values per sample
     */
    void apply(float[] grad, float scale, float[] from, float[] to, int at, float[] origin, int originAt, int count, int sampleSize) {
        Parallel.forRange(count, Math.max(1, GRAIN / sampleSize), (s0, s1) -> {
            for (int s = s0; s < s1; s++) {
                int offset = s * sampleSize;
                sample(grad, offset, scale, from, to, at + offset, origin, originAt + offset, sampleSize);
            }
        });
    }

    /** One sample: gradient values from {@code g0}, stepped values from {@code x0}, its centre from {@code o0}. */
    private void sample(float[] grad, int g0, float scale, float[] from, float[] to, int x0, float[] origin, int o0, int n) {
        float sign = targeted ? -1f : 1f;
        boolean project = !Float.isNaN(eps);
        if (norm == Norm.INF) {
            float up = sign * size;
            int i = 0;
            // Lane masks rather than branches: the gradient's signs are as good as random, so a branch
            // per value would be mispredicted half the time (it cost as much CPU as one of the GEMMs of W6).
            for (int end = S.loopBound(n); i < end; i += S.length()) {
                FloatVector g = FloatVector.fromArray(S, grad, g0 + i).mul(scale);
                FloatVector f = FloatVector.fromArray(S, from, x0 + i);
                // sign(g) * size; NaN compares false both ways, so it steps by zero as in ART.
                VectorMask<Float> pos = g.compare(VectorOperators.GT, 0f);
                VectorMask<Float> neg = g.compare(VectorOperators.LT, 0f);
                FloatVector v = f.add(up, pos).sub(up, neg).max(min).min(max);
                if (project) {
                    FloatVector o = FloatVector.fromArray(S, origin, o0 + i);
                    v = o.add(v.sub(o).max(-eps).min(eps));
                }
                v.intoArray(to, x0 + i);
            }
            for (; i < n; i++) {
                float g = grad[g0 + i] * scale;
                float v = Perturbations.clip(g > 0f ? from[x0 + i] + up : g < 0f ? from[x0 + i] - up : from[x0 + i], min, max);
                if (project) {
                    float o = origin[o0 + i];
                    v = o + Perturbations.clip(v - o, -eps, eps);
                }
                to[x0 + i] = v;
            }
            return;
        }
        double sq = 0;
        for (int i = 0; i < n; i++) {
            float g = grad[g0 + i] * scale;
            if (!Float.isNaN(g)) {
                sq += (double) g * g;
            }
        }
        float factor = (float) (sign / (Math.sqrt(sq) + TOL));
        for (int i = 0; i < n; i++) {
            float g = grad[g0 + i] * scale;
            float d = (Float.isNaN(g) ? 0f : g) * factor;
            to[x0 + i] = Perturbations.clip(from[x0 + i] + size * d, min, max);
        }
        if (!project) {
            return;
        }
        double dsq = 0;
        for (int i = 0; i < n; i++) {
            double d = to[x0 + i] - origin[o0 + i];
            dsq += d * d;
        }
        float shrink = (float) Math.min(1.0, eps / (Math.sqrt(dsq) + TOL));
        for (int i = 0; i < n; i++) {
            float o = origin[o0 + i];
            to[x0 + i] = o + (to[x0 + i] - o) * shrink;
        }
    }
}
