package org.gyrus.preprocess;

import java.util.ArrayList;
import java.util.List;

import org.gyrus.data.CategoricalColumn;
import org.gyrus.data.Column;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;

/**
 * A fitted {@link SimpleImputer}: one fill value per column, applied to new tables without
 * refitting. Output order follows scikit-learn: the imputed columns in fit order (columns with no
 * observed value in fit dropped, unless the strategy is constant or empty features are kept), then
 * one indicator column per column that had missing cells in fit.
 */
public final class SimpleImputerModel implements TableTransform {

    /**
     * The fill of one column: a number ({@code value}, NaN when the column had nothing to learn
     * from) or a category; {@code hadMissing} records whether fit saw missing cells (which decides
     * the indicator columns).
     */
    public record Fill(String column, boolean categorical, double value, String category, boolean hadMissing) {

        /** Whether this column is dropped from the output because fit saw no value in it. */
        public boolean empty() {
            return categorical ? category == null : Double.isNaN(value);
        }
    }

    private final SimpleImputer.Strategy strategy;
    private final List<Fill> fills;
    private final boolean addIndicator;
    private final boolean keepEmptyFeatures;
    private final int threads;

    SimpleImputerModel(SimpleImputer.Strategy strategy, List<Fill> fills, boolean addIndicator,
            boolean keepEmptyFeatures, int threads) {
        this.strategy = strategy;
        this.fills = List.copyOf(fills);
        this.addIndicator = addIndicator;
        this.keepEmptyFeatures = keepEmptyFeatures;
        this.threads = threads;
    }

    /** Rebuilds a model from its statistics (for loading a saved model). */
    public static SimpleImputerModel of(SimpleImputer.Strategy strategy, List<Fill> fills, boolean addIndicator,
            boolean keepEmptyFeatures) {
        return new SimpleImputerModel(strategy, fills, addIndicator, keepEmptyFeatures, Parallel.defaultThreads());
    }

    /** The strategy it was fitted with. */
    public SimpleImputer.Strategy strategy() {
        return strategy;
    }

    /** One fill per fitted column, in fit order. */
    public List<Fill> fills() {
        return fills;
    }

    /** Whether indicator columns are appended. */
    public boolean addIndicator() {
        return addIndicator;
    }

    /** Whether empty columns were kept (filled with 0). */
    public boolean keepEmptyFeatures() {
        return keepEmptyFeatures;
    }

    /** The numeric statistics in fit order (NaN for categorical or empty columns), like scikit-learn's {@code statistics_}. */
    public double[] statistics() {
        return fills.stream().mapToDouble(Fill::value).toArray();
    }

    /** The columns dropped from the output because fit saw no value in them (warn about these). */
    public List<String> droppedColumns() {
        return fills.stream().filter(Fill::empty).map(Fill::column).toList();
    }

    /** The output feature names: kept columns, then "missingindicator_<column>" per indicator. */
    public List<String> featureNamesOut() {
        List<String> names = new ArrayList<>();
        for (Fill f : fills) {
            if (!f.empty()) {
                names.add(f.column());
            }
        }
        for (Fill f : indicatorFills()) {
            names.add("missingindicator_" + f.column());
        }
        return names;
    }

    private List<Fill> indicatorFills() {
        return addIndicator ? fills.stream().filter(Fill::hadMissing).toList() : List.of();
    }

    /**
     * Imputes numeric columns given as arrays in fit order (all fitted columns must be numeric).
     * Returns the output columns in {@link #featureNamesOut()} order; inputs are not modified.
     */
    public double[][] transform(double[][] columns) {
        if (columns.length != fills.size()) {
            throw new IllegalArgumentException("SimpleImputer: fitted on " + fills.size() + " columns, given " + columns.length);
        }
        List<Integer> kept = new ArrayList<>();
        for (int j = 0; j < fills.size(); j++) {
            if (fills.get(j).categorical()) {
                throw new IllegalArgumentException("SimpleImputer: column '" + fills.get(j).column()
                        + "' is categorical; apply the model to a table");
            }
            if (!fills.get(j).empty()) {
                kept.add(j);
            }
        }
        List<Fill> ind = indicatorFills();
        double[][] out = new double[kept.size() + ind.size()][];
        Parallel.forEach(kept.size(), threads, k -> out[k] = fill(columns[kept.get(k)], fills.get(kept.get(k)).value()));
        for (int k = 0; k < ind.size(); k++) {
            out[kept.size() + k] = indicator(columns[fills.indexOf(ind.get(k))]);
        }
        return out;
    }

