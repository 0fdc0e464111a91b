package org.gyrus.preprocess;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.gyrus.data.CategoricalColumn;
import org.gyrus.data.Column;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;

/**
 * A fitted {@link OneHotEncoder}: per column, the sorted categories, which of them are grouped as
 * infrequent and which output column is dropped. Applying it replaces each encoded column by its
 * block of 0/1 columns, at the column's position.
 */
public final class OneHotEncoderModel implements TableTransform {

    /** The name scikit-learn gives the column of grouped infrequent categories. */
    public static final String INFREQUENT = "infrequent_sklearn";

    /**
     * The encoding of one input column.
     *
     * @param column the input column's name
     * @param categories the sorted categories seen in fit
     * @param infrequent indices into {@code categories} of the infrequent ones (ascending; may be empty)
     * @param drop the dropped index among the transformed categories (frequent ones, then the
     *     infrequent group), or -1
     */
    public record Feature(String column, List<String> categories, int[] infrequent, int drop) {

        static Feature of(String column, List<String> categories, int[] infrequent, OneHotEncoder.Drop drop) {
            int nTransformed = categories.size() - (infrequent.length == 0 ? 0 : infrequent.length - 1);
            int dropIdx = switch (drop) {
                case NONE -> -1;
                case FIRST -> 0;
                case IF_BINARY -> nTransformed == 2 ? 0 : -1;
            };
            return new Feature(column, List.copyOf(categories), infrequent.clone(), dropIdx);
        }

        /** The transformed categories: the frequent ones in order, then "infrequent_sklearn" if any. */
        public List<String> transformedCategories() {
            if (infrequent.length == 0) {
                return categories;
            }
            List<String> out = new ArrayList<>();
            for (int k = 0; k < categories.size(); k++) {
                if (Arrays.binarySearch(infrequent, k) < 0) {
                    out.add(categories.get(k));
                }
            }
            out.add(INFREQUENT);
            return out;
        }

        /** The output categories: the transformed ones without the dropped one. */
        public List<String> outputCategories() {
            List<String> t = new ArrayList<>(transformedCategories());
            if (drop >= 0 && drop < t.size()) {
                t.remove(drop);
            }
            return t;
        }

        /**
         * For each category index, its transformed index (scikit-learn's
         * {@code _default_to_infrequent_mappings}).
         */
        int[] toTransformed() {
            int[] map = new int[categories.size()];
            if (infrequent.length == 0) {
                for (int k = 0; k < map.length; k++) {
                    map[k] = k;
                }
                return map;
            }
            int nFrequent = categories.size() - infrequent.length;
            int next = 0;
            for (int k = 0; k < map.length; k++) {
                map[k] = Arrays.binarySearch(infrequent, k) >= 0 ? nFrequent : next++;
            }
            return map;
        }

        /** The infrequent group's transformed index, or -1 when there is none. */
        int infrequentIndex() {
            return infrequent.length == 0 ? -1 : categories.size() - infrequent.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Feature f && f.column.equals(column) && f.categories.equals(categories)
                    && Arrays.equals(f.infrequent, infrequent) && f.drop == drop;
        }

        @Override
        public int hashCode() {
            return column.hashCode() * 31 + categories.hashCode();
        }

        @Override
        public String toString() {
            return "Feature[" + column + ", " + categories + ", infrequent " + Arrays.toString(infrequent) + ", drop " + drop + "]";
        }
    }

    private final List<Feature> features;
    private final OneHotEncoder.HandleUnknown handleUnknown;
    private final String missingLabel;
    private final int threads;

    OneHotEncoderModel(List<Feature> features, OneHotEncoder.HandleUnknown handleUnknown, String missingLabel, int threads) {
        this.features = List.copyOf(features);
        this.handleUnknown = handleUnknown;
        this.missingLabel = missingLabel;
        this.threads = threads;
    }

    /** Rebuilds a model from its parts (for loading a saved model). */
    public static OneHotEncoderModel of(List<Feature> features, OneHotEncoder.HandleUnknown handleUnknown, String missingLabel) {
        return new OneHotEncoderModel(features, handleUnknown, missingLabel, Parallel.defaultThreads());
    }

    /** The per-column encodings, in fit order. */
    public List<Feature> features() {
        return features;
    }

    /** How unknown categories are handled. */
    public OneHotEncoder.HandleUnknown handleUnknown() {
        return handleUnknown;
    }

    /** The label of missing cells. */
    public String missingLabel() {
        return missingLabel;
    }

    /** The output column names, {@code <column>_<category>}, in output order. */
    public List<String> featureNamesOut() {
        List<String> names = new ArrayList<>();
        for (Feature f : features) {
            for (String c : f.outputCategories()) {
                names.add(f.column() + "_" + c);
            }
        }
        return names;
    }

