package org.gyrus.preprocess;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.gyrus.data.CategoricalColumn;
import org.gyrus.data.Column;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;

/**
 * A fitted {@link OrdinalEncoder}: the sorted categories of each column. Applying it replaces
 * each encoded column by a numeric column of codes, under the same name and at the same place.
 */
public final class OrdinalEncoderModel implements TableTransform {

    private final List<String> columns;
    private final List<List<String>> categories;
    private final Double unknownValue;
    private final String missingLabel;
    private final double encodedMissingValue;

    OrdinalEncoderModel(List<String> columns, List<List<String>> categories, Double unknownValue,
            String missingLabel, double encodedMissingValue) {
        this.columns = List.copyOf(columns);
        this.categories = categories.stream().map(List::copyOf).toList();
        this.unknownValue = unknownValue;
        this.missingLabel = missingLabel;
        this.encodedMissingValue = encodedMissingValue;
    }

    /** Rebuilds a model from its parts (for loading a saved model); {@code unknownValue} null means "error". */
    public static OrdinalEncoderModel of(List<String> columns, List<List<String>> categories, Double unknownValue,
            String missingLabel, double encodedMissingValue) {
        return new OrdinalEncoderModel(columns, categories, unknownValue, missingLabel, encodedMissingValue);
    }

    /** The encoded columns, in fit order. */
    public List<String> columns() {
        return columns;
    }

    /** The sorted categories of each column. */
    public List<List<String>> categories() {
        return categories;
    }

    /** The code of unknown categories, or null when they are an error. */
    public Double unknownValue() {
        return unknownValue;
    }

    /** The label of missing cells, or null when they are encoded as {@link #encodedMissingValue()}. */
    public String missingLabel() {
        return missingLabel;
    }

    /** The code of missing cells when they are not a category. */
    public double encodedMissingValue() {
        return encodedMissingValue;
    }

    /** The codes of one column. */
    double[] encode(int j, CategoricalColumn c) {
        List<String> cats = categories.get(j);
        int[] map = CategoryCounts.codeToCategory(c, cats, missingLabel);
        double[] out = new double[c.size()];
        for (int i = 0; i < out.length; i++) {
            int code = c.code(i);
            if (code < 0 && missingLabel == null) {
                out[i] = encodedMissingValue;
                continue;
            }
            int k = map[code < 0 ? map.length - 1 : code];
            if (k < 0) {
                if (unknownValue == null) {
                    String value = code < 0 ? "a missing cell" : "the category '" + c.levels().get(code) + "'";
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "OrdinalEncoder: column '%s' has %s (row %d) that was not seen in fit; known categories are %s."
                                    + " Set an unknown value to encode unknown categories",
                            columns.get(j), value, i, cats));
                }
                out[i] = unknownValue;
            } else {
                out[i] = k;
            }
        }
        return out;
    }

    @Override
    public Table apply(Table table) {
        List<Column> out = new ArrayList<>();
        for (Column c : table.columns()) {
            int j = columns.indexOf(c.name());
            out.add(j < 0 ? c : NumericColumn.wrap(c.name(), c.role(), encode(j, Columns.categorical(table, c.name(), "OrdinalEncoder"))));
        }
        for (String name : columns) {
            Columns.findFitted(table, name, "OrdinalEncoder");
        }
        return new Table(out);
    }
}
