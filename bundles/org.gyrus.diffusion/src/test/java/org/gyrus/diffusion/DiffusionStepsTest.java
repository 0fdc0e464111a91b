package org.gyrus.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

/** The step arithmetic against numpy and torch float64 (make_schedules.py), within float32 rounding. */
class DiffusionStepsTest {

    private static final float TOL = 2e-5f;

    @Test
    void stepsMatchTheReference() {
        JsonNode ref = Reference.read("schedules_reference.json").get("steps");
        DiffusionSteps steps = new DiffusionSteps(NoiseSchedule.named(ref.get("schedule").asText(), 1000));
        float[] x0 = Reference.floats(ref.get("x0"));
        float[] eps = Reference.floats(ref.get("eps"));
        float[] noise = Reference.floats(ref.get("noise"));
        int n = x0.length;
        for (JsonNode c : ref.get("cases")) {
            int t = c.get("t").asInt();
            String at = " at t=" + t;
            float[] xt = new float[n];
            steps.qSample(x0, eps, t, xt);
            assertArrayEquals(Reference.floats(c.get("x_t")), xt, TOL, "q_sample" + at);
            float[] out = new float[n];
            steps.x0FromEps(xt, eps, t, out);
            // x0 from eps divides by sqrt(abar), which is 0.006 at t=999: float32 rounding of x_t grows by 1/0.006
            assertArrayEquals(Reference.floats(c.get("x0_from_eps")), out, (float) (TOL / steps.schedule().sqrtAlphaCumprod(t)), "x0 from eps" + at);
            steps.velocity(x0, eps, t, out);
            assertArrayEquals(Reference.floats(c.get("v")), out, TOL, "v" + at);
            float[] v = out.clone();
            steps.x0FromVelocity(xt, v, t, out);
            assertArrayEquals(Reference.floats(c.get("x0_from_v")), out, TOL, "x0 from v" + at);
            assertArrayEquals(x0, out, TOL, "v-prediction round trip" + at);
            steps.epsFromVelocity(xt, v, t, out);
            assertArrayEquals(Reference.floats(c.get("eps_from_v")), out, TOL, "eps from v" + at);
            steps.posteriorMean(x0, xt, t, out);
            assertArrayEquals(Reference.floats(c.get("posterior_mean")), out, TOL, "posterior mean" + at);
            steps.ddimStep(x0, eps, noise, t, c.get("t_prev").asInt(), c.get("eta").asDouble(), out);
            assertArrayEquals(Reference.floats(c.get("ddim")), out, TOL, "DDIM eta=" + c.get("eta").asDouble() + at);
        }
    }

    @Test
    void etaChangesTheDdimStepAndDdpmStepAddsPosteriorNoise() {
        DiffusionSteps steps = new DiffusionSteps(NoiseSchedule.named("linear", 1000));
        float[] x0 = {1, -1};
        float[] eps = {0.5f, 0.25f};
        float[] noise = {1, 1};
        float[] a = new float[2];
        float[] b = new float[2];
        steps.ddimStep(x0, eps, noise, 500, 480, 0, a);
        steps.ddimStep(x0, eps, noise, 500, 480, 1, b);
        double ap = steps.schedule().alphaCumprod(480);
        double at = steps.schedule().alphaCumprod(500);
        double sigma = Math.sqrt((1 - ap) / (1 - at) * (1 - at / ap));
        double expected = sigma * noise[0] + (Math.sqrt(1 - ap - sigma * sigma) - Math.sqrt(1 - ap)) * eps[0];
        assertEquals(expected, b[0] - a[0], 1e-6, "eta=1 adds sigma*z and shrinks the eps direction");
        assertEquals(0.37, expected, 0.01);
        float[] mean = new float[2];
        float[] xt = {0.3f, 0.7f};
        steps.posteriorMean(x0, xt, 500, mean);
        steps.ddpmStep(x0, xt, noise, 500, a);
        assertEquals(Math.sqrt(steps.schedule().posteriorVariance(500)), a[1] - mean[1], 1e-6);
        steps.ddpmStep(x0, xt, noise, 0, a);
        steps.posteriorMean(x0, xt, 0, mean);
        assertArrayEquals(mean, a, 0f, "no noise on the last step");
        assertThrows(IllegalArgumentException.class, () -> steps.ddimStep(x0, eps, noise, 10, 10, 0, new float[2]));
    }

    @Test
    void theFusedDdpmStepGivesTheBitsOfItsParts() {
        DiffusionSteps steps = new DiffusionSteps(NoiseSchedule.named("linear", 1000));
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        int n = 40_003; // vector lanes, the scalar tail, and a split over two threads
        float[] xt = new float[n];
        float[] eps = new float[n];
        float[] noise = new float[n];
        for (int i = 0; i < n; i++) {
            xt[i] = (float) (r.nextDouble() * 6 - 3);
            eps[i] = (float) (r.nextDouble() * 4 - 2);
            noise[i] = (float) (r.nextDouble() * 4 - 2);
        }
        for (int t : new int[] {999, 500, 10, 0}) {
            for (boolean clip : new boolean[] {false, true}) {
                float[] x0 = new float[n];
                steps.x0FromEps(xt, eps, t, x0);
                if (clip) {
                    for (int i = 0; i < n; i++) {
                        x0[i] = Math.max(-1f, Math.min(1f, x0[i]));
                    }
                }
                float[] want = new float[n];
                steps.ddpmStep(x0, xt, noise, t, want);
                float[] got = xt.clone();
                steps.ddpmStepFromEps(got, eps, noise, t, clip, got); // in place, as the sampler runs it
                assertArrayEquals(want, got, 0f, "t=" + t + (clip ? ", clipped" : ""));
            }
        }
    }
}
