package org.gyrus.learn;

import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * The limited-memory BFGS minimiser (Nocedal 1980; Liu and Nocedal 1989) without bounds, with the
 * stopping rules of SciPy's L-BFGS-B that scikit-learn's {@code lbfgs} solver relies on: stop when
 * the largest absolute gradient entry is at most {@code gtol}, or when an iteration reduced the
 * function by at most {@code ftol · max(|f_old|, |f_new|, 1)}, or after {@code maxIterations}
 * iterations (not converged). Steps come from a line search satisfying the strong Wolfe conditions
 * ({@link WolfeLineSearch}).
 */
final class Lbfgs {

    /** SciPy's default {@code ftol} for L-BFGS-B: {@code factr = 1e7} times the machine epsilon. */
    static final double SCIPY_FTOL = 2.220446049250313e-09;

    /** A differentiable function of a vector. */
    @FunctionalInterface
    interface Objective {
        /** Returns f(x) and writes ∇f(x) into {@code gradient}. */
        double evaluate(double[] x, double[] gradient);
    }

    /**
     * The outcome of a minimisation.
     *
     * @param x           the last point
     * @param value       f(x)
     * @param maxGradient the largest absolute gradient entry at x
     * @param iterations  iterations done (SciPy's {@code nit})
     * @param evaluations function evaluations
     * @param converged   whether a convergence rule stopped it
     * @param message     why it stopped, in SciPy's words
     */
    record Result(double[] x, double value, double maxGradient, int iterations, int evaluations, boolean converged, String message) {
    }

    private final int memory;
    private final double gtol;
    private final double ftol;
    private final int maxIterations;
    private final int maxLineSearch;

    /**
     * @param memory        correction pairs kept (SciPy's {@code maxcor}, 10)
     * @param gtol          the gradient tolerance (scikit-learn passes its {@code tol})
     * @param ftol          the relative reduction tolerance (0 to stop only on the gradient)
     * @param maxIterations the iteration limit
     * @param maxLineSearch function evaluations per line search (SciPy's {@code maxls}, 20)
     */
    Lbfgs(int memory, double gtol, double ftol, int maxIterations, int maxLineSearch) {
        if (memory < 1 || maxIterations < 1 || maxLineSearch < 1 || !(gtol >= 0) || !(ftol >= 0)) {
            throw new IllegalArgumentException("L-BFGS settings out of range: memory " + memory + ", gtol " + gtol + ", ftol " + ftol
                    + ", max iterations " + maxIterations + ", line search " + maxLineSearch);
        }
        this.memory = memory;
        this.gtol = gtol;
        this.ftol = ftol;
        this.maxIterations = maxIterations;
        this.maxLineSearch = maxLineSearch;
    }

    Result minimize(Objective f, double[] start) {
        return minimize(f, start, () -> false);
    }

    /**
     * Minimises {@code f} from {@code start}, asking {@code cancelled} before every iteration.
     *
     * @throws CancellationException as soon as {@code cancelled} says so
     */
    Result minimize(Objective f, double[] start, BooleanSupplier cancelled) {
        int n = start.length;
        double[] x = start.clone();
        double[] g = new double[n];
        double fx = f.evaluate(x, g);
        int evaluations = 1;
        if (!Double.isFinite(fx)) {
            throw new IllegalArgumentException("The objective is not finite at the starting point (" + fx + ")");
        }
        double[][] s = new double[memory][];
        double[][] y = new double[memory][];
        double[] rho = new double[memory];
        int stored = 0;
        int newest = -1;
        double[] d = new double[n];
        double[] alpha = new double[memory];
        WolfeLineSearch search = new WolfeLineSearch(f, n, maxLineSearch);
        if (maxAbs(g) <= gtol) {
            return new Result(x, fx, maxAbs(g), 0, evaluations, true, "CONVERGENCE: NORM_OF_PROJECTED_GRADIENT_<=_PGTOL");
        }
        for (int iteration = 1; ; iteration++) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("L-BFGS cancelled after " + (iteration - 1) + " iterations");
            }
            // Two-loop recursion: d = -H g.
            for (int i = 0; i < n; i++) {
                d[i] = -g[i];
            }
            for (int j = 0; j < stored; j++) {
                int k = Math.floorMod(newest - j, memory);
                alpha[k] = rho[k] * dot(s[k], d);
                axpy(-alpha[k], y[k], d);
            }
            if (stored > 0) {
                double gamma = dot(s[newest], y[newest]) / dot(y[newest], y[newest]);
                for (int i = 0; i < n; i++) {
                    d[i] *= gamma;
                }
            }
            for (int j = stored - 1; j >= 0; j--) {
                int k = Math.floorMod(newest - j, memory);
                double beta = rho[k] * dot(y[k], d);
                axpy(alpha[k] - beta, s[k], d);
            }
            double slope = dot(d, g);
            if (!(slope < 0)) {
                // Not a descent direction (rounding in the memory): fall back to steepest descent.
                stored = 0;
                for (int i = 0; i < n; i++) {
                    d[i] = -g[i];
                }
                slope = dot(d, g);
            }
            // As L-BFGS-B: the first step (and one after a reset) has unit length, later ones try 1.
            double step = stored == 0 ? Math.min(1.0, 1.0 / Math.sqrt(dot(d, d))) : 1.0;
            boolean found = search.search(x, fx, g, d, slope, step);
            evaluations += search.evaluations();
            if (!found) {
                if (stored > 0) {
                    stored = 0;
                    iteration--;
                    continue;
                }
                return new Result(x, fx, maxAbs(g), iteration - 1, evaluations, false, "ABNORMAL_TERMINATION_IN_LNSRCH");
            }
            double[] xNew = search.x();
            double[] gNew = search.gradient();
            double fNew = search.value();
            double[] sk = new double[n];
            double[] yk = new double[n];
            for (int i = 0; i < n; i++) {
                sk[i] = xNew[i] - x[i];
                yk[i] = gNew[i] - g[i];
            }
            double sy = dot(sk, yk);
            // L-BFGS-B skips a pair whose curvature is not safely positive.
            if (sy > 2.220446049250313e-16 * dot(yk, yk)) {
                newest = (newest + 1) % memory;
                s[newest] = sk;
                y[newest] = yk;
                rho[newest] = 1 / sy;
                stored = Math.min(stored + 1, memory);
            }
            double fOld = fx;
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            fx = fNew;
            double gMax = maxAbs(g);
            if (gMax <= gtol) {
                return new Result(x, fx, gMax, iteration, evaluations, true, "CONVERGENCE: NORM_OF_PROJECTED_GRADIENT_<=_PGTOL");
            }
            if (fOld - fx <= ftol * Math.max(Math.max(Math.abs(fOld), Math.abs(fx)), 1)) {
                return new Result(x, fx, gMax, iteration, evaluations, true, "CONVERGENCE: REL_REDUCTION_OF_F_<=_FACTR*EPSMCH");
            }
            if (iteration >= maxIterations) {
                return new Result(x, fx, gMax, iteration, evaluations, false, "STOP: TOTAL NO. of ITERATIONS REACHED LIMIT");
            }
        }
    }

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    static double maxAbs(double[] v) {
        double m = 0;
        for (double e : v) {
            m = Math.max(m, Math.abs(e));
        }
        return Double.isNaN(Arrays.stream(v).sum()) ? Double.NaN : m;
    }
}
