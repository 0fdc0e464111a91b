package org.gyrus.preprocess;

import java.util.ArrayList;
import java.util.List;

import org.gyrus.data.Table;

/**
 * Replaces each category by its index among the sorted categories seen in fit: scikit-learn
 * 1.2's {@code OrdinalEncoder}. An unknown category fails (the default) or becomes a configured
 * value ({@code handle_unknown="use_encoded_value"}). Missing cells are encoded either as a
 * category of their own labelled {@link #missingLabel(String)} (the default, label
 * "__missing__", as the one-hot encoder does) or, after {@code missingLabel(null)}, as
 * {@link #encodedMissingValue(double)} (NaN by default, as scikit-learn does).
 */
public final class OrdinalEncoder {

    private Double unknownValue;
    private String missingLabel = OneHotEncoder.DEFAULT_MISSING_LABEL;
    private double encodedMissingValue = Double.NaN;

    /** An encoder that fails on unknown categories and treats missing cells as a category. */
    public OrdinalEncoder() {
    }

    /** Encodes unknown categories as {@code value} instead of failing (NaN is allowed). */
    public OrdinalEncoder unknownValue(double value) {
        this.unknownValue = value;
        return this;
    }

    /** The label for missing cells; {@code null} encodes them as {@link #encodedMissingValue(double)}. */
    public OrdinalEncoder missingLabel(String label) {
        this.missingLabel = label;
        return this;
    }

    /** The code of missing cells when they are not a category (default NaN). */
    public OrdinalEncoder encodedMissingValue(double value) {
        this.encodedMissingValue = value;
        return this;
    }

    /**
     * Learns the sorted categories of the named columns.
     *
     * @throws IllegalArgumentException if the table is empty or lacks a column, or the unknown
     *     value is the code of a known category
     */
    public OrdinalEncoderModel fit(Table table, List<String> columns) {
        String what = "OrdinalEncoder";
        Columns.requireRows(table, what);
        Columns.requireColumns(columns, what);
        List<List<String>> cats = new ArrayList<>();
        for (String name : columns) {
            List<String> c = CategoryCounts.of(table, name, missingLabel, what).categories();
            if (unknownValue != null && !unknownValue.isNaN() && unknownValue >= 0 && unknownValue < c.size()
                    && unknownValue == Math.rint(unknownValue)) {
                // scikit-learn refuses this too: the code would be ambiguous.
                throw new IllegalArgumentException("OrdinalEncoder: unknown_value " + unknownValue
                        + " is already the code of category '" + c.get((int) (double) unknownValue) + "' in column '" + name + "'");
            }
            cats.add(c);
        }
        return new OrdinalEncoderModel(columns, cats, unknownValue, missingLabel, encodedMissingValue);
    }
}
