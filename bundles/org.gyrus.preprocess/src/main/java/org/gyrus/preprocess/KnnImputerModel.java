package org.gyrus.preprocess;

import java.util.ArrayList;
import java.util.List;

import org.gyrus.data.Column;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;

/** A fitted {@link KnnImputer}: the training rows of the fitted columns and the settings. */
public final class KnnImputerModel implements TableTransform {

    private final List<String> columns;
    private final double[] fitRows;
    private final int n;
    private final int p;
    private final int neighbours;
    private final KnnImputer.Weights weights;
    private final boolean keepEmptyFeatures;
    private final NanEuclidean.Rows fit;
    private final boolean[] valid;
    private final double[] means;
    private final int[][] donorsCache;
    private int threads = Parallel.defaultThreads();

    /** Receivers per distance block: 256 rows × the training rows of doubles. */
    private static final int CHUNK = 256;

    KnnImputerModel(List<String> columns, double[] fitRows, int n, int neighbours, KnnImputer.Weights weights,
            boolean keepEmptyFeatures) {
        this.columns = List.copyOf(columns);
        this.p = columns.size();
        if (fitRows.length != n * p) {
            throw new IllegalArgumentException("KNNImputer: " + n + " rows × " + p + " columns need " + n * p + " values");
        }
        this.fitRows = fitRows;
        this.n = n;
        this.neighbours = neighbours;
        this.weights = weights;
        this.keepEmptyFeatures = keepEmptyFeatures;
        this.fit = new NanEuclidean.Rows(fitRows, n, p);
        this.valid = new boolean[p];
        this.means = new double[p];
        for (int j = 0; j < p; j++) {
            double s = 0;
            int c = 0;
            for (int i = 0; i < n; i++) {
                double v = fitRows[i * p + j];
                if (!Double.isNaN(v)) {
                    s += v;
                    c++;
                }
            }
            valid[j] = c > 0;
            means[j] = c > 0 ? s / c : Double.NaN;
            if (Double.isInfinite(means[j])) {
                // The sum of huge finite values overflowed: the mean itself is finite.
                double[] column = new double[n];
                for (int i = 0; i < n; i++) {
                    column[i] = fitRows[i * p + j];
                }
                means[j] = Stats.nanMean(column);
            }
        }
        donorsCache = new int[p][];
        for (int j = 0; j < p; j++) {
            final int col = j;
            donorsCache[j] = java.util.stream.IntStream.range(0, n).filter(i -> !Double.isNaN(fitRows[i * p + col])).toArray();
        }
    }

    /** Rebuilds a model from its parts (for loading a saved model). */
    public static KnnImputerModel of(List<String> columns, double[] fitRowsRowMajor, int rows, int neighbours,
            KnnImputer.Weights weights, boolean keepEmptyFeatures) {
        return new KnnImputerModel(columns, fitRowsRowMajor.clone(), rows, neighbours, weights, keepEmptyFeatures);
    }

    /** The fitted columns. */
    public List<String> columns() {
        return columns;
    }

    /** The training rows, row-major (rows × columns). */
    public double[] fitRows() {
        return fitRows.clone();
    }

    /** The number of training rows. */
    public int rows() {
        return n;
    }

    /** The number of neighbours. */
    public int neighbours() {
        return neighbours;
    }

    /** The weighting. */
    public KnnImputer.Weights weights() {
        return weights;
    }

    /** Whether empty columns are kept. */
    public boolean keepEmptyFeatures() {
        return keepEmptyFeatures;
    }

