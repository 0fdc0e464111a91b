package org.gyrus.preprocess;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.gyrus.data.Table;

/**
 * One 0/1 column per category: scikit-learn 1.2's {@code OneHotEncoder}. Categories are the
 * sorted distinct values seen in fit; missing cells form a category of their own, labelled
 * {@link #missingLabel(String)} ("__missing__" by default), and the output columns are named
 * {@code <column>_<category>}.
 *
 * <p>Options as in scikit-learn: {@code handle_unknown} (error / ignore / infrequent_if_exist),
 * {@code drop} (first / if_binary), {@code min_frequency} (a count or a fraction of the rows) and
 * {@code max_categories}, which group rare categories into one {@code <column>_infrequent_sklearn}
 * column.
 *
 * <p>Differences on purpose: scikit-learn treats {@code None}/NaN as a category sorted last and
 * named {@code None}/{@code nan}; here missing cells take the configurable label and sort with the
 * other labels. Numeric columns are encoded by their text, sorted by value ("2007", not "2007.0").
 */
public final class OneHotEncoder {

    /** What to do with a category that fit did not see. */
    public enum HandleUnknown {
        /** Fail, naming the column and the category. */
        ERROR,
        /** Encode as all zeros. */
        IGNORE,
        /** Encode as the infrequent column if the column has one, else as all zeros. */
        INFREQUENT_IF_EXIST;

        /** Parses scikit-learn's name ("error", "ignore", "infrequent_if_exist"). */
        public static HandleUnknown parse(String s) {
            return Enums.parse(HandleUnknown.class, s, "handle_unknown");
        }
    }

    /** Which category's column to drop. */
    public enum Drop {
        /** Keep every column. */
        NONE,
        /** Drop the first category of every column. */
        FIRST,
        /** Drop the first category of columns with exactly two. */
        IF_BINARY;

        /** Parses scikit-learn's name ("none", "first", "if_binary"). */
        public static Drop parse(String s) {
            return s == null ? NONE : Enums.parse(Drop.class, s, "drop");
        }
    }

    /** The label that missing cells are encoded under, unless configured otherwise. */
    public static final String DEFAULT_MISSING_LABEL = "__missing__";

    private HandleUnknown handleUnknown = HandleUnknown.ERROR;
    private Drop drop = Drop.NONE;
    private double minFrequency = Double.NaN;
    private boolean minFrequencyIsFraction;
    private int maxCategories = -1;
    private String missingLabel = DEFAULT_MISSING_LABEL;
    private int threads = Parallel.defaultThreads();

    /** An encoder with scikit-learn's defaults (handle_unknown=error, no drop, no grouping). */
    public OneHotEncoder() {
    }

    /** Sets handle_unknown. */
    public OneHotEncoder handleUnknown(HandleUnknown h) {
        this.handleUnknown = Objects.requireNonNull(h);
        return this;
    }

    /** Sets drop. */
    public OneHotEncoder drop(Drop d) {
        this.drop = Objects.requireNonNull(d);
        return this;
    }

    /** Categories seen fewer than {@code count} times in fit are infrequent. */
    public OneHotEncoder minFrequency(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("min_frequency must be at least 1, not " + count);
        }
        this.minFrequency = count;
        this.minFrequencyIsFraction = false;
        return this;
    }

    /** Categories seen in fewer than {@code fraction} × rows rows are infrequent. */
    public OneHotEncoder minFrequencyFraction(double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("min_frequency as a fraction must be in (0, 1], not " + fraction);
        }
        this.minFrequency = fraction;
        this.minFrequencyIsFraction = true;
        return this;
    }

    /** At most {@code n} output columns per input column, the infrequent one included. */
    public OneHotEncoder maxCategories(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("max_categories must be at least 1, not " + n);
        }
        this.maxCategories = n;
        return this;
    }

    /** The category that missing cells are encoded as. */
    public OneHotEncoder missingLabel(String label) {
        this.missingLabel = Objects.requireNonNull(label, "missingLabel");
        return this;
    }

    /** Threads for apply. */
    public OneHotEncoder threads(int n) {
        this.threads = Math.max(1, n);
        return this;
    }

    private boolean infrequentEnabled() {
        return !Double.isNaN(minFrequency) || maxCategories > 0;
    }

    /**
     * Learns the categories of the named columns.
     *
     * @throws IllegalArgumentException if the table is empty or lacks a column
     */
    public OneHotEncoderModel fit(Table table, List<String> columns) {
        String what = "OneHotEncoder";
        Columns.requireRows(table, what);
        Columns.requireColumns(columns, what);
        List<OneHotEncoderModel.Feature> features = new ArrayList<>();
        for (String name : columns) {
            CategoryCounts cc = CategoryCounts.of(table, name, missingLabel, what);
            int[] infrequent = infrequentEnabled() ? infrequent(cc.counts(), table.rowCount()) : new int[0];
            features.add(OneHotEncoderModel.Feature.of(name, cc.categories(), infrequent, drop));
        }
        return new OneHotEncoderModel(features, handleUnknown, missingLabel, threads);
    }

    /** scikit-learn's {@code _identify_infrequent}: the indices of the infrequent categories. */
    int[] infrequent(long[] counts, int nSamples) {
        boolean[] mask = new boolean[counts.length];
        int nInfrequent = 0;
        if (!Double.isNaN(minFrequency)) {
            double threshold = minFrequencyIsFraction ? nSamples * minFrequency : minFrequency;
            for (int k = 0; k < counts.length; k++) {
                if (counts[k] < threshold) {
                    mask[k] = true;
                    nInfrequent++;
                }
            }
        }
        int nCurrent = counts.length - nInfrequent + 1;
        if (maxCategories > 0 && maxCategories < nCurrent) {
            // argsort(counts, kind="mergesort")[:-max_categories + 1]: a stable ascending sort;
            // with max_categories == 1 the slice is [:0] and marks nothing (scikit-learn's quirk).
            Integer[] order = new Integer[counts.length];
            for (int k = 0; k < order.length; k++) {
                order[k] = k;
            }
            java.util.Arrays.sort(order, (a, b) -> Long.compare(counts[a], counts[b]));
            int take = maxCategories == 1 ? 0 : counts.length - (maxCategories - 1);
            for (int k = 0; k < take; k++) {
                mask[order[k]] = true;
            }
        }
        return java.util.stream.IntStream.range(0, counts.length).filter(k -> mask[k]).toArray();
    }
}
