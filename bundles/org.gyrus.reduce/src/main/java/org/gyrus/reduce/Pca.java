package org.gyrus.reduce;

import java.util.Locale;
import org.gyrus.nn.linalg.Parallel;

/**
 * Principal component analysis as scikit-learn's {@code PCA} (1.2) computes it: centre, then take
 * the leading right singular vectors of the centred data, with scikit-learn's sign convention, its
 * explained variance ({@code S² / (n − 1)}), ratio, noise variance and whitening. Immutable: the
 * {@code with…} methods return changed copies.
 *
 * <pre>{@code
 * Pca.Fit fit = Pca.components(50).solver(Pca.Solver.RANDOMIZED).seed(0).fitTransform(x, rows, cols);
 * }</pre>
 */
public final class Pca {

    /** How the singular vectors are computed. */
    public enum Solver {
        /** Exact: eigendecomposition of the covariance (or Gram) matrix in double precision. */
        FULL,
        /** Randomized range finder with power iterations (Halko et al.), in single precision; approximate, fast for few components. */
        RANDOMIZED,
        /** scikit-learn's rule: full for data up to 500 on each side or a variance fraction, randomized for fewer than 80 % of the components. */
        AUTO
    }

    /** A fitted model and the training data's scores (samples × components, row-major). */
    public record Fit(PcaModel model, float[] scores) {
    }

    private final int count;
    private final double fraction;
    private final Solver solver;
    private final boolean whiten;
    private final long seed;
    private final int oversamples;
    private final int iterations;
    private final int threads;

    private Pca(int count, double fraction, Solver solver, boolean whiten, long seed, int oversamples, int iterations, int threads) {
        this.count = count;
        this.fraction = fraction;
        this.solver = solver;
        this.whiten = whiten;
        this.seed = seed;
        this.oversamples = oversamples;
        this.iterations = iterations;
        this.threads = threads;
    }

