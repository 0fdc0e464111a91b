package org.gyrus.preprocess;

import java.util.ArrayList;
import java.util.List;

import org.gyrus.data.Table;

/**
 * A fitted {@link VarianceThreshold}: the columns' variances and which are kept. Applying it
 * removes the other fitted columns from a table; columns it was not fitted on are untouched.
 */
public final class VarianceThresholdModel implements TableTransform {

    private final double threshold;
    private final List<String> columns;
    private final double[] variances;
    private final boolean[] support;

    VarianceThresholdModel(double threshold, List<String> columns, double[] variances, boolean[] support) {
        this.threshold = threshold;
        this.columns = List.copyOf(columns);
        this.variances = variances.clone();
        this.support = support.clone();
    }

    /** Rebuilds a model from its parts (for loading a saved model). */
    public static VarianceThresholdModel of(double threshold, List<String> columns, double[] variances, boolean[] support) {
        return new VarianceThresholdModel(threshold, columns, variances, support);
    }

    /** The threshold. */
    public double threshold() {
        return threshold;
    }

    /** The fitted columns. */
    public List<String> columns() {
        return columns;
    }

    /** The variance of each fitted column (scikit-learn's variances_). */
    public double[] variances() {
        return variances.clone();
    }

    /** Whether each fitted column is kept (scikit-learn's get_support()). */
    public boolean[] support() {
        return support.clone();
    }

    /** The kept columns, in fit order. */
    public List<String> featureNamesOut() {
        List<String> out = new ArrayList<>();
        for (int j = 0; j < columns.size(); j++) {
            if (support[j]) {
                out.add(columns.get(j));
            }
        }
        return out;
    }

    /** The kept arrays (not copied) of columns given in fit order. */
    public double[][] transform(double[][] x) {
        List<double[]> out = new ArrayList<>();
        for (int j = 0; j < x.length; j++) {
            if (support[j]) {
                out.add(x[j]);
            }
        }
        return out.toArray(double[][]::new);
    }

    @Override
    public Table apply(Table table) {
        List<String> dropped = new ArrayList<>();
        for (int j = 0; j < columns.size(); j++) {
            Columns.findFitted(table, columns.get(j), "VarianceThreshold");
            if (!support[j]) {
                dropped.add(columns.get(j));
            }
        }
        return table.without(dropped);
    }
}
