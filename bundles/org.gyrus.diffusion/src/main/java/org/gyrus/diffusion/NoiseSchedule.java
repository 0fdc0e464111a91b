package org.gyrus.diffusion;

import java.util.Arrays;

/**
 * The forward-process noise schedule of a denoising diffusion model with T steps and every
 * quantity derived from it, in double precision. Timesteps are 0-based: index t is step t+1 of
 * Ho et al. 2020. Names follow guided-diffusion's {@code GaussianDiffusion}.
 */
public final class NoiseSchedule {

    private final double[] betas;
    private final double[] alphasCumprod;

    private NoiseSchedule(double[] betas) {
        for (int t = 0; t < betas.length; t++) {
            if (!(betas[t] > 0 && betas[t] < 1)) {
                throw new IllegalArgumentException("Noise schedule: beta at step " + t + " is " + betas[t] + ", it must lie in (0, 1)");
            }
        }
        this.betas = betas;
        this.alphasCumprod = new double[betas.length];
        double p = 1;
        for (int t = 0; t < betas.length; t++) {
            p *= 1 - betas[t];
            alphasCumprod[t] = p;
        }
    }

    /** Ho et al.'s linear schedule: betas evenly spaced from {@code start} to {@code end} (1e-4, 0.02 in the paper). */
    public static NoiseSchedule linear(int steps, double start, double end) {
        checkSteps(steps);
        double[] b = new double[steps];
        for (int t = 0; t < steps; t++) {
            b[t] = linspace(start, end, steps, t);
        }
        return new NoiseSchedule(b);
    }

    /** Stable Diffusion's "scaled linear" schedule: square roots of betas evenly spaced (0.00085, 0.012 there). */
    public static NoiseSchedule scaledLinear(int steps, double start, double end) {
        checkSteps(steps);
        double[] b = new double[steps];
        for (int t = 0; t < steps; t++) {
            double r = linspace(Math.sqrt(start), Math.sqrt(end), steps, t);
            b[t] = r * r;
        }
        return new NoiseSchedule(b);
    }

    /**
     * Nichol and Dhariwal's cosine schedule: ᾱ(t) = f(t)/f(0), f(t) = cos²((t/T + s)/(1 + s)·π/2),
     * betas clipped at {@code maxBeta} (s = 0.008, 0.999 in the paper).
     */
    public static NoiseSchedule cosine(int steps, double s, double maxBeta) {
        checkSteps(steps);
        double[] b = new double[steps];
        for (int t = 0; t < steps; t++) {
            b[t] = Math.min(1 - cosineF(t + 1, steps, s) / cosineF(t, steps, s), maxBeta);
        }
        return new NoiseSchedule(b);
    }

    /** A schedule by name as nodes and network descriptions spell it: linear, cosine or scaled-linear, with the papers' constants. */
    public static NoiseSchedule named(String name, int steps) {
        switch (name) {
            case "linear":
                return linear(steps, 1e-4, 0.02);
            case "cosine":
                return cosine(steps, 0.008, 0.999);
            case "scaled-linear":
                return scaledLinear(steps, 0.00085, 0.012);
            default:
                throw new IllegalArgumentException("Unknown noise schedule '" + name + "': use linear, cosine or scaled-linear");
        }
    }

    private static void checkSteps(int steps) {
        if (steps < 2) {
            throw new IllegalArgumentException("A noise schedule needs at least 2 steps, not " + steps);
        }
    }

    // numpy.linspace's formula, so that betas agree with the reference to the last bit
    private static double linspace(double start, double end, int n, int i) {
        if (i == n - 1) {
            return end;
        }
        return start + i * ((end - start) / (n - 1));
    }

    private static double cosineF(int t, int steps, double s) {
        double c = Math.cos(((double) t / steps + s) / (1 + s) * Math.PI / 2);
        return c * c;
    }

    /** The number of steps T. */
    public int steps() {
        return betas.length;
    }

    /** β_t. */
    public double beta(int t) {
        return betas[t];
    }

    /** α_t = 1 − β_t. */
    public double alpha(int t) {
        return 1 - betas[t];
    }

    /** ᾱ_t = ∏_{s≤t} α_s. */
    public double alphaCumprod(int t) {
        return alphasCumprod[t];
    }

    /** ᾱ_{t−1}, with ᾱ_{−1} = 1. */
    public double alphaCumprodPrev(int t) {
        return t == 0 ? 1 : alphasCumprod[t - 1];
    }

    /** √ᾱ_t. */
    public double sqrtAlphaCumprod(int t) {
        return Math.sqrt(alphasCumprod[t]);
    }

    /** √(1 − ᾱ_t). */
    public double sqrtOneMinusAlphaCumprod(int t) {
        return Math.sqrt(1 - alphasCumprod[t]);
    }

    /** The variance β̃_t = β_t (1 − ᾱ_{t−1}) / (1 − ᾱ_t) of q(x_{t−1} | x_t, x_0); 0 at t = 0. */
    public double posteriorVariance(int t) {
        return betas[t] * (1 - alphaCumprodPrev(t)) / (1 - alphasCumprod[t]);
    }

    /** log β̃_t, with β̃_0 (which is 0) replaced by β̃_1 so that the log is finite. */
    public double posteriorLogVarianceClipped(int t) {
        return Math.log(posteriorVariance(t == 0 ? 1 : t));
    }

    /** The coefficient of x_0 in the posterior mean: β_t √ᾱ_{t−1} / (1 − ᾱ_t). */
    public double posteriorMeanCoef1(int t) {
        return betas[t] * Math.sqrt(alphaCumprodPrev(t)) / (1 - alphasCumprod[t]);
    }

    /** The coefficient of x_t in the posterior mean: (1 − ᾱ_{t−1}) √α_t / (1 − ᾱ_t). */
    public double posteriorMeanCoef2(int t) {
        return (1 - alphaCumprodPrev(t)) * Math.sqrt(alpha(t)) / (1 - alphasCumprod[t]);
    }

    /** All betas. */
    public double[] betas() {
        return betas.clone();
    }

    @Override
    public String toString() {
        return "NoiseSchedule[T=" + steps() + ", betas " + betas[0] + " .. " + betas[betas.length - 1] + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoiseSchedule && Arrays.equals(betas, ((NoiseSchedule) o).betas);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(betas);
    }
}
