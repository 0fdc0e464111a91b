package org.gyrus.evaluate;

/**
 * Bootstrap intervals for the AUC and a pointwise band around the ROC curve. Each resample is a
 * vector of integer row weights (how often each row, or each row's subject, was drawn) applied to
 * rows sorted once by score, so a resample costs one pass over the rows and no copies.
 */
final class AucBootstrap {

    private final boolean[] label;
    private final int[] order;
    private final double[] sorted;
    private final boolean[] sortedLabel;
    private final int[] sortedUnit;
    private final Resampling plan;

    AucBootstrap(boolean[] label, double[] score, Resampling plan) {
        this.label = label;
        this.order = Ranking.ascending(score);
        int n = score.length;
        this.sorted = new double[n];
        this.sortedLabel = new boolean[n];
        this.sortedUnit = new int[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = score[order[i]];
            sortedLabel[i] = label[order[i]];
            sortedUnit[i] = plan.unitOfRow(order[i]);
        }
        this.plan = plan;
    }

    /** The weighted AUC (ties half) for per-row weights, NaN when a class has no weight. */
    double auc(int[] rowWeights) {
        int[] w = new int[order.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = rowWeights[order[i]];
        }
        return aucSorted(w);
    }

    /** The weighted AUC for weights in ascending score order: one sequential pass. */
    private double aucSorted(int[] w) {
        double negBelow = 0;
        double sum = 0;
        double pos = 0;
        int n = w.length;
        int i = 0;
        while (i < n) {
            double gp = 0;
            double gn = 0;
            int j = i;
            do {
                if (sortedLabel[j]) {
                    gp += w[j];
                } else {
                    gn += w[j];
                }
                j++;
            } while (j < n && sorted[j] == sorted[i]);
            sum += gp * (negBelow + 0.5 * gn);
            negBelow += gn;
            pos += gp;
            i = j;
        }
        return pos == 0 || negBelow == 0 ? Double.NaN : sum / (pos * negBelow);
    }

    /** Fills {@code w} with resample b's weights in ascending score order. */
    private void sortedWeights(int b, int[] w, int[] hits) {
        plan.unitHits(b, hits);
        for (int j = 0; j < w.length; j++) {
            w[j] = hits[sortedUnit[j]];
        }
    }

    /** The AUC of every resample. */
    double[] replicates(int threads) {
        double[] out = new double[plan.resamples()];
        Parallel.forEachBlock(out.length, threads, (from, to) -> {
            int[] w = new int[order.length];
            int[] hits = new int[plan.unitCount()];
            for (int b = from; b < to; b++) {
                sortedWeights(b, w, hits);
                out[b] = aucSorted(w);
            }
        });
        return out;
    }

    /**
     * Leave-one-unit-out AUCs from DeLong's placement values: removing a unit removes its positive
     * rows' and negative rows' pairs, adding back the pairs within the unit counted twice.
     */
    double[] jackknife(DeLong.Auc full, double[] score) {
        int units = plan.unitCount();
        int m = full.v10().length;
        int n = full.v01().length;
        double total = full.auc() * m * n;
        double[] removed = new double[units];
        int[] mu = new int[units];
        int[] nu = new int[units];
        java.util.List<java.util.List<Integer>> rowsOf = new java.util.ArrayList<>();
        for (int u = 0; u < units; u++) {
            rowsOf.add(new java.util.ArrayList<>());
        }
        int ip = 0;
        int in = 0;
        for (int r = 0; r < label.length; r++) {
            int u = plan.unitOfRow(r);
            if (label[r]) {
                removed[u] += full.v10()[ip++] * n;
                mu[u]++;
            } else {
                removed[u] += full.v01()[in++] * m;
                nu[u]++;
            }
            if (plan.repeatedSubjects()) {
                rowsOf.get(u).add(r);
            }
        }
        double[] out = new double[units];
        for (int u = 0; u < units; u++) {
            double cross = 0;
            if (mu[u] > 0 && nu[u] > 0) {
                for (int a : rowsOf.get(u)) {
                    for (int b : rowsOf.get(u)) {
                        if (label[a] && !label[b]) {
                            cross += score[a] > score[b] ? 1 : score[a] == score[b] ? 0.5 : 0;
                        }
                    }
                }
            }
            double pairs = (double) (m - mu[u]) * (n - nu[u]);
            out[u] = pairs == 0 ? Double.NaN : (total - removed[u] + cross) / pairs;
        }
        return out;
    }

    /**
     * A pointwise percentile band of the true-positive rate at each false-positive rate of
     * {@code grid}, the curve linearly interpolated between its points.
     *
     * @return {lower[], upper[]}
     */
    double[][] band(double[] grid, double level, int threads) {
        int b = plan.resamples();
        double[][] tpr = new double[grid.length][b];
        Parallel.forEachBlock(b, threads, (from, to) -> {
            int[] w = new int[order.length];
            int[] hits = new int[plan.unitCount()];
            double[] row = new double[grid.length];
            for (int k = from; k < to; k++) {
                sortedWeights(k, w, hits);
                curveAt(w, grid, row);
                for (int g = 0; g < grid.length; g++) {
                    tpr[g][k] = row[g];
                }
            }
        });
        double[] lo = new double[grid.length];
        double[] hi = new double[grid.length];
        double alpha = 1 - level;
        for (int g = 0; g < grid.length; g++) {
            double[] v = java.util.Arrays.stream(tpr[g]).filter(x -> !Double.isNaN(x)).sorted().toArray();
            lo[g] = v.length == 0 ? Double.NaN : BootstrapMethod.quantile(v, alpha / 2);
            hi[g] = v.length == 0 ? Double.NaN : BootstrapMethod.quantile(v, 1 - alpha / 2);
        }
        return new double[][] {lo, hi};
    }

    /**
     * The weighted ROC curve's TPR at each grid FPR (the highest TPR where the curve is vertical);
     * {@code w} in ascending score order.
     */
    private void curveAt(int[] w, double[] grid, double[] out) {
        double totalPos = 0;
        double totalNeg = 0;
        for (int j = 0; j < w.length; j++) {
            if (sortedLabel[j]) {
                totalPos += w[j];
            } else {
                totalNeg += w[j];
            }
        }
        if (totalPos == 0 || totalNeg == 0) {
            java.util.Arrays.fill(out, Double.NaN);
            return;
        }
        double fx = 0;
        double fy = 0;
        int g = 0;
        int j = order.length - 1;
        while (g < grid.length && grid[g] <= 0) {
            out[g++] = 0;
        }
        while (j >= 0) {
            double tp = 0;
            double fp = 0;
            int i = j;
            do {
                if (sortedLabel[i]) {
                    tp += w[i];
                } else {
                    fp += w[i];
                }
                i--;
            } while (i >= 0 && sorted[i] == sorted[j]);
            double nx = fx + fp / totalNeg;
            double ny = fy + tp / totalPos;
            // A vertical step raises the grid points already placed at its FPR.
            if (nx == fx) {
                for (int k = g - 1; k >= 0 && grid[k] == fx; k--) {
                    out[k] = ny;
                }
            }
            while (g < grid.length && grid[g] <= nx) {
                out[g] = nx == fx ? ny : fy + (grid[g] - fx) / (nx - fx) * (ny - fy);
                g++;
            }
            fx = nx;
            fy = ny;
            j = i;
        }
        while (g < grid.length) {
            out[g++] = 1;
        }
    }
}
