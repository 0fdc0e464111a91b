package org.gyrus.learn;

import org.gyrus.nn.linalg.Parallel;

/**
 * scikit-learn 1.2's objective for logistic regression with the lbfgs solver: the weighted sum of
 * the log-losses plus {@code 0.5 λ ||W||²} (λ = 1/C, 0 without penalty; the intercept is not
 * penalised), and its gradient. With two classes the model has one coefficient vector and the
 * loss is the binomial one ({@code log(1 + e^z) − y z}); with more, one vector per class and the
 * multinomial loss ({@code logsumexp(z) − z_y}).
 *
 * <p>Parameters are laid out as the coefficients, row by row (one row per output), then the
 * intercepts when fitted. Rows are summed in fixed blocks, in block order, so the result is the
 * same whatever the number of threads.
 */
final class LogisticLoss implements Lbfgs.Objective {

    private static final int BLOCK = 2048;

    private final double[] x;
    private final int n;
    private final int p;
    private final int[] y;
    private final double[] weights;
    private final int outputs;
    private final boolean intercept;
    private final double lambda;
    private final int blocks;

    /**
     * @param x         the samples, n × p row-major
     * @param y         the class of each sample, 0..classes−1
     * @param weights   the weight of each sample
     * @param classes   the number of classes (≥ 2)
     * @param intercept whether intercepts are fitted
     * @param lambda    the L2 strength 1/C (0: no penalty)
     */
    LogisticLoss(double[] x, int n, int p, int[] y, double[] weights, int classes, boolean intercept, double lambda) {
        this.x = x;
        this.n = n;
        this.p = p;
        this.y = y;
        this.weights = weights;
        this.outputs = classes == 2 ? 1 : classes;
        this.intercept = intercept;
        this.lambda = lambda;
        this.blocks = Math.max(1, (n + BLOCK - 1) / BLOCK);
    }

    /** The number of parameters. */
    int parameters() {
        return outputs * p + (intercept ? outputs : 0);
    }

    /** The number of coefficient rows: 1 for two classes, else the number of classes. */
    int outputs() {
        return outputs;
    }

    @Override
    public double evaluate(double[] w, double[] gradient) {
        int m = parameters();
        double[] loss = new double[blocks];
        double[][] partial = new double[blocks][];
        Parallel.forParts(blocks, b -> {
            double[] gb = new double[m];
            int from = b * BLOCK;
            int to = Math.min(n, from + BLOCK);
            loss[b] = outputs == 1 ? binary(w, gb, from, to) : multinomial(w, gb, from, to);
            partial[b] = gb;
        });
        double total = 0;
        java.util.Arrays.fill(gradient, 0);
        for (int b = 0; b < blocks; b++) {
            total += loss[b];
            double[] gb = partial[b];
            for (int i = 0; i < m; i++) {
                gradient[i] += gb[i];
            }
        }
        if (lambda > 0) {
            double squares = 0;
            for (int i = 0; i < outputs * p; i++) {
                squares += w[i] * w[i];
                gradient[i] += lambda * w[i];
            }
            total += 0.5 * lambda * squares;
        }
        return total;
    }

    private double binary(double[] w, double[] g, int from, int to) {
        double b0 = intercept ? w[p] : 0;
        double loss = 0;
        for (int i = from; i < to; i++) {
            int row = i * p;
            double z = b0;
            for (int j = 0; j < p; j++) {
                z += x[row + j] * w[j];
            }
            double sw = weights[i];
            double target = y[i];
            loss += sw * (softplus(z) - target * z);
            double r = sw * (sigmoid(z) - target);
            for (int j = 0; j < p; j++) {
                g[j] += r * x[row + j];
            }
            if (intercept) {
                g[p] += r;
            }
        }
        return loss;
    }

    private double multinomial(double[] w, double[] g, int from, int to) {
        int k = outputs;
        double[] z = new double[k];
        double loss = 0;
        int bias = k * p;
        for (int i = from; i < to; i++) {
            int row = i * p;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double v = intercept ? w[bias + c] : 0;
                int wc = c * p;
                for (int j = 0; j < p; j++) {
                    v += x[row + j] * w[wc + j];
                }
                z[c] = v;
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                sum += Math.exp(z[c] - max);
            }
            double lse = max + Math.log(sum);
            double sw = weights[i];
            loss += sw * (lse - z[y[i]]);
            for (int c = 0; c < k; c++) {
                double r = sw * (Math.exp(z[c] - lse) - (c == y[i] ? 1 : 0));
                int wc = c * p;
                for (int j = 0; j < p; j++) {
                    g[wc + j] += r * x[row + j];
                }
                if (intercept) {
                    g[bias + c] += r;
                }
            }
        }
        return loss;
    }

    /** log(1 + e^z) without overflow. */
    static double softplus(double z) {
        return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    }

    /** 1 / (1 + e^−z) without overflow. */
    static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }
}
