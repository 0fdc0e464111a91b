package org.gyrus.learn;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.gyrus.data.Column;
import org.gyrus.data.NumericColumn;

/**
 * Class labels encoded as scikit-learn's {@code LabelEncoder} does: the classes are the distinct
 * values sorted (numerically for a numeric column, by text otherwise), each sample's class an
 * index into them. Class names are the cells' text, so numeric 0/1 labels become classes "0", "1".
 *
 * @param classes the class names, sorted
 * @param codes   the class of each sample
 */
public record Labels(List<String> classes, int[] codes) {

    /**
     * Encodes the label column {@code column} of the rows {@code rows} (all rows when null).
     *
     * @param idOf the id of a row, for messages
     * @throws IllegalArgumentException naming the column and row of a missing label
     */
    public static Labels of(Column column, int[] rows, java.util.function.IntFunction<String> idOf) {
        int n = rows == null ? column.size() : rows.length;
        List<String> values = new ArrayList<>(n);
        Comparator<String> order = column instanceof NumericColumn
                ? Comparator.comparingDouble(Double::parseDouble) : Comparator.naturalOrder();
        TreeSet<String> distinct = new TreeSet<>(order);
        for (int i = 0; i < n; i++) {
            int r = rows == null ? i : rows[i];
            String v = column.format(r);
            if (v == null) {
                throw new IllegalArgumentException("The label column '" + column.name() + "' is missing in row " + (r + 1) + " (id "
                        + idOf.apply(r) + "): drop those rows or impute the label first");
            }
            values.add(v);
            distinct.add(v);
        }
        List<String> classes = List.copyOf(distinct);
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < classes.size(); k++) {
            index.put(classes.get(k), k);
        }
        int[] codes = new int[n];
        for (int i = 0; i < n; i++) {
            codes[i] = index.get(values.get(i));
        }
        return new Labels(classes, codes);
    }
}
