package org.gyrus.preprocess;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.gyrus.data.Column;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;

/**
 * A fitted {@link IterativeImputer}: the initial means and the sequence of fitted regressions,
 * replayed in order on new data (scikit-learn's {@code imputation_sequence_}).
 */
public final class IterativeImputerModel implements TableTransform {

    /** One imputation step: column {@code feature} predicted from {@code neighbours} (indices among the kept columns). */
    public static final class Step {

        private final int feature;
        private final int[] neighbours;
        private final BayesianRidge.Fit fit;

        Step(int feature, int[] neighbours, BayesianRidge.Fit fit) {
            this.feature = feature;
            this.neighbours = neighbours.clone();
            this.fit = fit;
        }

        /** A step from its parts (for loading a saved model). */
        public static Step of(int feature, int[] neighbours, double[] coefficients, double intercept) {
            if (coefficients.length != neighbours.length) {
                throw new IllegalArgumentException("IterativeImputer step: " + neighbours.length + " neighbours but "
                        + coefficients.length + " coefficients");
            }
            return new Step(feature, neighbours, new BayesianRidge.Fit(coefficients.clone(), intercept));
        }

        /** The imputed column (index among the kept columns). */
        public int feature() {
            return feature;
        }

        /** The predictor columns (indices among the kept columns). */
        public int[] neighbours() {
            return neighbours.clone();
        }

        /** The regression coefficients, one per neighbour. */
        public double[] coefficients() {
            return fit.coef().clone();
        }

        /** The regression intercept. */
        public double intercept() {
            return fit.intercept();
        }

        BayesianRidge.Fit fit() {
            return fit;
        }

        int[] neighboursView() {
            return neighbours;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Step st && st.feature == feature && Arrays.equals(st.neighbours, neighbours)
                    && Arrays.equals(st.fit.coef(), fit.coef()) && st.fit.intercept() == fit.intercept();
        }

        @Override
        public int hashCode() {
            return feature * 31 + Arrays.hashCode(neighbours);
        }
    }

    /** The imputed matrix (columns), the rounds run and whether the stopping rule was met. */
    record Result(double[][] columns, int rounds, boolean converged) {
    }

    private final List<String> columns;
    private final double[] means;
    private final int[] valid;
    private final List<Step> steps;
    private final int rounds;
    private final boolean converged;
    private final double minValue;
    private final double maxValue;

    IterativeImputerModel(List<String> columns, double[] means, int[] valid, List<Step> steps, int rounds, boolean converged,
            double minValue, double maxValue) {
        this.columns = List.copyOf(columns);
        this.means = means.clone();
        this.valid = valid.clone();
        this.steps = List.copyOf(steps);
        this.rounds = rounds;
        this.converged = converged;
        this.minValue = minValue;
        this.maxValue = maxValue;
    }

    /** Rebuilds a model from its parts (for loading a saved model). */
    public static IterativeImputerModel of(List<String> columns, double[] means, List<Step> steps, int rounds,
            boolean converged, double minValue, double maxValue) {
        int[] valid = java.util.stream.IntStream.range(0, means.length).filter(j -> !Double.isNaN(means[j])).toArray();
        return new IterativeImputerModel(columns, means, valid, steps, rounds, converged, minValue, maxValue);
    }

    /** The fitted columns. */
    public List<String> columns() {
        return columns;
    }

    /** The initial fill (column means; NaN for a column without observed value, which is dropped). */
    public double[] means() {
        return means.clone();
    }

    /** The imputation steps in order. */
    public List<Step> steps() {
        return steps;
    }

    /** The number of rounds fit ran (scikit-learn's n_iter_). */
    public int rounds() {
        return rounds;
    }

    /** Whether fit met the stopping rule before max_iter (else scikit-learn warns). */
    public boolean converged() {
        return converged;
    }

    /** Lower clip bound. */
    public double minValue() {
        return minValue;
    }

    /** Upper clip bound. */
    public double maxValue() {
        return maxValue;
    }

    /** The output column names (fitted columns with an observed value). */
    public List<String> featureNamesOut() {
        List<String> out = new ArrayList<>();
        for (int j : valid) {
            out.add(columns.get(j));
        }
        return out;
    }

    /** The fitted columns that are dropped (no observed value in fit). */
    public List<String> droppedColumns() {
        List<String> out = new ArrayList<>(columns);
        out.removeAll(featureNamesOut());
        return out;
    }

    /** Imputes columns given in fit order; returns the kept columns. */
    public double[][] transform(double[][] x) {
        if (x.length != columns.size()) {
            throw new IllegalArgumentException("IterativeImputer: fitted on " + columns.size() + " columns, given " + x.length);
        }
        FiniteValues.refuseInfinity(columns, x, "IterativeImputer");
        int n = x[0].length;
        double[][] kept = new double[valid.length][];
        List<Integer> validIdx = new ArrayList<>();
        for (int a = 0; a < valid.length; a++) {
            kept[a] = x[valid[a]];
            validIdx.add(valid[a]);
        }
        return IterativeImputer.replay(kept, n, means, validIdx, steps, minValue, maxValue);
    }

    @Override
    public Table apply(Table table) {
        double[][] x = new double[columns.size()][];
        for (int j = 0; j < x.length; j++) {
            x[j] = Columns.numeric(table, columns.get(j), "IterativeImputer");
        }
        double[][] y = transform(x);
        List<String> names = featureNamesOut();
        List<Column> out = new ArrayList<>();
        for (Column c : table.columns()) {
            if (!columns.contains(c.name())) {
                out.add(c);
            } else if (names.contains(c.name())) {
                double[] v = y[names.indexOf(c.name())];
                FiniteValues.requireFiniteResult(table, c.name(), null, v, "IterativeImputer");
                out.add(NumericColumn.wrap(c.name(), c.role(), v));
            }
        }
        return new Table(out);
    }
}
