package org.gyrus.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * DDPM and DDIM sampling, step by step, against diffusers' update rules written out in torch
 * float32 (testdata/make_sampler_reference.py), with the exact denoiser of Gaussian data as the
 * model and the reference's own noise draws. Java keeps the schedule in double and torch in float32:
 * the trajectories agree within 2e-4 after up to 1,000 steps.
 */
class SamplerReferenceTest {

    private static final float TOL = 2e-4f;
    private static final JsonNode REF = Reference.read("sampler_reference.json");

    /** The posterior predictor of x0 ~ N(mu, s²), as in the script. */
    private static Sampler.Model gaussianModel(NoiseSchedule schedule, Prediction prediction) {
        double[] mu = Reference.doubles(REF.get("mu"));
        double s = REF.get("s").asDouble();
        return (x, n, t) -> {
            double a = schedule.alphaCumprod(t);
            float[] out = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                double eps = Math.sqrt(1 - a) * (x[i] - Math.sqrt(a) * mu[i % mu.length]) / (a * s * s + 1 - a);
                out[i] = (float) (prediction == Prediction.EPSILON ? eps : (eps - Math.sqrt(1 - a) * x[i]) / Math.sqrt(a));
            }
            return out;
        };
    }

    private static Sampler.Noise recorded(JsonNode noise) {
        int[] next = {0};
        return out -> {
            float[] z = Reference.floats(noise.get(next[0]++));
            System.arraycopy(z, 0, out, 0, out.length);
        };
    }

    @Test
    void everyCaseFollowsTheReferenceTrajectoryStepByStep() {
        int n = REF.get("n").asInt();
        for (JsonNode c : REF.get("cases")) {
            String name = c.get("name").asText();
            NoiseSchedule schedule = NoiseSchedule.named(c.get("schedule").asText(), REF.get("T").asInt());
            Prediction prediction = Prediction.of(c.get("prediction").asText());
            Sampler sampler = new Sampler(schedule, prediction, c.get("clip").asBoolean());
            float[] x = Reference.floats(c.get("start"));
            JsonNode trajectory = c.get("trajectory");
            List<Integer> seen = new ArrayList<>();
            Sampler.Monitor check = (done, total) -> {
                assertEquals(trajectory.size(), total, name);
                assertArrayEquals(Reference.floats(trajectory.get(done - 1)), x, TOL, name + ", step " + done);
                seen.add(done);
            };
            Sampler.Model model = gaussianModel(schedule, prediction);
            if (c.get("sampler").asText().equals("ddpm")) {
                sampler.ddpm(model, x, n, c.get("from").asInt(), recorded(c.get("noise")), check);
            } else {
                int[] ts = Sampler.ddimTimesteps(schedule.steps(), c.get("steps").asInt());
                assertArrayEquals(Reference.floats(c.get("timesteps")), toFloats(ts), name + ": diffusers' timesteps");
                sampler.ddim(model, x, n, ts, c.get("eta").asDouble(), recorded(c.get("noise")), check);
            }
            assertEquals(trajectory.size(), seen.size(), name + ": one check per step");
        }
    }

    @Test
    void clippingAndEtaChangeTheResult() {
        JsonNode c = REF.get("cases").get(2); // DDIM, epsilon, clipped, eta 0
        NoiseSchedule schedule = NoiseSchedule.named("linear", 1000);
        int[] ts = Sampler.ddimTimesteps(1000, 50);
        Sampler.Model model = gaussianModel(schedule, Prediction.EPSILON);
        float[] clipped = new Sampler(schedule, Prediction.EPSILON, true).ddim(model, Reference.floats(c.get("start")), 2, ts, 0, z -> { }, (d, t) -> { });
        float[] free = new Sampler(schedule, Prediction.EPSILON, false).ddim(model, Reference.floats(c.get("start")), 2, ts, 0, z -> { }, (d, t) -> { });
        assertTrue(maxDiff(clipped, free) > 1e-3, "clipping x0 changes the samples");
        java.util.Random r = new java.util.Random(1);
        float[] noisy = new Sampler(schedule, Prediction.EPSILON, true).ddim(model, Reference.floats(c.get("start")), 2, ts, 1.0,
                z -> { for (int i = 0; i < z.length; i++) z[i] = (float) r.nextGaussian(); }, (d, t) -> { });
        assertTrue(maxDiff(clipped, noisy) > 1e-2, "eta 1 adds noise");
    }

    @Test
    void cancellingBetweenStepsStopsTheSampler() {
        NoiseSchedule schedule = NoiseSchedule.named("linear", 1000);
        Sampler sampler = new Sampler(schedule, Prediction.EPSILON, true);
        int[] calls = {0};
        Sampler.Model model = (x, n, t) -> {
            calls[0]++;
            return new float[x.length];
        };
        RuntimeException stop = assertThrows(IllegalStateException.class, () -> sampler.ddpm(model, new float[4], 1, 999, z -> { },
                (done, total) -> {
                    if (done == 3) {
                        throw new IllegalStateException("cancelled");
                    }
                }));
        assertEquals("cancelled", stop.getMessage());
        assertEquals(3, calls[0], "no model call after the cancellation");
    }

    @Test
    void aBlockModelSamplesTheSameBitsAsTheWholeBatchPath() throws Exception {
        NoiseSchedule schedule = NoiseSchedule.named("linear", 1000);
        Sampler.Model whole = gaussianModel(schedule, Prediction.EPSILON);
        int n = 11;
        int size = REF.get("mu").size() * 3;
        // the same network, asked for blocks: computes only the block's samples, each one alone
        int[] partialBlocks = {0};
        Sampler.BlockModel blocks = new Sampler.BlockModel() {
            private final float[] out = new float[n * size];

            @Override
            public int grain() {
                return 2;
            }

            @Override
            public float[] predict(float[] x, int k, int t, int from, int to) {
                if (to - from < k) {
                    synchronized (partialBlocks) {
                        partialBlocks[0]++;
                    }
                }
                for (int i = from; i < to; i++) {
                    float[] one = whole.predict(java.util.Arrays.copyOfRange(x, i * size, (i + 1) * size), 1, t);
                    System.arraycopy(one, 0, out, i * size, size);
                }
                return out;
            }

            @Override
            public float[] predict(float[] x, int k, int t) {
                return predict(x, k, t, 0, k);
            }
        };
        for (boolean clip : new boolean[] {false, true}) {
            for (int threads : new int[] {1, 3}) {
                Sampler sampler = new Sampler(schedule, Prediction.EPSILON, clip);
                float[] start = new float[n * size];
                new org.gyrus.nn.GaussianNoise(1).fill(start);
                float[] a = start.clone();
                float[] b = start.clone();
                int[] steps = {0};
                partialBlocks[0] = 0;
                sampler.ddpm(whole, a, n, 999, Sampler.Noise.of(new org.gyrus.nn.GaussianNoise(2)), (done, total) -> { });
                try (org.gyrus.nn.linalg.ThreadBudget budget = new org.gyrus.nn.linalg.ThreadBudget(threads)) {
                    budget.call(() -> sampler.ddpm(blocks, b, n, 999, Sampler.Noise.of(new org.gyrus.nn.GaussianNoise(2)),
                            (done, total) -> steps[0] = done));
                }
                assertEquals(1000, steps[0]);
                // on 3 threads the sampler took the block path: the network saw blocks, not the whole batch
                assertEquals(threads > 1, partialBlocks[0] > 0, threads + " threads: blocks of the batch asked for");
                assertArrayEquals(a, b, 0f, "clip " + clip + ", " + threads + " threads");
            }
        }
    }

    @Test
    void timestepsAndErrors() {
        assertArrayEquals(new int[] {980, 960}, java.util.Arrays.copyOf(Sampler.ddimTimesteps(1000, 50), 2));
        assertArrayEquals(new int[] {60, 40, 20}, Sampler.timestepsFrom(60, 3));
        assertArrayEquals(new int[] {2, 1, 0}, Sampler.timestepsFrom(2, 10));
        Sampler s = new Sampler(NoiseSchedule.named("linear", 1000), Prediction.EPSILON, true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.ddim((x, n, t) -> x, new float[2], 1, new int[] {10, 20}, 0, z -> { }, (d, t) -> { }));
        assertEquals("DDIM: timesteps must decrease, got [10, 20]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.ddpm((x, n, t) -> x, new float[2], 1, 1000, z -> { }, (d, t) -> { }));
        assertEquals("Timestep 1000 is outside the schedule's [0, 999]", e.getMessage());
    }

    private static void assertTrue(boolean b, String what) {
        org.junit.jupiter.api.Assertions.assertTrue(b, what);
    }

    private static double maxDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    private static float[] toFloats(int[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = a[i];
        }
        return f;
    }
}
