package org.gyrus.preprocess;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.gyrus.data.CategoricalColumn;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;

/**
 * Fills missing cells column by column with one statistic learned from the training rows:
 * scikit-learn 1.2's {@code SimpleImputer}. Numeric columns take the mean, median, most frequent
 * value (the smallest among ties) or a constant; categorical columns take the most frequent
 * category (the first in code-point order among ties) or a constant category.
 *
 * <p>A column with no observed value has no mean, median or mode: as in scikit-learn
 * ({@code keep_empty_features=False}) it is dropped from the output and
 * {@link SimpleImputerModel#droppedColumns()} names it so that the node can warn; the constant
 * strategy keeps it, filled with the constant. With {@link #keepEmptyFeatures(boolean)} such a
 * column is kept and filled with 0 (the category {@code fillCategory} for categorical columns).
 */
public final class SimpleImputer {

    /** How a column's fill value is computed. */
    public enum Strategy {
        /** The mean of the observed values (numeric columns only). */
        MEAN,
        /** The median of the observed values (numeric columns only). */
        MEDIAN,
        /** The most frequent observed value; the smallest among ties. */
        MOST_FREQUENT,
        /** A fixed value: {@code fillValue} for numbers, {@code fillCategory} for categories. */
        CONSTANT;

        /** The strategy named as in scikit-learn ("mean", "median", "most_frequent", "constant"). */
        public static Strategy parse(String s) {
            for (Strategy v : values()) {
                if (v.name().equalsIgnoreCase(s.trim())) {
                    return v;
                }
            }
            throw new IllegalArgumentException("Unknown imputation strategy '" + s
                    + "'; use mean, median, most_frequent or constant");
        }
    }

    private final Strategy strategy;
    private double fillValue = 0.0;
    private String fillCategory = "missing_value";
    private boolean addIndicator;
    private boolean keepEmptyFeatures;
    private int threads = Parallel.defaultThreads();

    /** An imputer with the given strategy and scikit-learn's other defaults. */
    public SimpleImputer(Strategy strategy) {
        this.strategy = Objects.requireNonNull(strategy, "strategy");
    }

    /** The constant for numeric columns under {@link Strategy#CONSTANT} (default 0). */
    public SimpleImputer fillValue(double value) {
        this.fillValue = value;
        return this;
    }

    /** The constant category under {@link Strategy#CONSTANT} (default "missing_value", as scikit-learn). */
    public SimpleImputer fillCategory(String category) {
        this.fillCategory = Objects.requireNonNull(category, "fillCategory");
        return this;
    }

    /** Whether to append a 0/1 "missingindicator_<column>" column per column that had missing cells in fit. */
    public SimpleImputer addIndicator(boolean add) {
        this.addIndicator = add;
        return this;
    }

    /** Whether columns without any observed value are kept (filled with 0) instead of dropped. */
    public SimpleImputer keepEmptyFeatures(boolean keep) {
        this.keepEmptyFeatures = keep;
        return this;
    }

    /** The number of threads that fit and apply may use (default: all cores). */
    public SimpleImputer threads(int n) {
        this.threads = Math.max(1, n);
        return this;
    }

    /**
     * Learns one fill value per named column of {@code table}.
     *
     * @throws IllegalArgumentException if the table is empty, a column is absent, or a mean or
     *     median is asked of a categorical column (the message names the column)
     */
    public SimpleImputerModel fit(Table table, List<String> columns) {
        String what = "SimpleImputer(" + strategy.name().toLowerCase(Locale.ROOT) + ")";
        Columns.requireRows(table, what);
        Columns.requireColumns(columns, what);
        int p = columns.size();
        SimpleImputerModel.Fill[] fills = new SimpleImputerModel.Fill[p];
        Parallel.forEach(p, threads, j -> {
            String name = columns.get(j);
            Columns.findFitted(table, name, what);
            boolean numericStrategy = strategy == Strategy.MEAN || strategy == Strategy.MEDIAN;
            if (Columns.isCategorical(table, name) && numericStrategy) {
                // Numbers stored as text are fine; anything else is named with its row.
                double[] x;
                try {
                    x = Columns.numeric(table, name, what);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(e.getMessage() + "; for categories use most_frequent or constant", e);
                }
                fills[j] = new SimpleImputerModel.Fill(name, false, statistic(x), null, Stats.count(x) < x.length);
            } else if (Columns.isCategorical(table, name)) {
                fills[j] = fitCategorical(name, Columns.categorical(table, name, what));
            } else if (table.column(name) instanceof NumericColumn c) {
                FiniteValues.refuseInfinity(table, c, what);
                fills[j] = new SimpleImputerModel.Fill(name, false, statistic(c), null, c.missingCount() > 0);
            } else {
                double[] x = Columns.numeric(table, name, what);
                fills[j] = new SimpleImputerModel.Fill(name, false, statistic(x), null, Stats.count(x) < x.length);
            }
        });
        return new SimpleImputerModel(strategy, List.of(fills), addIndicator, keepEmptyFeatures, threads);
    }

    /**
     * The fill value of one numeric column: NaN when the column has no observed value (and the
     * strategy needs one), 0 for such a column when empty features are kept.
     */
    public double statistic(double[] column) {
        double s = switch (strategy) {
            case MEAN -> Stats.nanMean(column);
            case MEDIAN -> Stats.nanMedian(column);
            case MOST_FREQUENT -> Stats.nanMostFrequent(column);
            case CONSTANT -> fillValue;
        };
        if (Double.isNaN(s) && keepEmptyFeatures) {
            return 0.0;
        }
        return s;
    }

    /** The fill value of a numeric table column, read in place. */
    double statistic(NumericColumn c) {
        double s = switch (strategy) {
            case MEAN -> Stats.nanMean(c);
            case MEDIAN -> Stats.nanMedian(c);
            case MOST_FREQUENT -> Stats.mostFrequentInPlace(Stats.present(c));
            case CONSTANT -> fillValue;
        };
        return Double.isNaN(s) && keepEmptyFeatures ? 0.0 : s;
    }

    private SimpleImputerModel.Fill fitCategorical(String name, CategoricalColumn c) {
        boolean hasMissing = c.missingCount() > 0;
        switch (strategy) {
            case CONSTANT -> {
                return new SimpleImputerModel.Fill(name, true, Double.NaN, fillCategory, hasMissing);
            }
            default -> {
                String mode = mostFrequentCategory(c);
                if (mode == null && keepEmptyFeatures) {
                    mode = fillCategory;
                }
                return new SimpleImputerModel.Fill(name, true, Double.NaN, mode, hasMissing);
            }
        }
    }

    /** The most frequent category, the first in code-point order among ties; null if all are missing. */
    static String mostFrequentCategory(CategoricalColumn c) {
        List<String> levels = c.levels();
        int[] counts = new int[levels.size()];
        for (int i = 0; i < c.size(); i++) {
            int code = c.code(i);
            if (code >= 0) {
                counts[code]++;
            }
        }
        String best = null;
        int bestCount = 0;
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] == 0) {
                continue;
            }
            if (counts[k] > bestCount || (counts[k] == bestCount && CodePointOrder.compare(levels.get(k), best) < 0)) {
                best = levels.get(k);
                bestCount = counts[k];
            }
        }
        return best;
    }
}
