package org.gyrus.diffusion;

import java.util.Arrays;

import org.gyrus.nn.GaussianNoise;
import org.gyrus.nn.linalg.Parallel;

/**
 * The reverse process of a denoising diffusion model: DDPM ancestral sampling and DDIM, with the
 * update rules of diffusers' {@code DDPMScheduler} (variance "fixed_small") and
 * {@code DDIMScheduler} ({@code set_alpha_to_one}, {@code use_clipped_model_output=False}); the
 * predicted x₀ is clipped to [−1, 1] when {@code clip} is set, as diffusers does by default. The
 * state is a batch of flat float arrays; every step is one fused pass over it, with no autograd
 * (for an ε-predicting model, DDPM's x̂₀, clip and update are one sweep, {@link
 * DiffusionSteps#ddpmStepFromEps}). The model's output array is only read before its next call, so
 * a model may return the same buffer every step.
 */
public final class Sampler {

    /** A denoising network: its raw output (ε or v, see {@link Prediction}) for a batch x_t at timestep t. */
    public interface Model {
        /**
         * @param x the batch x_t, {@code n} samples one after the other (not modified)
         * @param n the number of samples
         * @param t the timestep (0-based)
         * @return the network's output, same length as x
         */
        float[] predict(float[] x, int n, int t);
    }

    /**
     * A network whose samples are independent of each other (no batch statistics; all samples at
     * one timestep) and that can compute any block of them alone. DDPM sampling then runs each step
     * as one parallel region: each thread runs the network on its block of samples, updates them
     * right away (while they are in its cache) and draws its share of the next step's noise, where
     * a plain {@link Model} costs three hand-offs to the threads per step (network, noise, update).
     * The samples are the same bits either way.
     */
    public interface BlockModel extends Model {
        /** Blocks start at multiples of this many samples (the network's row tile, say). */
        int grain();

        /**
         * Computes the output for samples {@code [from, to)} of the batch x_t, as {@link #predict(float[], int, int)}
         * would. Called for disjoint blocks on several threads at once, so it touches no other
         * sample's values.
         *
         * @return the output array of the whole batch, whose samples {@code [from, to)} are now set
         */
        float[] predict(float[] x, int n, int t, int from, int to);
    }

    /** A source of standard normal noise. */
    public interface Noise {
        /** Fills {@code out} with independent N(0, 1) values. */
        void fill(float[] out);

        /**
         * Fills part {@code part} of {@code parts} of what {@link #fill(float[])} would write: calling
         * it for every part, on any threads and in any order, gives the same values. By default part
         * 0 fills everything and the others nothing.
         */
        default void fill(float[] out, int part, int parts) {
            if (part == 0) {
                fill(out);
            }
        }

        /** Noise from a {@link GaussianNoise}, drawn part by part on the caller's threads when asked. */
        static Noise of(GaussianNoise g) {
            return new Noise() {
                @Override
                public void fill(float[] out) {
                    g.fill(out);
                }

                @Override
                public void fill(float[] out, int part, int parts) {
                    g.fill(out, part, parts);
                }
            };
        }
    }

    /** Called after each step: reports progress, and may stop the run by throwing. */
    public interface Monitor {
        /** {@code done} of {@code total} steps are done. */
        void step(int done, int total);
    }

    /** At most this many parts per step: a {@link GaussianNoise} fills in at most 8. */
    private static final int MAX_NOISE_PARTS = 8;

    private final DiffusionSteps steps;
    private final Prediction prediction;
    private final boolean clip;

    /**
     * @param schedule   the model's noise schedule
     * @param prediction what the model predicts
     * @param clip       whether to clip the predicted x₀ to [−1, 1] (for data scaled to that range)
     */
    public Sampler(NoiseSchedule schedule, Prediction prediction, boolean clip) {
        this.steps = new DiffusionSteps(schedule);
        this.prediction = prediction;
        this.clip = clip;
    }

    /** The schedule. */
    public NoiseSchedule schedule() {
        return steps.schedule();
    }

    /**
     * DDPM ancestral sampling from x_{fromT} down to x₀, one step per timestep (T steps from pure noise
     * when {@code fromT = T − 1}). Noise is drawn for every step but the last, as diffusers does.
     *
     * @param x the batch at timestep fromT; overwritten, and returned, as x₀
     */
    public float[] ddpm(Model model, float[] x, int n, int fromT, Noise noise, Monitor monitor) {
        checkStart(fromT);
        if (model instanceof BlockModel blocks && prediction == Prediction.EPSILON) {
            return ddpmByBlocks(blocks, x, n, fromT, noise, monitor);
        }
        boolean fused = prediction == Prediction.EPSILON;
        float[] x0 = fused ? null : new float[x.length];
        float[] eps = fused ? null : new float[x.length];
        float[] z = new float[x.length];
        for (int t = fromT; t >= 0; t--) {
            float[] out = predict(model, x, n, t);
            if (t > 0) {
                noise.fill(z);
            } else {
                Arrays.fill(z, 0);
            }
            if (fused) {
                steps.ddpmStepFromEps(x, out, z, t, clip, x);
            } else {
                estimates(x, out, t, x0, eps);
                steps.ddpmStep(x0, x, z, t, x);
            }
            monitor.step(fromT - t + 1, fromT + 1);
        }
        return x;
    }

