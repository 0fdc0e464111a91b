package org.gyrus.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LbfgsTest {

    /** The Rosenbrock function in n dimensions; minimum 0 at (1, ..., 1). */
    private static double rosenbrock(double[] x, double[] g) {
        double f = 0;
        java.util.Arrays.fill(g, 0);
        for (int i = 0; i + 1 < x.length; i++) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            f += 100 * a * a + b * b;
            g[i] += -400 * a * x[i] - 2 * b;
            g[i + 1] += 200 * a;
        }
        return f;
    }

    @Test
    void minimisesRosenbrockToTheGradientTolerance() {
        double[] start = {-1.2, 1, -1.2, 1, -1.2, 1};
        Lbfgs.Result r = new Lbfgs(10, 1e-8, 0, 1000, 20).minimize(LbfgsTest::rosenbrock, start);
        assertTrue(r.converged(), r.message());
        assertTrue(r.maxGradient() <= 1e-8, "max |g| " + r.maxGradient());
        for (double v : r.x()) {
            assertEquals(1, v, 1e-7);
        }
        assertEquals(-1.2, start[0], "the start is not modified");
    }

    @Test
    void reportsTheIterationLimitAsNotConverged() {
        Lbfgs.Result r = new Lbfgs(10, 1e-8, 0, 5, 20).minimize(LbfgsTest::rosenbrock, new double[] {-1.2, 1});
        assertFalse(r.converged());
        assertEquals(5, r.iterations());
        assertTrue(r.message().contains("ITERATIONS REACHED LIMIT"), r.message());
    }

    @Test
    void theReductionRuleStopsEarlierThanTheGradientRule() {
        Lbfgs.Result loose = new Lbfgs(10, 1e-12, 1e-3, 1000, 20).minimize(LbfgsTest::rosenbrock, new double[] {-1.2, 1});
        Lbfgs.Result strict = new Lbfgs(10, 1e-12, 0, 1000, 20).minimize(LbfgsTest::rosenbrock, new double[] {-1.2, 1});
        assertTrue(loose.message().contains("REL_REDUCTION"), loose.message());
        assertTrue(loose.iterations() < strict.iterations());
        assertTrue(loose.value() > strict.value());
    }

    @Test
    void lineSearchStepsSatisfyTheStrongWolfeConditions() {
        double[] x = {-1.2, 1};
        double[] g = new double[2];
        double f = rosenbrock(x, g);
        double[] d = {-g[0], -g[1]};
        double slope = Lbfgs.dot(g, d);
        for (double first : new double[] {1e-4, 1e-3, 1, 10}) {
            WolfeLineSearch s = new WolfeLineSearch(LbfgsTest::rosenbrock, 2, 30);
            assertTrue(s.search(x, f, g, d, slope, first), "first step " + first);
            double a = (s.x()[0] - x[0]) / d[0];
            assertTrue(s.value() <= f + 1e-3 * a * slope, "sufficient decrease, first step " + first);
            assertTrue(Math.abs(Lbfgs.dot(s.gradient(), d)) <= 0.9 * Math.abs(slope), "curvature, first step " + first);
        }
    }
}
