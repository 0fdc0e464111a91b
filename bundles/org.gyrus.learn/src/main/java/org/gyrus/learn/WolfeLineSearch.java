package org.gyrus.learn;

/**
 * A line search along a descent direction for a step satisfying the strong Wolfe conditions
 * (Nocedal and Wright, Numerical Optimization, 2nd ed., algorithms 3.5 and 3.6): sufficient
 * decrease {@code f(x + a d) ≤ f(x) + c1 a ∇f·d} and curvature {@code |∇f(x + a d)·d| ≤ c2 |∇f·d|},
 * with L-BFGS-B's constants c1 = 1e-3 and c2 = 0.9. Trial steps come from a safeguarded cubic
 * interpolation of the function and slope at the ends of the bracketing interval. A non-finite
 * function value counts as too large, so steps into overflow shrink.
 */
final class WolfeLineSearch {

    private static final double C1 = 1e-3;
    private static final double C2 = 0.9;

    private final Lbfgs.Objective f;
    private final int maxEvaluations;
    private final double[] x;
    private final double[] g;
    private double value;
    private int evaluations;

    // the search's state for one call
    private double[] x0;
    private double[] d;
    private double f0;
    private double slope0;

    WolfeLineSearch(Lbfgs.Objective f, int n, int maxEvaluations) {
        this.f = f;
        this.maxEvaluations = maxEvaluations;
        this.x = new double[n];
        this.g = new double[n];
    }

    /**
     * Searches from {@code start} along {@code direction}.
     *
     * @return whether a step satisfying both conditions was found within the evaluation limit;
     *     then {@link #x()}, {@link #value()} and {@link #gradient()} hold the new point
     */
    boolean search(double[] start, double fStart, double[] gStart, double[] direction, double slope, double firstStep) {
        x0 = start;
        d = direction;
        f0 = fStart;
        slope0 = slope;
        evaluations = 0;
        double aPrev = 0;
        double fPrev = fStart;
        double sPrev = slope;
        double a = firstStep;
        while (evaluations < maxEvaluations) {
            double fa = evaluate(a);
            double sa = Lbfgs.dot(g, d);
            if (fa > f0 + C1 * a * slope0 || (evaluations > 1 && fa >= fPrev)) {
                return zoom(aPrev, fPrev, sPrev, a, fa, sa);
            }
            if (Math.abs(sa) <= -C2 * slope0) {
                return true;
            }
            if (sa >= 0) {
                return zoom(a, fa, sa, aPrev, fPrev, sPrev);
            }
            double next = cubicMinimum(aPrev, fPrev, sPrev, a, fa, sa);
            // Extrapolate: at least 1.1 times further, at most 4 times.
            if (!(next > 1.1 * a)) {
                next = 1.1 * a;
            }
            next = Math.min(next, 4 * a);
            aPrev = a;
            fPrev = fa;
            sPrev = sa;
            a = next;
        }
        return false;
    }

    private boolean zoom(double lo, double fLo, double sLo, double hi, double fHi, double sHi) {
        while (evaluations < maxEvaluations) {
            double width = hi - lo;
            double a = Double.isFinite(fHi) ? cubicMinimum(lo, fLo, sLo, hi, fHi, sHi) : Double.NaN;
            double min = Math.min(lo, hi) + 0.1 * Math.abs(width);
            double max = Math.max(lo, hi) - 0.1 * Math.abs(width);
            if (!(a >= min && a <= max)) {
                a = lo + 0.5 * width;
            }
            double fa = evaluate(a);
            double sa = Lbfgs.dot(g, d);
            if (fa > f0 + C1 * a * slope0 || fa >= fLo) {
                hi = a;
                fHi = fa;
                sHi = sa;
            } else {
                if (Math.abs(sa) <= -C2 * slope0) {
                    return true;
                }
                if (sa * (hi - lo) >= 0) {
                    hi = lo;
                    fHi = fLo;
                    sHi = sLo;
                }
                lo = a;
                fLo = fa;
                sLo = sa;
            }
            if (Math.abs(hi - lo) <= 1e-16 * Math.max(1, Math.abs(lo))) {
                break;
            }
        }
        // No Wolfe point: accept the best point seen if it decreased f sufficiently.
        if (lo > 0 && fLo <= f0 + C1 * lo * slope0) {
            evaluate(lo);
            return true;
        }
        return false;
    }

    /** The minimiser of the cubic through (a, fa, sa) and (b, fb, sb); NaN when it has none. */
    private static double cubicMinimum(double a, double fa, double sa, double b, double fb, double sb) {
        double d1 = sa + sb - 3 * (fa - fb) / (a - b);
        double disc = d1 * d1 - sa * sb;
        if (!(disc >= 0)) {
            return Double.NaN;
        }
        double d2 = Math.signum(b - a) * Math.sqrt(disc);
        return b - (b - a) * (sb + d2 - d1) / (sb - sa + 2 * d2);
    }

    private double evaluate(double a) {
        for (int i = 0; i < x.length; i++) {
            x[i] = x0[i] + a * d[i];
        }
        evaluations++;
        double v = f.evaluate(x, g);
        value = Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
        return value;
    }

    int evaluations() {
        return evaluations;
    }

    double[] x() {
        return x;
    }

    double[] gradient() {
        return g;
    }

    double value() {
        return value;
    }
}