    /**
     * {@link #ddpm} for an ε-model that computes blocks of samples: one parallel region per step, in
     * which each thread takes a block of whole samples through the network and the fused update
     * ({@link DiffusionSteps#ddpmStepFromEps}, element by element), then draws its part of the next
     * step's noise into the second buffer. The noise is drawn in the same order as there (one fill per
     * step with t > 0), so x₀ is the same bits.
     */
    private float[] ddpmByBlocks(BlockModel model, float[] x, int n, int fromT, Noise noise, Monitor monitor) {
        if (n < 1 || x.length % n != 0) {
            throw new IllegalArgumentException("DDPM: " + x.length + " values are not " + n + " samples");
        }
        int size = x.length / n;
        int grain = Math.max(1, model.grain());
        int parts = Math.max(1, Math.min(Math.min(Parallel.threads(), (n + grain - 1) / grain), MAX_NOISE_PARTS));
        float[][] z = {new float[x.length], new float[x.length]};
        if (fromT > 0) {
            noise.fill(z[0]);
        }
        for (int t = fromT; t >= 0; t--) {
            int step = t;
            float[] now = z[(fromT - t) & 1];
            float[] next = z[(fromT - t + 1) & 1];
            if (t == 0) {
                Arrays.fill(now, 0); // no noise in the last step, as in ddpm's other path
            }
            Parallel.forParts(parts, p -> {
                int from = p == 0 ? 0 : (int) ((long) n * p / parts) / grain * grain;
                int to = p + 1 == parts ? n : (int) ((long) n * (p + 1) / parts) / grain * grain;
                if (from < to) {
                    float[] out = model.predict(x, n, step, from, to);
                    if (out.length != x.length) {
                        throw new IllegalStateException("The model returned " + out.length + " values for " + x.length + " inputs");
                    }
                    steps.ddpmStepFromEps(x, out, now, step, clip, x, from * size, to * size);
                }
                if (step > 1) {
                    noise.fill(next, p, parts);
                }
            });
            monitor.step(fromT - t + 1, fromT + 1);
        }
        return x;
    }

    /**
     * DDIM sampling along the given timesteps (descending), each step going to the next one and the
     * last to x₀ (ᾱ = 1). With η = 0 it is deterministic and the noise source is not used.
     *
     * @param x the batch at timesteps[0]; overwritten, and returned, as x₀
     */
    public float[] ddim(Model model, float[] x, int n, int[] timesteps, double eta, Noise noise, Monitor monitor) {
        for (int i = 0; i < timesteps.length; i++) {
            checkStart(timesteps[i]);
            if (i > 0 && timesteps[i] >= timesteps[i - 1]) {
                throw new IllegalArgumentException("DDIM: timesteps must decrease, got " + Arrays.toString(timesteps));
            }
        }
        float[] x0 = new float[x.length];
        float[] eps = new float[x.length];
        float[] z = new float[x.length];
        for (int i = 0; i < timesteps.length; i++) {
            int t = timesteps[i];
            estimates(x, predict(model, x, n, t), t, x0, eps);
            if (eta > 0) {
                noise.fill(z);
            }
            steps.ddimStep(x0, eps, z, t, i + 1 < timesteps.length ? timesteps[i + 1] : -1, eta, x);
            monitor.step(i + 1, timesteps.length);
        }
        return x;
    }

    /**
     * The timesteps of diffusers' DDIM with {@code steps} inference steps ("leading" spacing, no
     * offset): (steps − 1)·T/steps, ..., T/steps, 0, with T/steps rounded down.
     */
    public static int[] ddimTimesteps(int trainSteps, int steps) {
        if (steps < 1 || steps > trainSteps) {
            throw new IllegalArgumentException("DDIM: the number of steps must lie in [1, " + trainSteps + "], not " + steps);
        }
        int ratio = trainSteps / steps;
        int[] out = new int[steps];
        for (int i = 0; i < steps; i++) {
            out[i] = (steps - 1 - i) * ratio;
        }
        return out;
    }

    /**
     * {@code steps} evenly spaced timesteps from {@code from} down to about {@code from/steps}, for a
     * reverse process that starts part-way, as in SDEdit (every timestep from {@code from} to 0 when
     * steps exceed from).
     */
    public static int[] timestepsFrom(int from, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("The number of reverse steps must be at least 1, not " + steps);
        }
        if (steps > from) {
            int[] all = new int[from + 1];
            for (int i = 0; i <= from; i++) {
                all[i] = from - i;
            }
            return all;
        }
        // spacing from/steps >= 1, so the rounded values are distinct
        int[] out = new int[steps];
        for (int i = 0; i < steps; i++) {
            out[i] = (int) Math.round((double) from * (steps - i) / steps);
        }
        return out;
    }

    /** Runs the model on the batch. */
    private static float[] predict(Model model, float[] x, int n, int t) {
        float[] out = model.predict(x, n, t);
        if (out.length != x.length) {
            throw new IllegalStateException("The model returned " + out.length + " values for " + x.length + " inputs");
        }
        return out;
    }

    /** Turns the model's output into the (clipped) x₀ and ε estimates. */
    private void estimates(float[] x, float[] out, int t, float[] x0, float[] eps) {
        if (prediction == Prediction.EPSILON) {
            steps.x0FromEps(x, out, t, x0);
            System.arraycopy(out, 0, eps, 0, out.length);
        } else {
            steps.x0FromVelocity(x, out, t, x0);
            steps.epsFromVelocity(x, out, t, eps);
        }
        if (clip) {
            for (int i = 0; i < x0.length; i++) {
                x0[i] = Math.max(-1f, Math.min(1f, x0[i]));
            }
        }
    }

    private void checkStart(int t) {
        if (t < 0 || t >= steps.schedule().steps()) {
            throw new IllegalArgumentException("Timestep " + t + " is outside the schedule's [0, " + (steps.schedule().steps() - 1) + "]");
        }
    }
}
