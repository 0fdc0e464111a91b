package org.gyrus.preprocess;

import java.util.List;

import org.gyrus.data.Table;

/**
 * Centres each column on its mean and divides by its standard deviation (ddof 0): scikit-learn
 * 1.2's {@code StandardScaler}. Missing cells are ignored in fit and stay missing. A constant
 * column is divided by 1, not 0.
 */
public final class StandardScaler {

    private boolean withMean = true;
    private boolean withStd = true;
    private int threads = Parallel.defaultThreads();

    /** A scaler with scikit-learn's defaults (with_mean, with_std). */
    public StandardScaler() {
    }

    /** Whether to subtract the mean. */
    public StandardScaler withMean(boolean b) {
        this.withMean = b;
        return this;
    }

    /** Whether to divide by the standard deviation. */
    public StandardScaler withStd(boolean b) {
        this.withStd = b;
        return this;
    }

    /** Threads for fit and apply. */
    public StandardScaler threads(int n) {
        this.threads = Math.max(1, n);
        return this;
    }

    /** Learns mean and scale of the named numeric columns. */
    public ScalerModel fit(Table table, List<String> columns) {
        return fit(columns, ScalerModel.gather(table, columns, "StandardScaler", threads));
    }

    /** Learns mean and scale of columns given as arrays. */
    public ScalerModel fit(List<String> names, double[][] x) {
        int p = x.length;
        double[] mean = new double[p];
        double[] scale = new double[p];
        FiniteValues.refuseInfinity(names, x, "StandardScaler");
        Parallel.forEach(p, threads, j -> {
            double[] m = meanAndVar(x[j]);
            // Where the sum or the squares overflow (values beyond about 1e154), numpy gives an
            // infinite variance and scikit-learn a column of zeros; computing on values scaled by a
            // power of two (exact) gives the true mean and standard deviation instead.
            double f = m[2] > 0 && !(Double.isFinite(m[0]) && Double.isFinite(m[1])) ? FiniteValues.downscale(x[j]) : 1.0;
            if (f != 1.0) {
                double[] scaled = new double[x[j].length];
                for (int i = 0; i < scaled.length; i++) {
                    scaled[i] = x[j][i] * f;
                }
                m = meanAndVar(scaled);
            }
            mean[j] = withMean ? m[0] / f : 0.0;
            if (withStd) {
                // scikit-learn's _is_constant_feature: the variance is within rounding of zero.
                double eps = Math.ulp(1.0);
                double n = m[2];
                boolean constant = m[1] <= n * eps * m[1] + (n * m[0] * eps) * (n * m[0] * eps);
                scale[j] = ScalerModel.handleZero(Math.sqrt(m[1]) / f, constant);
            } else {
                scale[j] = 1.0;
            }
        });
        return new ScalerModel("StandardScaler", ScalerModel.Form.CENTER_THEN_DIVIDE, names, mean, scale, threads);
    }

    /**
     * Mean, variance and count as scikit-learn's {@code _incremental_mean_and_var} computes them
     * from scratch: the corrected two-pass algorithm, sums in row order.
     */
    static double[] meanAndVar(double[] x) {
        double sum = 0;
        int n = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN, 0};
        }
        double t = sum / n;
        double correction = 0;
        double sq = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                double d = v - t;
                correction += d;
                sq += d * d;
            }
        }
        double unnormalized = sq - correction * correction / n;
        return new double[] {sum / n, unnormalized / n, n};
    }
}