    /** The fitted columns that are dropped from the output (no observed value in fit). */
    public List<String> droppedColumns() {
        List<String> out = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            if (!valid[j] && !keepEmptyFeatures) {
                out.add(columns.get(j));
            }
        }
        return out;
    }

    /** The output column names. */
    public List<String> featureNamesOut() {
        List<String> out = new ArrayList<>(columns);
        out.removeAll(droppedColumns());
        return out;
    }

    /**
     * Imputes columns given in fit order; returns the output columns (dropped ones omitted).
     */
    public double[][] transform(double[][] x) {
        if (x.length != p) {
            throw new IllegalArgumentException("KNNImputer: fitted on " + p + " columns, given " + x.length);
        }
        FiniteValues.refuseInfinity(columns, x, "KNNImputer");
        int m = x[0].length;
        double[] rows = new double[m * p];
        for (int j = 0; j < p; j++) {
            for (int i = 0; i < m; i++) {
                rows[i * p + j] = x[j][i];
            }
        }
        double[][] out = new double[p][];
        for (int j = 0; j < p; j++) {
            out[j] = x[j].clone();
        }
        // Receivers: the rows with at least one missing cell, and their distances to all training rows.
        List<Integer> receiverRows = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < p; j++) {
                if (Double.isNaN(rows[i * p + j])) {
                    receiverRows.add(i);
                    break;
                }
            }
        }
        // Receivers in chunks, so that the distance block stays small (scikit-learn chunks too).
        for (int from = 0; from < receiverRows.size(); from += CHUNK) {
            List<Integer> chunk = receiverRows.subList(from, Math.min(receiverRows.size(), from + CHUNK));
            int r = chunk.size();
            double[] sub = new double[r * p];
            for (int a = 0; a < r; a++) {
                System.arraycopy(rows, chunk.get(a) * p, sub, a * p, p);
            }
            NanEuclidean.Rows recv = new NanEuclidean.Rows(sub, r, p);
            double[][] dist = new double[r][n];
            Parallel.forEach(r, threads, a -> {
                for (int b = 0; b < n; b++) {
                    dist[a][b] = NanEuclidean.distance(recv, a, fit, b);
                }
            });
            for (int col = 0; col < p; col++) {
                if (valid[col]) {
                    imputeColumn(col, chunk, sub, dist, out[col]);
                }
            }
        }
        List<double[]> kept = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            if (valid[j]) {
                kept.add(out[j]);
            } else if (keepEmptyFeatures) {
                kept.add(new double[m]);
            }
        }
        return kept.toArray(double[][]::new);
    }

    private void imputeColumn(int col, List<Integer> receiverRows, double[] sub, double[][] dist, double[] target) {
        int[] donors = donorsCache[col];
        int k = Math.min(neighbours, donors.length);
        double[] donorValues = new double[donors.length];
        for (int d = 0; d < donors.length; d++) {
            donorValues[d] = fitRows[donors[d] * p + col];
        }
        double[] ds = new double[donors.length];
        for (int a = 0; a < receiverRows.size(); a++) {
            if (!Double.isNaN(sub[a * p + col])) {
                continue;
            }
            boolean allNan = true;
            int row = receiverRows.get(a);
            for (int d = 0; d < donors.length; d++) {
                ds[d] = dist[a][donors[d]];
                allNan &= Double.isNaN(ds[d]);
                if (Double.isInfinite(ds[d])) {
                    // Every donor would then be equally "infinitely" far: the neighbours would be arbitrary.
                    throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                            "KNNImputer: the distance from row %d to training row %d overflows double precision (the "
                                    + "squared differences of their values exceed 1.8e308), so its nearest neighbours cannot "
                                    + "be found. Rescale the columns (for example with the standard scaler) first.", row, donors[d]));
                }
            }
            if (allNan) {
                target[row] = means[col];
                continue;
            }
            int[] order = ArgPartition.argpartition(ds, k - 1);
            target[row] = average(order, k, ds, donorValues);
        }
    }

    /** np.ma.average of the first k donors of {@code order}, weighted as configured. */
    private double average(int[] order, int k, double[] ds, double[] values) {
        if (weights == KnnImputer.Weights.UNIFORM) {
            double s = 0;
            for (int q = 0; q < k; q++) {
                s += values[order[q]];
            }
            return s / k;
        }
        double[] w = new double[k];
        boolean anyZero = false;
        for (int q = 0; q < k; q++) {
            anyZero |= ds[order[q]] == 0.0;
        }
        for (int q = 0; q < k; q++) {
            double d = ds[order[q]];
            // scikit-learn's _get_weights: rows with a zero distance weight those donors 1, others 0.
            w[q] = anyZero ? (d == 0.0 ? 1.0 : 0.0) : (Double.isNaN(d) ? 0.0 : 1.0 / d);
        }
        double s = 0;
        double ws = 0;
        for (int q = 0; q < k; q++) {
            s += values[order[q]] * w[q];
            ws += w[q];
        }
        return s / ws;
    }

    @Override
    public TableTransform withThreads(int n) {
        KnnImputerModel m = new KnnImputerModel(columns, fitRows, this.n, neighbours, weights, keepEmptyFeatures);
        m.threads = Math.max(1, n);
        return m;
    }

    @Override
    public Table apply(Table table) {
        double[][] x = new double[p][];
        for (int j = 0; j < p; j++) {
            x[j] = Columns.numeric(table, columns.get(j), "KNNImputer");
        }
        if (table.rowCount() == 0) {
            return table;
        }
        double[][] y = transform(x);
        List<String> names = featureNamesOut();
        List<Column> out = new ArrayList<>();
        for (Column c : table.columns()) {
            int j = columns.indexOf(c.name());
            if (j < 0) {
                out.add(c);
            } else {
                int k = names.indexOf(c.name());
                if (k >= 0) {
                    FiniteValues.requireFiniteResult(table, c.name(), null, y[k], "KNNImputer");
                    out.add(NumericColumn.wrap(c.name(), c.role(), y[k]));
                } else if (keepEmptyFeatures) {
                    out.add(NumericColumn.wrap(c.name(), c.role(), new double[table.rowCount()]));
                }
            }
        }
        return new Table(out);
    }
}
