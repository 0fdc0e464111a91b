package org.gyrus.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.IntToDoubleFunction;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

class NoiseScheduleTest {

    /** The shared reference (ddpm_schedules.json), 17 significant digits, 6 timesteps, linear and cosine. */
    @Test
    void sharedReferenceLinearAndCosine() {
        JsonNode ref = Reference.read("ddpm_schedules.json");
        int steps = ref.get("T").asInt();
        JsonNode idx = ref.get("indices");
        NoiseSchedule linear = NoiseSchedule.linear(steps, ref.at("/linear/beta_start").asDouble(), ref.at("/linear/beta_end").asDouble());
        NoiseSchedule cosine = NoiseSchedule.cosine(steps, ref.at("/cosine/s").asDouble(), ref.at("/cosine/max_beta").asDouble());
        assertEquals(linear, NoiseSchedule.named("linear", steps));
        assertEquals(cosine, NoiseSchedule.named("cosine", steps));
        for (int i = 0; i < idx.size(); i++) {
            int t = idx.get(i).asInt();
            assertClose(ref.at("/linear/betas").get(i).asDouble(), linear.beta(t), 1e-15, "linear beta " + t);
            assertClose(ref.at("/linear/alphas_cumprod").get(i).asDouble(), linear.alphaCumprod(t), 1e-14, "linear abar " + t);
            // 1 - f(t+1)/f(t) cancels: Java's and C's cos differ in the last bit, a relative 1e-11 at t=0
            assertClose(ref.at("/cosine/betas").get(i).asDouble(), cosine.beta(t), 1e-10, "cosine beta " + t);
            assertClose(ref.at("/cosine/alphas_cumprod").get(i).asDouble(), cosine.alphaCumprod(t), 1e-12, "cosine abar " + t);
            if (i >= 1) {
                assertClose(ref.at("/linear/posterior_variance_t_ge_1").get(i - 1).asDouble(), linear.posteriorVariance(t), 1e-13,
                        "linear posterior variance " + t);
            }
        }
    }

    /** Every derived quantity of the three schedules against numpy float64 (make_schedules.py). */
    @Test
    void everyDerivedQuantityOfTheThreeSchedules() {
        JsonNode ref = Reference.read("schedules_reference.json");
        int steps = ref.get("T").asInt();
        JsonNode idx = ref.get("indices");
        for (String name : new String[] {"linear", "cosine", "scaled_linear"}) {
            NoiseSchedule s = NoiseSchedule.named(name.replace('_', '-'), steps);
            Map<String, IntToDoubleFunction> quantities = Map.of(
                    "betas", s::beta, "alphas", s::alpha, "alphas_cumprod", s::alphaCumprod,
                    "alphas_cumprod_prev", s::alphaCumprodPrev, "sqrt_alphas_cumprod", s::sqrtAlphaCumprod,
                    "sqrt_one_minus_alphas_cumprod", s::sqrtOneMinusAlphaCumprod, "posterior_variance", s::posteriorVariance,
                    "posterior_log_variance_clipped", s::posteriorLogVarianceClipped,
                    "posterior_mean_coef1", s::posteriorMeanCoef1, "posterior_mean_coef2", s::posteriorMeanCoef2);
            assertEquals(10, ref.at("/schedules/" + name).size());
            for (Map.Entry<String, IntToDoubleFunction> q : quantities.entrySet()) {
                JsonNode values = ref.at("/schedules/" + name + "/" + q.getKey());
                assertEquals(idx.size(), values.size(), q.getKey());
                for (int i = 0; i < idx.size(); i++) {
                    int t = idx.get(i).asInt();
                    assertClose(values.get(i).asDouble(), q.getValue().applyAsDouble(t), name.equals("cosine") ? 1e-10 : 1e-12, name + " " + q.getKey() + " at t=" + t);
                }
            }
        }
    }

    @Test
    void schedulesDiffer() {
        NoiseSchedule lin = NoiseSchedule.named("linear", 1000);
        NoiseSchedule cos = NoiseSchedule.named("cosine", 1000);
        NoiseSchedule sl = NoiseSchedule.named("scaled-linear", 1000);
        assertTrue(cos.alphaCumprod(499) > 5 * lin.alphaCumprod(499), "cosine keeps more signal at mid-schedule");
        assertTrue(sl.alphaCumprod(999) > lin.alphaCumprod(999));
        assertTrue(lin.alphaCumprod(999) < 1e-4, "the linear schedule ends in nearly pure noise");
    }

    @Test
    void badInputIsExplained() {
        assertEquals("Unknown noise schedule 'quadratic': use linear, cosine or scaled-linear",
                assertThrows(IllegalArgumentException.class, () -> NoiseSchedule.named("quadratic", 10)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> NoiseSchedule.linear(1, 1e-4, 0.02));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NoiseSchedule.linear(10, 0.1, 1.5)).getMessage()
                .contains("must lie in (0, 1)"));
    }

    static void assertClose(double expected, double actual, double rel, String what) {
        assertEquals(expected, actual, rel * Math.max(1e-300, Math.abs(expected)) + 1e-300, what);
    }
}
