package org.gyrus.preprocess;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gyrus.data.CategoricalColumn;
import org.gyrus.data.Column;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;

/**
 * The sorted categories of one column and how often each occurs, with missing cells counted as a
 * category of their own when a label is given for them. Categories sort as scikit-learn sorts
 * them: by code point for text, by value for numbers.
 */
record CategoryCounts(List<String> categories, long[] counts) {

    /** Counts the categories of the named column. */
    static CategoryCounts of(Table table, String name, String missingLabel, String what) {
        Column source = Columns.findFitted(table, name, what);
        CategoricalColumn c = Columns.categorical(table, name, what);
        long[] levelCounts = new long[c.levels().size()];
        long missing = 0;
        for (int i = 0; i < c.size(); i++) {
            int code = c.code(i);
            if (code < 0) {
                missing++;
            } else {
                levelCounts[code]++;
            }
        }
        Map<String, Long> byLabel = new HashMap<>();
        for (int k = 0; k < levelCounts.length; k++) {
            if (levelCounts[k] > 0) {
                byLabel.merge(c.levels().get(k), levelCounts[k], Long::sum);
            }
        }
        if (missing > 0 && missingLabel != null) {
            byLabel.merge(missingLabel, missing, Long::sum);
        }
        List<String> cats = new ArrayList<>(byLabel.keySet());
        cats.sort(comparator(source instanceof NumericColumn, missingLabel));
        long[] counts = new long[cats.size()];
        for (int k = 0; k < counts.length; k++) {
            counts[k] = byLabel.get(cats.get(k));
        }
        return new CategoryCounts(List.copyOf(cats), counts);
    }

    /** Text by code point; numbers by value (the missing label, which is not a number, last). */
    static Comparator<String> comparator(boolean numeric, String missingLabel) {
        if (!numeric) {
            return CodePointOrder.INSTANCE;
        }
        return Comparator.comparingDouble((String s) -> s.equals(missingLabel) ? Double.POSITIVE_INFINITY : Double.parseDouble(s))
                .thenComparing(s -> s.equals(missingLabel));
    }

    /**
     * For every code of {@code c}, the index of its category in {@code categories} (-1 when not
     * there); entry {@code levels().size()} is for missing cells. Mapping the few levels once is
     * what makes encoding a million rows cheap: no string is looked up per row.
     */
    static int[] codeToCategory(CategoricalColumn c, List<String> categories, String missingLabel) {
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < categories.size(); k++) {
            index.put(categories.get(k), k);
        }
        int[] map = new int[c.levels().size() + 1];
        for (int k = 0; k < c.levels().size(); k++) {
            map[k] = index.getOrDefault(c.levels().get(k), -1);
        }
        map[c.levels().size()] = missingLabel == null ? -1 : index.getOrDefault(missingLabel, -1);
        return map;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CategoryCounts other && other.categories.equals(categories) && Arrays.equals(other.counts, counts);
    }

    @Override
    public int hashCode() {
        return categories.hashCode() * 31 + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "CategoryCounts" + categories + Arrays.toString(counts);
    }
}
