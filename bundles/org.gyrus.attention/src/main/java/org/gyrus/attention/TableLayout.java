package org.gyrus.attention;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.gyrus.data.CategoricalColumn;
import org.gyrus.data.Column;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.gyrus.nn.layers.FeatureTokenizer;
import org.gyrus.nn.layers.Module;

/**
 * FT-Transformer tokens: one per feature column of a table, numeric columns first (each by its
 * own linear embedding), then categorical columns (each by its own embedding table, with one
 * extra row for a missing or unseen category).
 *
 * @param numeric     the numeric feature columns, in order
 * @param categorical the categorical feature columns, in order
 * @param levels      the categories of each categorical column, as seen when fitting
 */
public record TableLayout(List<String> numeric, List<String> categorical, List<List<String>> levels) implements InputLayout {

    /** The layout of a table's feature columns (role feature): numeric and categorical. */
    public static TableLayout of(Table table) {
        List<String> numeric = new ArrayList<>();
        List<String> categorical = new ArrayList<>();
        List<List<String>> levels = new ArrayList<>();
        for (Column c : table.columns()) {
            if (c.role() != ColumnRole.FEATURE) {
                continue;
            }
            if (c instanceof NumericColumn) {
                numeric.add(c.name());
            } else if (c instanceof CategoricalColumn cat) {
                categorical.add(c.name());
                levels.add(List.copyOf(cat.levels()));
            } else {
                throw new IllegalArgumentException("The feature column '" + c.name() + "' holds free text: give it another role, "
                        + "or make it categorical");
            }
        }
        if (numeric.isEmpty() && categorical.isEmpty()) {
            throw new IllegalArgumentException("The table has no feature column (role feature); its columns are " + table.columnNames());
        }
        return new TableLayout(List.copyOf(numeric), List.copyOf(categorical), List.copyOf(levels));
    }

    /** A layout of numeric features only (a feature matrix without a sample shape). */
    public static TableLayout numeric(List<String> names) {
        return new TableLayout(List.copyOf(names), List.of(), List.of());
    }

    /**
     * The rows of a table as the tokenizer takes them: numeric values, then category codes in the
     * fitted levels (NaN for a missing or unseen category).
     *
     * @throws IllegalArgumentException naming a missing column, a column of the wrong kind, or a
     *     missing numeric value with its row
     */
    public float[] encode(Table table, List<String> ids) {
        int n = table.rowCount();
        int f = tokens();
        float[] x = new float[n * f];
        for (int j = 0; j < numeric.size(); j++) {
            String name = numeric.get(j);
            Column c = table.find(name).orElseThrow(() -> missing(name, table));
            if (!(c instanceof NumericColumn num)) {
                throw new IllegalArgumentException("The feature column '" + name + "' must be numeric, as when the model was fitted");
            }
            for (int i = 0; i < n; i++) {
                double v = num.get(i);
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("Feature '" + name + "' is " + (Double.isNaN(v) ? "missing (NaN)" : v) + " for sample '"
                            + ids.get(i) + "': impute or drop it first (the transformer needs finite numeric values)");
                }
                x[i * f + j] = (float) v;
            }
        }
        for (int j = 0; j < categorical.size(); j++) {
            String name = categorical.get(j);
            Column c = table.find(name).orElseThrow(() -> missing(name, table));
            if (!(c instanceof CategoricalColumn cat)) {
                throw new IllegalArgumentException("The feature column '" + name + "' must be categorical, as when the model was fitted");
            }
            Map<String, Integer> index = new HashMap<>();
            List<String> known = levels.get(j);
            for (int k = 0; k < known.size(); k++) {
                index.put(known.get(k), k);
            }
            for (int i = 0; i < n; i++) {
                String v = cat.get(i);
                Integer code = v == null ? null : index.get(v);
                x[i * f + numeric.size() + j] = code == null ? Float.NaN : code;
            }
        }
        return x;
    }

    private static IllegalArgumentException missing(String name, Table t) {
        return new IllegalArgumentException("The model needs the feature column '" + name + "', which the table lacks; its columns are "
                + t.columnNames());
    }

    @Override
    public String kind() {
        return "table";
    }

    @Override
    public int tokens() {
        return numeric.size() + categorical.size();
    }

    @Override
    public List<String> tokenNames() {
        List<String> names = new ArrayList<>(numeric);
        names.addAll(categorical);
        return names;
    }

    @Override
    public int[] sampleShape() {
        return new int[] {tokens()};
    }

    @Override
    public boolean learnedPositions() {
        return false;
    }

    @Override
    public Module tokenizer(int width, Random random) {
        return new FeatureTokenizer(numeric.size(), levels.stream().mapToInt(List::size).toArray(), width, random);
    }

    @Override
    public Map<String, Object> toMetadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind());
        m.put("numeric", numeric);
        m.put("categorical", categorical);
        m.put("levels", levels);
        return m;
    }

    static TableLayout fromMetadata(Map<?, ?> m) {
        List<String> numeric = ((List<?>) m.get("numeric")).stream().map(String::valueOf).toList();
        List<String> categorical = ((List<?>) m.get("categorical")).stream().map(String::valueOf).toList();
        List<List<String>> levels = ((List<?>) m.get("levels")).stream()
                .map(l -> ((List<?>) l).stream().map(String::valueOf).toList()).toList();
        return new TableLayout(numeric, categorical, levels);
    }
}
