package org.gyrus.learn;

import java.util.List;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Least squares in closed form, as scikit-learn 1.2's {@code LinearRegression} (alpha = 0) and
 * {@code Ridge(alpha, solver='cholesky')}: with an intercept the features and target are centred
 * first and the intercept is {@code ȳ − x̄·w}; the coefficients solve
 * {@code (XᵀX + αI) w = Xᵀy}: by Cholesky for α &gt; 0, and for α = 0 through the pseudo-inverse of
 * XᵀX (an SVD), which gives the least-norm solution when features are collinear, as LAPACK's
 * {@code gelsd} does for scikit-learn. Forming XᵀX squares the condition number: accurate to about
 * 1e-16·cond(X)² relative, ample for standardised features.
 */
public final class LinearRegression {

    private final double alpha;
    private final boolean fitIntercept;

    /**
     * @param alpha        the ridge strength, ≥ 0 (0: ordinary least squares)
     * @param fitIntercept whether to fit an intercept
     */
    public LinearRegression(double alpha, boolean fitIntercept) {
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be a number ≥ 0, not " + alpha);
        }
        this.alpha = alpha;
        this.fitIntercept = fitIntercept;
    }

    /**
     * Fits the model.
     *
     * @param x the samples, n × p row-major, finite
     * @param y the target of each sample, finite
     * @throws IllegalArgumentException naming the feature and row of a value that is not finite
     */
    public LinearModel fit(double[] x, int n, int p, double[] y, List<String> featureNames, String target) {
        if ((long) n * p != x.length || y.length != n || featureNames.size() != p) {
            throw new IllegalArgumentException("Inconsistent sizes: " + n + " × " + p + " samples, " + x.length + " values, "
                    + y.length + " targets, " + featureNames.size() + " feature names");
        }
        if (n < 1) {
            throw new IllegalArgumentException("Linear regression needs at least one sample");
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException("Feature '" + featureNames.get(i % p) + "' is " + (Double.isNaN(x[i]) ? "missing (NaN)" : x[i])
                        + " in row " + (i / p + 1) + ": linear regression needs finite values (impute or drop first)");
            }
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("The target '" + target + "' is " + (Double.isNaN(y[i]) ? "missing (NaN)" : y[i])
                        + " in row " + (i + 1) + ": drop those rows first");
            }
        }
        double[] xMean = new double[p];
        double yMean = 0;
        if (fitIntercept) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < p; j++) {
                    xMean[j] += x[i * p + j];
                }
                yMean += y[i];
            }
            for (int j = 0; j < p; j++) {
                xMean[j] /= n;
            }
            yMean /= n;
        }
        double[][] gram = new double[p][p];
        double[] xty = new double[p];
        double[] row = new double[p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                row[j] = x[i * p + j] - xMean[j];
            }
            double yi = y[i] - yMean;
            for (int j = 0; j < p; j++) {
                double rj = row[j];
                xty[j] += rj * yi;
                double[] gj = gram[j];
                for (int k = 0; k <= j; k++) {
                    gj[k] += rj * row[k];
                }
            }
        }
        for (int j = 0; j < p; j++) {
            for (int k = 0; k < j; k++) {
                gram[k][j] = gram[j][k];
            }
            gram[j][j] += alpha;
        }
        RealMatrix g = new Array2DRowRealMatrix(gram, false);
        ArrayRealVector b = new ArrayRealVector(xty, false);
        double[] w = alpha > 0
                ? new CholeskyDecomposition(g, 1e-15, 0).getSolver().solve(b).toArray()
                : new SingularValueDecomposition(g).getSolver().solve(b).toArray();
        double intercept = 0;
        if (fitIntercept) {
            intercept = yMean;
            for (int j = 0; j < p; j++) {
                intercept -= xMean[j] * w[j];
            }
        }
        return new LinearModel(featureNames, target, w, intercept, alpha, fitIntercept, n);
    }
}
