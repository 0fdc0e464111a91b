package org.gyrus.preprocess;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Bayesian ridge regression (MacKay's evidence maximisation), scikit-learn 1.2's
 * {@code BayesianRidge} with its defaults: intercept fitted by centring, gamma priors
 * alpha_1 = alpha_2 = lambda_1 = lambda_2 = 1e-6, at most 300 iterations, tol 1e-3, and the same
 * update order (alpha and lambda are updated before the convergence test and the final
 * coefficients use the updated values). Only what the iterative imputer needs: fit and predict.
 */
final class BayesianRidge {

    static final int MAX_ITER = 300;
    static final double TOL = 1e-3;
    static final double ALPHA_1 = 1e-6;
    static final double ALPHA_2 = 1e-6;
    static final double LAMBDA_1 = 1e-6;
    static final double LAMBDA_2 = 1e-6;

    /** A fitted linear model {@code y = x · coef + intercept}. */
    record Fit(double[] coef, double intercept) {

        double predict(double[] x) {
            double s = 0;
            for (int k = 0; k < coef.length; k++) {
                s += x[k] * coef[k];
            }
            return s + intercept;
        }
    }

    private BayesianRidge() {
    }

    /** Fits on {@code x} (n rows × q columns, {@code x[i]} a row) and {@code y}. */
    static Fit fit(double[][] x, double[] y) {
        int n = x.length;
        int q = x[0].length;
        double[] xOffset = new double[q];
        for (double[] row : x) {
            for (int k = 0; k < q; k++) {
                xOffset[k] += row[k];
            }
        }
        for (int k = 0; k < q; k++) {
            xOffset[k] /= n;
        }
        double yOffset = 0;
        for (double v : y) {
            yOffset += v;
        }
        yOffset /= n;
        double[][] xc = new double[n][q];
        double[] yc = new double[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < q; k++) {
                xc[i][k] = x[i][k] - xOffset[k];
            }
            yc[i] = y[i] - yOffset;
        }
        double eps = Math.ulp(1.0);
        double alpha = 1.0 / (variance(yc) + eps);
        double lambda = 1.0;

        double[] xty = new double[q];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < q; k++) {
                xty[k] += xc[i][k] * yc[i];
            }
        }
        SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(xc, false));
        double[] s = svd.getSingularValues();
        int r = s.length;
        double[] eig = new double[r];
        for (int k = 0; k < r; k++) {
            eig[k] = s[k] * s[k];
        }
        RealMatrix v = svd.getV();
        RealMatrix u = svd.getU();

        double[] coefOld = null;
        double[] coef = null;
        for (int iter = 0; iter < MAX_ITER; iter++) {
            coef = coef(xc, yc, xty, u, v, eig, alpha, lambda);
            double rmse = rss(xc, yc, coef);
            double gamma = 0;
            for (int k = 0; k < r; k++) {
                gamma += alpha * eig[k] / (lambda + alpha * eig[k]);
            }
            double coefSq = 0;
            for (double c : coef) {
                coefSq += c * c;
            }
            lambda = (gamma + 2 * LAMBDA_1) / (coefSq + 2 * LAMBDA_2);
            alpha = (n - gamma + 2 * ALPHA_1) / (rmse + 2 * ALPHA_2);
            if (iter != 0) {
                double change = 0;
                for (int k = 0; k < q; k++) {
                    change += Math.abs(coefOld[k] - coef[k]);
                }
                if (change < TOL) {
                    break;
                }
            }
            coefOld = coef.clone();
        }
        coef = coef(xc, yc, xty, u, v, eig, alpha, lambda);
        double intercept = yOffset;
        for (int k = 0; k < q; k++) {
            intercept -= xOffset[k] * coef[k];
        }
        return new Fit(coef, intercept);
    }

    /** The posterior mean of the coefficients for given alpha and lambda. */
    private static double[] coef(double[][] xc, double[] yc, double[] xty, RealMatrix u, RealMatrix v, double[] eig,
            double alpha, double lambda) {
        int n = xc.length;
        int q = xty.length;
        int r = eig.length;
        double[] coef = new double[q];
        if (n > q) {
            // V diag(1 / (eig + lambda/alpha)) V^T X^T y
            double[] t = new double[r];
            for (int k = 0; k < r; k++) {
                double dot = 0;
                for (int m = 0; m < q; m++) {
                    dot += v.getEntry(m, k) * xty[m];
                }
                t[k] = dot / (eig[k] + lambda / alpha);
            }
            for (int m = 0; m < q; m++) {
                double sum = 0;
                for (int k = 0; k < r; k++) {
                    sum += v.getEntry(m, k) * t[k];
                }
                coef[m] = sum;
            }
        } else {
            // X^T U diag(1 / (eig + lambda/alpha)) U^T y
            double[] t = new double[r];
            for (int k = 0; k < r; k++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += u.getEntry(i, k) * yc[i];
                }
                t[k] = dot / (eig[k] + lambda / alpha);
            }
            double[] ut = new double[n];
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int k = 0; k < r; k++) {
                    sum += u.getEntry(i, k) * t[k];
                }
                ut[i] = sum;
            }
            for (int m = 0; m < q; m++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += xc[i][m] * ut[i];
                }
                coef[m] = sum;
            }
        }
        return coef;
    }

    private static double rss(double[][] xc, double[] yc, double[] coef) {
        double s = 0;
        for (int i = 0; i < xc.length; i++) {
            double pred = 0;
            for (int k = 0; k < coef.length; k++) {
                pred += xc[i][k] * coef[k];
            }
            double e = yc[i] - pred;
            s += e * e;
        }
        return s;
    }

    private static double variance(double[] y) {
        double m = 0;
        for (double v : y) {
            m += v;
        }
        m /= y.length;
        double s = 0;
        for (double v : y) {
            s += (v - m) * (v - m);
        }
        return s / y.length;
    }
}
