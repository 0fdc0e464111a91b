package org.gyrus.learn;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Logistic regression with scikit-learn 1.2's semantics for {@code solver='lbfgs'}: minimises
 * the (class-)weighted sum of log-losses plus {@code 0.5/C ||W||²} (or no penalty), the intercept
 * unpenalised, with {@link Lbfgs} from zero and SciPy's stopping rules ({@code gtol = tol},
 * relative reduction {@code ftol} 2.2e-9, {@code max_iter}). Two classes give one coefficient
 * vector (the binomial loss, {@code multi_class='auto'}), more give one per class (multinomial).
 * The loss is summed over row blocks in parallel through the run's thread budget
 * ({@link org.gyrus.nn.linalg.Parallel}), in a fixed order, so results do not depend on the threads.
 * Settings are immutable; each {@code with} method returns a new instance.
 */
public final class LogisticRegression {

    /** The penalty. */
    public enum Penalty {
        /** {@code 0.5/C ||W||²}. */
        L2,
        /** No penalty (C is ignored). */
        NONE
    }

    private final Penalty penalty;
    private final double c;
    private final ClassWeights classWeights;
    private final boolean fitIntercept;
    private final double tol;
    private final int maxIter;
    private final double ftol;

    private LogisticRegression(Penalty penalty, double c, ClassWeights classWeights, boolean fitIntercept, double tol, int maxIter,
                               double ftol) {
        if (!(c > 0) || Double.isInfinite(c)) {
            throw new IllegalArgumentException("C must be a positive number, not " + c);
        }
        if (!(tol >= 0) || maxIter < 1) {
            throw new IllegalArgumentException("tol must be ≥ 0 and max_iter ≥ 1 (got " + tol + ", " + maxIter + ")");
        }
        this.penalty = penalty;
        this.c = c;
        this.classWeights = classWeights;
        this.fitIntercept = fitIntercept;
        this.tol = tol;
        this.maxIter = maxIter;
        this.ftol = ftol;
    }

    /** scikit-learn's defaults: L2, C = 1, no class weights, an intercept, tol 1e-4, 100 iterations. */
    public static LogisticRegression defaults() {
        return new LogisticRegression(Penalty.L2, 1.0, ClassWeights.none(), true, 1e-4, 100, Lbfgs.SCIPY_FTOL);
    }

    public LogisticRegression penalty(Penalty value) {
        return new LogisticRegression(value, c, classWeights, fitIntercept, tol, maxIter, ftol);
    }

    /** The inverse regularisation strength. */
    public LogisticRegression c(double value) {
        return new LogisticRegression(penalty, value, classWeights, fitIntercept, tol, maxIter, ftol);
    }

    public LogisticRegression classWeights(ClassWeights value) {
        return new LogisticRegression(penalty, c, value, fitIntercept, tol, maxIter, ftol);
    }

    public LogisticRegression fitIntercept(boolean value) {
        return new LogisticRegression(penalty, c, classWeights, value, tol, maxIter, ftol);
    }

    /** Stop when the largest absolute gradient entry is at most this. */
    public LogisticRegression tol(double value) {
        return new LogisticRegression(penalty, c, classWeights, fitIntercept, value, maxIter, ftol);
    }

    public LogisticRegression maxIter(int value) {
        return new LogisticRegression(penalty, c, classWeights, fitIntercept, tol, value, ftol);
    }

    /**
     * The relative-reduction stopping rule of SciPy's L-BFGS-B (default 2.2e-9, as scikit-learn);
     * 0 stops on the gradient only, to reach the exact optimum.
     */
    public LogisticRegression ftol(double value) {
        return new LogisticRegression(penalty, c, classWeights, fitIntercept, tol, maxIter, value);
    }

    /**
     * Fits the model.
     *
     * @param x            the samples, n × p row-major, finite
     * @param n            samples
     * @param p            features
     * @param labels       the class of each sample
     * @param featureNames the feature names (p of them)
     * @throws IllegalArgumentException if there are fewer than two classes, a class has no sample,
     *     or a value is not finite (naming the feature and row)
     */
    public LogisticModel fit(double[] x, int n, int p, Labels labels, List<String> featureNames) {
        return fit(x, n, p, labels, featureNames, () -> false);
    }

    /**
     * Fits the model, asking {@code cancelled} before every solver iteration, so that a long fit
     * stops within one pass over the data once a run is cancelled.
     *
     * @throws java.util.concurrent.CancellationException when {@code cancelled} says so
     * @see #fit(double[], int, int, Labels, List)
     */
    public LogisticModel fit(double[] x, int n, int p, Labels labels, List<String> featureNames, BooleanSupplier cancelled) {
        if ((long) n * p != x.length || labels.codes().length != n || featureNames.size() != p) {
            throw new IllegalArgumentException("Inconsistent sizes: " + n + " × " + p + " samples, " + x.length + " values, "
                    + labels.codes().length + " labels, " + featureNames.size() + " feature names");
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException("Feature '" + featureNames.get(i % p) + "' is " + (Double.isNaN(x[i]) ? "missing (NaN)" : x[i])
                        + " in row " + (i / p + 1) + ": logistic regression needs finite values (impute or drop first)");
            }
        }
        int classes = labels.classes().size();
        if (classes < 2) {
            throw new IllegalArgumentException("Logistic regression needs samples of at least two classes; the labels have only "
                    + labels.classes());
        }
        double[] weights = classWeights.sampleWeights(labels.codes(), labels.classes());
        double lambda = penalty == Penalty.L2 ? 1 / c : 0;
        LogisticLoss loss = new LogisticLoss(x, n, p, labels.codes(), weights, classes, fitIntercept, lambda);
        Lbfgs.Result r = new Lbfgs(10, tol, ftol, maxIter, 20).minimize(loss, new double[loss.parameters()], cancelled);
        int outputs = loss.outputs();
        double[] coef = java.util.Arrays.copyOf(r.x(), outputs * p);
        double[] intercept = fitIntercept ? java.util.Arrays.copyOfRange(r.x(), outputs * p, outputs * p + outputs) : new double[outputs];
        LogisticModel.Fit fit = new LogisticModel.Fit(penalty.name().toLowerCase(java.util.Locale.ROOT), c, classWeights.toString(),
                fitIntercept, tol, maxIter, r.iterations(), r.converged(), r.message(), r.value(), r.maxGradient(), n);
        return new LogisticModel(labels.classes(), featureNames, coef, intercept, fit);
    }
}
