package org.gyrus.preprocess;

import java.util.List;

import org.gyrus.data.Table;

/**
 * Fills a missing cell with the average of that column over the k nearest training rows that
 * have it: scikit-learn 1.2's {@code KNNImputer} with the {@code nan_euclidean} metric. Weights
 * are uniform or inverse-distance (a donor at distance 0 then takes all the weight, shared with
 * the other donors at 0). A receiver that shares no coordinate with any donor gets the column's
 * training mean. Columns with no observed value in fit are dropped (or, with
 * {@link #keepEmptyFeatures(boolean)}, kept and filled with 0).
 *
 * <p>Fitting stores the training rows: the model is the data, as in scikit-learn.
 */
public final class KnnImputer {

    /** How donors are weighted. */
    public enum Weights {
        /** Every donor counts the same. */
        UNIFORM,
        /** Donors count by 1 / distance. */
        DISTANCE;

        /** Parses scikit-learn's names. */
        public static Weights parse(String s) {
            return Enums.parse(Weights.class, s, "weights");
        }
    }

    private int neighbours = 5;
    private Weights weights = Weights.UNIFORM;
    private boolean keepEmptyFeatures;

    /** An imputer with scikit-learn's defaults (5 neighbours, uniform weights). */
    public KnnImputer() {
    }

    /** The number of neighbours (scikit-learn's n_neighbors). */
    public KnnImputer neighbours(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("KNNImputer: n_neighbors must be at least 1, not " + k);
        }
        this.neighbours = k;
        return this;
    }

    /** How donors are weighted. */
    public KnnImputer weights(Weights w) {
        this.weights = java.util.Objects.requireNonNull(w);
        return this;
    }

    /** Whether columns with no observed value are kept (filled with 0) instead of dropped. */
    public KnnImputer keepEmptyFeatures(boolean keep) {
        this.keepEmptyFeatures = keep;
        return this;
    }

    /** Stores the named numeric columns of the training table. */
    public KnnImputerModel fit(Table table, List<String> columns) {
        double[][] x = ScalerModel.gather(table, columns, "KNNImputer", 1);
        return fit(columns, x);
    }

    /** Stores training columns given as arrays (all of equal length). */
    public KnnImputerModel fit(List<String> names, double[][] columns) {
        FiniteValues.refuseInfinity(names, columns, "KNNImputer");
        int p = columns.length;
        int n = columns[0].length;
        double[] rows = new double[n * p];
        for (int j = 0; j < p; j++) {
            for (int i = 0; i < n; i++) {
                rows[i * p + j] = columns[j][i];
            }
        }
        return new KnnImputerModel(names, rows, n, neighbours, weights, keepEmptyFeatures);
    }
}
