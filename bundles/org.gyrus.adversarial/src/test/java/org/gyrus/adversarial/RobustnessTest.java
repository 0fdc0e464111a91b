package org.gyrus.adversarial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The counts of a robustness point: clean and robust accuracy, success rate among the correctly classified, per-class shares. */
class RobustnessTest {

    @Test
    void countsAccuracySuccessAndNorms() {
        int[] truth = {0, 0, 1, 1, 2};
        int[] before = {0, 0, 1, 2, 2};
        int[] after = {1, 0, 0, 2, 2};
        AttackResult r = new AttackResult(new float[5], truth, false, before, new float[5], after, new float[5],
                new double[] {0.1, 0.05, 0.1, 0, 0.02}, new double[] {1, 2, 3, 0, 4}, new boolean[5]);
        Robustness p = new Robustness("fgsm", 0.1, truth, r);
        assertEquals(new Proportion(4, 5), p.clean());
        assertEquals(new Proportion(2, 5), p.robust());
        assertEquals(new Proportion(2, 4), p.flipped(), "of the 4 correctly classified, 2 flipped");
        Proportion[] classZero = p.among(new boolean[] {true, true, false, false, false});
        assertEquals(new Proportion(2, 2), classZero[0]);
        assertEquals(new Proportion(1, 2), classZero[1]);
        assertEquals(0.054, p.meanLinf(), 1e-12);
        assertEquals(0.1, p.maxLinf(), 0);
        assertEquals(2.0, p.meanL2(), 1e-12);
        assertEquals(4.0, p.maxL2(), 0);
    }
}