    /**
     * For every row, the index of the hot column within the feature's output block, or -1 for
     * none (a dropped category, or an unknown one that is ignored).
     *
     * @throws IllegalArgumentException for an unknown category under handle_unknown=error,
     *     naming the column, the category and the row
     */
    int[] hotIndex(Feature f, CategoricalColumn c) {
        int[] codeToCat = CategoryCounts.codeToCategory(c, f.categories(), missingLabel);
        int[] toT = f.toTransformed();
        int infrequentT = f.infrequentIndex();
        int drop = f.drop();
        // Precompute the output index of every code, so that the row loop is one table lookup.
        int nCodes = codeToCat.length;
        int[] codeToOut = new int[nCodes];
        boolean[] unknown = new boolean[nCodes];
        for (int code = 0; code < nCodes; code++) {
            int cat = codeToCat[code];
            int t;
            if (cat < 0) {
                unknown[code] = true;
                t = handleUnknown == OneHotEncoder.HandleUnknown.INFREQUENT_IF_EXIST ? infrequentT : -1;
            } else {
                t = toT[cat];
            }
            if (t >= 0 && drop >= 0) {
                t = t == drop ? -1 : (t > drop ? t - 1 : t);
            }
            codeToOut[code] = t;
        }
        int missingCode = nCodes - 1;
        int[] out = new int[c.size()];
        for (int i = 0; i < out.length; i++) {
            int code = c.code(i);
            if (code < 0) {
                code = missingCode;
            }
            if (unknown[code] && handleUnknown == OneHotEncoder.HandleUnknown.ERROR) {
                String value = code == missingCode ? "a missing cell" : "the category '" + c.levels().get(code) + "'";
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "OneHotEncoder: column '%s' has %s (row %d) that was not seen in fit; known categories are %s."
                                + " Use handle_unknown=ignore or infrequent_if_exist to encode unknown categories",
                        f.column(), value, i, f.categories()));
            }
            out[i] = codeToOut[code];
        }
        return out;
    }

    /**
     * Replaces every encoded column by its 0/1 columns, at the column's position; other columns
     * are untouched.
     */
    @Override
    public TableTransform withThreads(int n) {
        return new OneHotEncoderModel(features, handleUnknown, missingLabel, Math.max(1, n));
    }

    @Override
    public Table apply(Table table) {
        String what = "OneHotEncoder";
        int nf = features.size();
        int[][] hot = new int[nf][];
        Parallel.forEach(nf, threads, j -> {
            Feature f = features.get(j);
            hot[j] = hotIndex(f, Columns.categorical(table, f.column(), what));
        });
        // Allocating (and so zeroing) the output columns is most of the work: one task per output
        // column balances it over the threads; then one pass per input column sets the ones.
        List<String> names = featureNamesOut();
        int[] blockStart = new int[nf + 1];
        for (int j = 0; j < nf; j++) {
            blockStart[j + 1] = blockStart[j] + features.get(j).outputCategories().size();
        }
        int rows = table.rowCount();
        double[][] y = new double[blockStart[nf]][];
        Parallel.forEach(y.length, threads, q -> y[q] = new double[rows]);
        Parallel.forEach(nf, threads, j -> {
            int[] h = hot[j];
            int base = blockStart[j];
            for (int i = 0; i < h.length; i++) {
                if (h[i] >= 0) {
                    y[base + h[i]][i] = 1.0;
                }
            }
        });
        Column[] out = new Column[y.length];
        for (int j = 0; j < nf; j++) {
            ColumnRole role = Columns.role(table, features.get(j).column());
            for (int q = blockStart[j]; q < blockStart[j + 1]; q++) {
                out[q] = NumericColumn.wrap(names.get(q), role, y[q]);
            }
        }
        // Insert each block where its input column was.
        List<Column> cols = new ArrayList<>();
        List<String> encoded = features.stream().map(Feature::column).toList();
        for (Column c : table.columns()) {
            int j = encoded.indexOf(c.name());
            if (j < 0) {
                cols.add(c);
            } else {
                cols.addAll(Arrays.asList(out).subList(blockStart[j], blockStart[j + 1]));
            }
        }
        return new Table(cols);
    }

    /** The encoded columns as arrays (output order), for callers without a table. */
    public double[][] transform(Table table) {
        Table t = apply(table.select(features.stream().map(Feature::column).toList()));
        double[][] out = new double[t.columnCount()][];
        for (int k = 0; k < out.length; k++) {
            out[k] = ((NumericColumn) t.columns().get(k)).toArray();
        }
        return out;
    }
}