    /** PCA keeping {@code k} components (at least 1). */
    public static Pca components(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("The number of components must be at least 1, not " + k);
        }
        return new Pca(k, Double.NaN, Solver.AUTO, false, 0, 10, -1, Parallel.threads());
    }

    /** PCA keeping the fewest components that explain more than {@code fraction} (0 &lt; f &lt; 1) of the variance. */
    public static Pca varianceFraction(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("The variance fraction must lie strictly between 0 and 1, not " + fraction);
        }
        return new Pca(0, fraction, Solver.FULL, false, 0, 10, -1, Parallel.threads());
    }

    /** This PCA with another solver. */
    public Pca solver(Solver value) {
        return new Pca(count, fraction, value, whiten, seed, oversamples, iterations, threads);
    }

    /** This PCA with whitening on or off: scores scaled to unit variance. */
    public Pca whiten(boolean value) {
        return new Pca(count, fraction, solver, value, seed, oversamples, iterations, threads);
    }

    /** This PCA with the randomized solver's seed. */
    public Pca seed(long value) {
        return new Pca(count, fraction, solver, whiten, value, oversamples, iterations, threads);
    }

    /** This PCA with the randomized solver's oversampling (default 10) and power iterations (−1: automatic). */
    public Pca randomized(int oversampling, int powerIterations) {
        if (oversampling < 0 || powerIterations < -1) {
            throw new IllegalArgumentException("Oversampling must be ≥ 0 and power iterations ≥ −1");
        }
        return new Pca(count, fraction, solver, whiten, seed, oversampling, powerIterations, threads);
    }

    /** This PCA using up to {@code value} threads. */
    public Pca threads(int value) {
        return new Pca(count, fraction, solver, whiten, seed, oversamples, iterations, Math.max(1, value));
    }

    /** Fits a model to {@code x} (rows × cols, row-major, no NaN). */
    public PcaModel fit(float[] x, int rows, int cols) {
        return fitTransform(x, rows, cols).model();
    }

    /**
     * Fits a model to {@code x} (rows × cols, row-major) and returns it with the scores of x.
     *
     * @throws IllegalArgumentException if the sizes disagree, x holds NaN or infinity, there are
     *     fewer than two samples, or more components are asked for than the data has
     */
    public Fit fitTransform(float[] x, int rows, int cols) {
        if ((long) rows * cols != x.length) {
            throw new IllegalArgumentException("A " + rows + " × " + cols + " matrix needs " + (long) rows * cols + " values, not " + x.length);
        }
        if (rows < 2) {
            throw new IllegalArgumentException("PCA needs at least 2 samples, not " + rows);
        }
        int rank = Math.min(rows, cols);
        if (count > rank) {
            throw new IllegalArgumentException("Cannot keep " + count + " components of " + rows + " samples × " + cols
                    + " features: at most " + rank);
        }
        double[] mean = new double[cols];
        byColumns(cols, (c0, c1) -> {
            for (int i = 0; i < rows; i++) {
                int r = i * cols;
                for (int j = c0; j < c1; j++) {
                    mean[j] += x[r + j];
                }
            }
        });
        for (int j = 0; j < cols; j++) {
            mean[j] /= rows;
            if (!Double.isFinite(mean[j])) {
                // NaN and infinity propagate into the mean: only then look for the culprit.
                for (int i = 0; i < rows; i++) {
                    if (!Float.isFinite(x[i * cols + j])) {
                        throw new IllegalArgumentException("PCA needs finite values: sample " + i + ", feature " + j + " is "
                                + x[i * cols + j] + " (impute missing values first)");
                    }
                }
            }
        }
        Solver used = resolve(rows, cols);
        double[] ss = new double[cols];
        double totalVariance = 0;
        if (used == Solver.FULL) {
            double[] xc = new double[rows * cols];
            // The scores need only single precision (as scikit-learn's on float32 data) and a
            // float copy lets them use the thin-block kernel instead of a packed double GEMM.
            float[] xcf = rows >= cols ? new float[rows * cols] : null;
            byColumns(cols, (c0, c1) -> {
                for (int i = 0; i < rows; i++) {
                    int r = i * cols;
                    for (int j = c0; j < c1; j++) {
                        double v = x[r + j] - mean[j];
                        xc[r + j] = v;
                        ss[j] += v * v;
                    }
                    if (xcf != null) {
                        for (int j = c0; j < c1; j++) {
                            xcf[r + j] = (float) xc[r + j];
                        }
                    }
                }
            });
            for (double s : ss) {
                totalVariance += s / (rows - 1);
            }
            return full(xc, xcf, rows, cols, mean, totalVariance);
        }
        // The randomized solver works on float data, as scikit-learn does on float32 input.
        float[] xc = new float[rows * cols];
        byColumns(cols, (c0, c1) -> {
            for (int i = 0; i < rows; i++) {
                int r = i * cols;
                for (int j = c0; j < c1; j++) {
                    double v = x[r + j] - mean[j];
                    xc[r + j] = (float) v;
                    ss[j] += v * v;
                }
            }
        });
        for (double s : ss) {
            totalVariance += s / (rows - 1);
        }
        return randomized(xc, rows, cols, mean, totalVariance);
    }

    /** The columns [c0, c1) of a sweep over the data. */
    private interface ColumnRange {
        void run(int c0, int c1);
    }

    /**
     * Runs {@code body} over the columns in ranges of whole cache lines, on up to {@link #threads}
     * threads: the mean and centring sweeps (~15 % of a randomized fit on one thread) in parallel,
     * each column still summed in row order, so the results do not depend on the split.
     */
    private void byColumns(int cols, ColumnRange body) {
        int lines = (cols + 15) / 16;
        int parts = Math.max(1, Math.min(threads, lines / 4));
        Parallel.forParts(parts, p -> body.run(Math.min(cols, lines * p / parts * 16), Math.min(cols, lines * (p + 1) / parts * 16)));
    }

    private Solver resolve(int rows, int cols) {
        if (solver != Solver.AUTO) {
            if (solver == Solver.RANDOMIZED && !Double.isNaN(fraction)) {
                throw new IllegalArgumentException("The randomized solver needs a number of components, not a variance fraction");
            }
            return solver;
        }
        if (Math.max(rows, cols) <= 500 || !Double.isNaN(fraction)) {
            return Solver.FULL;
        }
        return count < 0.8 * Math.min(rows, cols) ? Solver.RANDOMIZED : Solver.FULL;
    }

    private Fit full(double[] xc, float[] xcf, int rows, int cols, double[] mean, double totalVariance) {
        int rank = Math.min(rows, cols);
        boolean tall = rows >= cols;
        // The smaller of the covariance (cols²) and Gram (rows²) matrices: same non-zero eigenvalues.
        int n = tall ? cols : rows;
        double[] g = tall ? DoubleGemm.gram(xc, rows, cols, cols, threads) : gramOfRows(xc, rows, cols);
        // Eigenvalues first (cheap), then vectors only for the components kept.
        double[] variance = new double[rank];
        SymmetricEigen.Result eig = SymmetricEigen.decompose(g, n, values -> {
            for (int i = 0; i < rank; i++) {
                variance[i] = Math.max(0, values[i]) / (rows - 1);
            }
            return Double.isNaN(fraction) ? count : componentsFor(fraction, variance, totalVariance);
        }, threads);
        int k = eig.k();
        double[] s = new double[k];
        for (int j = 0; j < k; j++) {
            s[j] = Math.sqrt(variance[j] * (rows - 1));
        }
        double[] vt = new double[k * cols];
        double[] u = new double[rows * k];
        if (tall) {
            System.arraycopy(eig.vectors(), 0, vt, 0, k * cols);
            // U S = Xc V: the scores, and U's columns up to scale, which is all svd_flip looks at.
            float[] v = new float[cols * k];
            for (int j = 0; j < k; j++) {
                for (int c = 0; c < cols; c++) {
                    v[c * k + j] = (float) vt[j * cols + c];
                }
            }
            float[] us = new float[rows * k];
            ThinProducts.times(xcf, rows, cols, v, k, us, threads);
            for (int i = 0; i < us.length; i++) {
                u[i] = us[i];
            }
        } else {
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < k; j++) {
                    u[i * k + j] = eig.vectors()[j * rows + i] * s[j];
                }
            }
            DoubleGemm.gemm(false, false, k, cols, rows, eig.vectors(), rows, xc, cols, 0, vt, cols, threads);
            for (int j = 0; j < k; j++) {
                double inv = s[j] > 0 ? 1 / s[j] : 0;
                for (int c = 0; c < cols; c++) {
                    vt[j * cols + c] *= inv;
                }
            }
        }
        SignFlip.byLargestU(u, rows, k, vt, cols);
        double noise = 0;
        for (int i = k; i < rank; i++) {
            noise += variance[i];
        }
        noise = k < rank ? noise / (rank - k) : 0;
        PcaModel model = new PcaModel(mean, vt, k, head(variance, k), totalVariance, s, noise, whiten, rows, "full");
        return new Fit(model, scores(u, rows, k, s, model));
    }

    private Fit randomized(float[] xc, int rows, int cols, double[] mean, double totalVariance) {
        int k = count;
        RandomizedSvd.Result svd = RandomizedSvd.compute(xc, rows, cols, k, oversamples, iterations, seed, threads);
        double[] variance = new double[k];
        double explained = 0;
        for (int j = 0; j < k; j++) {
            variance[j] = svd.s()[j] * svd.s()[j] / (rows - 1);
            explained += variance[j];
        }
        int rank = Math.min(rows, cols);
        // scikit-learn: what the kept components do not explain, spread over the rest.
        double noise = k < rank ? (totalVariance - explained) / (rank - k) : 0;
        PcaModel model = new PcaModel(mean, svd.vt(), k, variance, totalVariance, svd.s(), noise, whiten, rows, "randomized");
        double[] u = svd.u();
        // scores = U S (or U √(n−1) when whitening); u here has unit columns.
        double[] scaled = new double[rows * k];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < k; j++) {
                scaled[i * k + j] = u[i * k + j] * svd.s()[j];
            }
        }
        return new Fit(model, scores(scaled, rows, k, svd.s(), model));
    }

    /** Scores as float from U S; whitening divides by √(explained variance). */
    private static float[] scores(double[] us, int rows, int k, double[] s, PcaModel model) {
        float[] out = new float[rows * k];
        double[] scale = new double[k];
        for (int j = 0; j < k; j++) {
            double sd = Math.sqrt(model.explainedVariance()[j]);
            scale[j] = model.whitened() ? (sd > 0 ? 1 / sd : 0) : 1;
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < k; j++) {
                out[i * k + j] = (float) (us[i * k + j] * scale[j]);
            }
        }
        return out;
    }

    private double[] gramOfRows(double[] xc, int rows, int cols) {
        double[] g = new double[rows * rows];
        DoubleGemm.gemm(false, true, rows, rows, cols, xc, cols, xc, cols, 0, g, rows, threads);
        return g;
    }

    /** scikit-learn: {@code searchsorted(cumsum(ratio), fraction, side='right') + 1}. */
    static int componentsFor(double fraction, double[] variance, double totalVariance) {
        double cumulative = 0;
        for (int i = 0; i < variance.length; i++) {
            cumulative += variance[i] / totalVariance;
            if (cumulative > fraction) {
                return i + 1;
            }
        }
        return variance.length;
    }

    private static double[] head(double[] a, int k) {
        double[] out = new double[k];
        System.arraycopy(a, 0, out, 0, k);
        return out;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Pca[%s, %s, whiten=%b]",
                Double.isNaN(fraction) ? count + " components" : "variance fraction " + fraction, solver, whiten);
    }
}
