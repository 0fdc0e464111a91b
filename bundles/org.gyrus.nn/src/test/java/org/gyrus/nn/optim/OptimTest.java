package org.gyrus.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gyrus.nn.Tensor;
import org.junit.jupiter.api.Test;

class OptimTest {

    @Test
    void schedulesFollowPyTorchFormulas() {
        LrSchedule step = LrSchedule.step(0.1, 3, 0.5);
        assertEquals(0.1, step.lr(2), 1e-12);
        assertEquals(0.05, step.lr(3), 1e-12);
        assertEquals(0.025, step.lr(7), 1e-12);
        LrSchedule cos = LrSchedule.cosine(1.0, 10, 0.1);
        assertEquals(1.0, cos.lr(0), 1e-12);
        assertEquals(0.55, cos.lr(5), 1e-12);
        assertEquals(0.1, cos.lr(10), 1e-12);
        assertEquals(0.1, cos.lr(50), 1e-12);
        LrSchedule warm = LrSchedule.warmup(4, LrSchedule.constant(0.8));
        assertEquals(0.2, warm.lr(0), 1e-12);
        assertEquals(0.8, warm.lr(3), 1e-12);
        assertEquals(0.8, warm.lr(9), 1e-12);
    }

    @Test
    void clipScalesTheJointNorm() {
        Tensor a = Tensor.zeros(2).requiresGrad(true);
        Tensor b = Tensor.zeros(1).requiresGrad(true);
        a.add(Tensor.of(new float[] {3f, 0f}, 2)).mul(Tensor.of(new float[] {3f, 0f}, 2)).sum().backward();
        b.mul(4f).sum().backward();
        assertEquals(5.0, GradClip.clipNorm(List.of(a, b), 1.0), 1e-6);
        assertEquals(0.6f, a.grad()[0], 1e-6);
        assertEquals(0.8f, b.grad()[0], 1e-6);
        assertEquals(1.0, GradClip.clipNorm(List.of(a, b), 2.0), 1e-5);
        assertEquals(0.6f, a.grad()[0], 1e-6);
    }

    /** Each optimiser minimises a convex quadratic from the same start. */
    @Test
    void optimisersMinimiseAQuadratic() {
        for (String name : List.of("sgd", "nesterov", "adam", "adamw")) {
            Tensor w = Tensor.of(new float[] {3f, -2f, 1f}, 3).requiresGrad(true);
            Optimizer opt = switch (name) {
                case "sgd" -> new Sgd(List.of(w), 0.05, 0.9);
                case "nesterov" -> new Sgd(List.of(w), 0.05, 0.9, 0, 0, true);
                case "adam" -> new Adam(List.of(w), 0.1);
                default -> new AdamW(List.of(w), 0.1, 0.9, 0.999, 1e-8, 0.01);
            };
            for (int i = 0; i < 300; i++) {
                opt.zeroGrad();
                w.sub(Tensor.of(new float[] {1f, 1f, 1f}, 3)).pow(2f).sum().backward();
                opt.step();
            }
            for (float v : w.data()) {
                assertTrue(Math.abs(v - 1f) < 0.05, name + " converged to " + v);
            }
            assertEquals(300, opt.steps());
        }
    }
}
