package org.gyrus.preprocess;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.gyrus.data.Table;

/**
 * Models each column with missing cells as a function of the others and iterates: scikit-learn
 * 1.2's {@code IterativeImputer} with its defaults — {@link BayesianRidge} as the estimator, mean
 * initial fill, round-robin over the columns in ascending order of missingness (complete columns
 * included, as {@code skip_complete=False}), all other columns as predictors, predictions clipped
 * to {@code [min_value, max_value]} (unbounded by default), at most {@code max_iter} rounds.
 *
 * <p>Stopping rule as scikit-learn's: after each round, the change is the matrix infinity norm
 * of (this round's matrix − the previous one) — the largest row sum of absolute changes — and the
 * rounds stop once it falls below {@code tol × max |observed value|}. Columns with no observed
 * value are dropped, like the initial mean imputer drops them.
 */
public final class IterativeImputer {

    private int maxIter = 10;
    private double tol = 1e-3;
    private double minValue = Double.NEGATIVE_INFINITY;
    private double maxValue = Double.POSITIVE_INFINITY;

    /** An imputer with scikit-learn's defaults (max_iter 10, tol 1e-3). */
    public IterativeImputer() {
    }

    /** The maximum number of rounds. */
    public IterativeImputer maxIter(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("IterativeImputer: max_iter must be >= 0, not " + n);
        }
        this.maxIter = n;
        return this;
    }

    /** The tolerance of the stopping rule. */
    public IterativeImputer tol(double t) {
        if (!(t >= 0)) {
            throw new IllegalArgumentException("IterativeImputer: tol must be >= 0, not " + t);
        }
        this.tol = t;
        return this;
    }

    /** Bounds for imputed values. */
    public IterativeImputer clip(double min, double max) {
        if (!(max > min)) {
            throw new IllegalArgumentException("IterativeImputer: min_value " + min + " must be below max_value " + max);
        }
        this.minValue = min;
        this.maxValue = max;
        return this;
    }

    /** Fits on the named numeric columns. */
    public IterativeImputerModel fit(Table table, List<String> columns) {
        return fit(columns, ScalerModel.gather(table, columns, "IterativeImputer", 1));
    }

    /** Fits on columns given as arrays. */
    public IterativeImputerModel fit(List<String> names, double[][] columns) {
        FiniteValues.refuseInfinity(names, columns, "IterativeImputer");
        int pAll = columns.length;
        int n = columns[0].length;
        double[] means = new double[pAll];
        List<Integer> validIdx = new ArrayList<>();
        for (int j = 0; j < pAll; j++) {
            means[j] = Stats.nanMean(columns[j]);
            if (!Double.isNaN(means[j])) {
                validIdx.add(j);
            }
        }
        int p = validIdx.size();
        double[][] x = new double[p][];
        for (int a = 0; a < p; a++) {
            x[a] = columns[validIdx.get(a)];
        }
        List<IterativeImputerModel.Step> steps = new ArrayList<>();
        IterativeImputerModel.Result r = rounds(x, n, means, validIdx, steps);
        return new IterativeImputerModel(names, means, validIdx.stream().mapToInt(Integer::intValue).toArray(), steps,
                r.rounds(), r.converged(), minValue, maxValue);
    }

    /** The missing-cell masks of {@code x} and the mean-filled copy (scikit-learn's initial imputation). */
    private static boolean[][] initial(double[][] x, int n, double[] means, List<Integer> validIdx, double[][] xt) {
        int p = x.length;
        boolean[][] miss = new boolean[p][n];
        for (int j = 0; j < p; j++) {
            double fill = means[validIdx.get(j)];
            xt[j] = new double[n];
            for (int i = 0; i < n; i++) {
                double v = x[j][i];
                miss[j][i] = Double.isNaN(v);
                xt[j][i] = miss[j][i] ? fill : v;
            }
        }
        return miss;
    }

    /** Replays fitted steps on new data (valid columns only): the model's transform. */
    static double[][] replay(double[][] x, int n, double[] means, List<Integer> validIdx, List<IterativeImputerModel.Step> steps,
            double min, double max) {
        double[][] xt = new double[x.length][];
        boolean[][] miss = initial(x, n, means, validIdx, xt);
        for (IterativeImputerModel.Step s : steps) {
            imputeOne(xt, miss, s.feature(), s.neighboursView(), s.fit(), n, min, max);
        }
        return xt;
    }

    /**
     * The rounds of imputation in fit: each step fits a fresh estimator on the current matrix and
     * is appended to {@code steps}.
     */
    private IterativeImputerModel.Result rounds(double[][] x, int n, double[] means, List<Integer> validIdx,
            List<IterativeImputerModel.Step> steps) {
        int p = x.length;
        double[][] xt = new double[p][];
        boolean[][] miss = initial(x, n, means, validIdx, xt);
        boolean all = true;
        double maxAbs = 0;
        for (int j = 0; j < p; j++) {
            for (int i = 0; i < n; i++) {
                all &= miss[j][i];
                if (!miss[j][i]) {
                    maxAbs = Math.max(maxAbs, Math.abs(x[j][i]));
                }
            }
        }
        if (maxIter == 0 || all || p == 1) {
            return new IterativeImputerModel.Result(xt, 0, true);
        }
        // Ascending missingness with a stable sort (numpy's mergesort), complete columns first.
        Integer[] order = new Integer[p];
        int[] missingCount = new int[p];
        for (int j = 0; j < p; j++) {
            order[j] = j;
            for (int i = 0; i < n; i++) {
                missingCount[j] += miss[j][i] ? 1 : 0;
            }
        }
        Arrays.sort(order, (a, b) -> Integer.compare(missingCount[a], missingCount[b]));
        double normalizedTol = tol * maxAbs;
        double[][] prev = copy(xt);
        int rounds = 0;
        boolean converged = false;
        for (int it = 1; it <= maxIter; it++) {
            rounds = it;
            for (int feat : order) {
                int[] nb = new int[p - 1];
                for (int j = 0, k = 0; j < p; j++) {
                    if (j != feat) {
                        nb[k++] = j;
                    }
                }
                BayesianRidge.Fit fit = fitOne(xt, miss, feat, nb, n);
                steps.add(new IterativeImputerModel.Step(feat, nb, fit));
                imputeOne(xt, miss, feat, nb, fit, n, minValue, maxValue);
            }
            double infNorm = 0;
            for (int i = 0; i < n; i++) {
                double rowSum = 0;
                for (int j = 0; j < p; j++) {
                    rowSum += Math.abs(xt[j][i] - prev[j][i]);
                }
                infNorm = Math.max(infNorm, rowSum);
            }
            if (infNorm < normalizedTol) {
                converged = true;
                break;
            }
            prev = copy(xt);
        }
        return new IterativeImputerModel.Result(xt, rounds, converged);
    }

    private static BayesianRidge.Fit fitOne(double[][] xt, boolean[][] miss, int feat, int[] nb, int n) {
        int m = 0;
        for (int i = 0; i < n; i++) {
            m += miss[feat][i] ? 0 : 1;
        }
        double[][] xs = new double[m][nb.length];
        double[] ys = new double[m];
        for (int i = 0, r = 0; i < n; i++) {
            if (!miss[feat][i]) {
                for (int k = 0; k < nb.length; k++) {
                    xs[r][k] = xt[nb[k]][i];
                }
                ys[r++] = xt[feat][i];
            }
        }
        return BayesianRidge.fit(xs, ys);
    }

    private static void imputeOne(double[][] xt, boolean[][] miss, int feat, int[] nb, BayesianRidge.Fit fit, int n,
            double minValue, double maxValue) {
        double[] row = new double[nb.length];
        for (int i = 0; i < n; i++) {
            if (!miss[feat][i]) {
                continue;
            }
            for (int k = 0; k < nb.length; k++) {
                row[k] = xt[nb[k]][i];
            }
            double v = fit.predict(row);
            // np.clip keeps NaN.
            xt[feat][i] = v < minValue ? minValue : (v > maxValue ? maxValue : v);
        }
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int j = 0; j < a.length; j++) {
            c[j] = a[j].clone();
        }
        return c;
    }
}
