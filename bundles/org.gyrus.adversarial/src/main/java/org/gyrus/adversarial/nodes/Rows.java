package org.gyrus.adversarial.nodes;

import java.util.ArrayList;
import java.util.List;

import org.gyrus.data.Column;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;

/** A table built row by row: text columns hold strings, the others numbers (NaN for none). */
final class Rows {

    private final String[] names;
    private final boolean[] text;
    private final List<Object[]> rows = new ArrayList<>();

    /** @param columns the column names; a name starting with '$' is a text column (the '$' is dropped) */
    Rows(String... columns) {
        names = new String[columns.length];
        text = new boolean[columns.length];
        for (int i = 0; i < columns.length; i++) {
            text[i] = columns[i].startsWith("$");
            names[i] = text[i] ? columns[i].substring(1) : columns[i];
        }
    }

    Rows add(Object... values) {
        if (values.length != names.length) {
            throw new IllegalArgumentException(values.length + " values for " + names.length + " columns");
        }
        rows.add(values.clone());
        return this;
    }

    Table table() {
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < names.length; c++) {
            if (text[c]) {
                String[] v = new String[rows.size()];
                for (int r = 0; r < v.length; r++) {
                    v[r] = String.valueOf(rows.get(r)[c]);
                }
                columns.add(new TextColumn(names[c], v));
            } else {
                double[] v = new double[rows.size()];
                for (int r = 0; r < v.length; r++) {
                    v[r] = ((Number) rows.get(r)[c]).doubleValue();
                }
                columns.add(new NumericColumn(names[c], v));
            }
        }
        return new Table(columns);
    }
}