    /** A copy of {@code x} with NaN replaced by {@code v}. */
    static double[] fill(double[] x, double v) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double a = x[i];
            y[i] = a != a ? v : a;
        }
        return y;
    }

    private static double[] indicator(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Double.isNaN(x[i]) ? 1.0 : 0.0;
        }
        return y;
    }

    /**
     * Imputes the fitted columns of {@code table} in place (same names and positions); dropped
     * columns disappear and indicator columns are appended at the end. Other columns are untouched.
     *
     * @throws IllegalArgumentException naming a fitted column that the table lacks, or a
     *     non-numeric value in a column fitted as numeric
     */
    @Override
    public TableTransform withThreads(int n) {
        return new SimpleImputerModel(strategy, fills, addIndicator, keepEmptyFeatures, Math.max(1, n));
    }

    @Override
    public Table apply(Table table) {
        String what = "SimpleImputer(" + strategy.name().toLowerCase(java.util.Locale.ROOT) + ")";
        Column[] imputed = new Column[fills.size()];
        Parallel.forEach(fills.size(), threads, j -> {
            Fill f = fills.get(j);
            Column c = Columns.findFitted(table, f.column(), what);
            if (f.empty()) {
                return;
            }
            if (f.categorical()) {
                imputed[j] = fillCategorical(Columns.categorical(table, f.column(), what), f.category());
            } else if (c instanceof NumericColumn nc) {
                // One pass from the column into the output: no intermediate copy.
                double v = f.value();
                int size = nc.size();
                double[] y = new double[size];
                for (int i = 0; i < size; i++) {
                    double a = nc.get(i);
                    if (Double.isInfinite(a)) {
                        throw FiniteValues.infinite(table, f.column(), i, a, what);
                    }
                    y[i] = a != a ? v : a;
                }
                imputed[j] = NumericColumn.wrap(f.column(), c.role(), y);
            } else {
                double[] x = Columns.numeric(table, f.column(), what);
                // Fill in place: x is already our own copy.
                for (int i = 0; i < x.length; i++) {
                    if (Double.isNaN(x[i])) {
                        x[i] = f.value();
                    }
                }
                imputed[j] = NumericColumn.wrap(f.column(), c.role(), x);
            }
        });
        List<Column> out = new ArrayList<>(table.columns().size());
        List<String> fitted = fills.stream().map(Fill::column).toList();
        for (Column c : table.columns()) {
            int j = fitted.indexOf(c.name());
            if (j < 0) {
                out.add(c);
            } else if (imputed[j] != null) {
                out.add(imputed[j]);
            }
        }
        for (Fill f : indicatorFills()) {
            Column c = table.column(f.column());
            double[] y = new double[c.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = c.isMissing(i) ? 1.0 : 0.0;
            }
            out.add(NumericColumn.wrap("missingindicator_" + f.column(), ColumnRole.FEATURE, y));
        }
        return new Table(out);
    }

    private static CategoricalColumn fillCategorical(CategoricalColumn c, String category) {
        List<String> levels = new ArrayList<>(c.levels());
        int code = levels.indexOf(category);
        if (code < 0) {
            levels.add(category);
            code = levels.size() - 1;
        }
        int[] codes = c.codes();
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] == CategoricalColumn.MISSING) {
                codes[i] = code;
            }
        }
        return new CategoricalColumn(c.name(), c.role(), levels, codes);
    }
}
