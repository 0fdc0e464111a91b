package org.gyrus.attention;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.gyrus.data.Column;
import org.gyrus.data.NumericColumn;

/**
 * Class labels encoded as scikit-learn's {@code LabelEncoder} (and the learning bundle) do: the
 * classes are the distinct values sorted (numerically for a numeric column, by text otherwise),
 * each sample's class an index into them.
 *
 * @param classes the class names, sorted
 * @param codes   the class of each sample
 */
public record Labels(List<String> classes, int[] codes) {

    /**
     * Encodes a label column.
     *
     * @param ids the row ids, for messages
     * @throws IllegalArgumentException naming the column and the row of a missing label
     */
    public static Labels of(Column column, List<String> ids) {
        int n = column.size();
        List<String> values = new ArrayList<>(n);
        Comparator<String> order = column instanceof NumericColumn ? Comparator.comparingDouble(Double::parseDouble) : Comparator.naturalOrder();
        TreeSet<String> distinct = new TreeSet<>(order);
        for (int i = 0; i < n; i++) {
            String v = column.format(i);
            if (v == null) {
                throw new IllegalArgumentException("The label column '" + column.name() + "' is missing for sample '" + ids.get(i)
                        + "': drop those rows or impute the label first");
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

    /**
     * Balanced class weights as scikit-learn's {@code class_weight="balanced"}:
     * {@code n / (classes × count_k)}.
     */
    public double[] balancedWeights() {
        int k = classes.size();
        double[] count = new double[k];
        for (int c : codes) {
            count[c]++;
        }
        double[] w = new double[k];
        for (int c = 0; c < k; c++) {
            w[c] = count[c] == 0 ? 0 : codes.length / (k * count[c]);
        }
        return w;
    }
}
