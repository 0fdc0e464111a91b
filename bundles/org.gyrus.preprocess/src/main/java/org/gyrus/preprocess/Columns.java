package org.gyrus.preprocess;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.gyrus.data.CategoricalColumn;
import org.gyrus.data.Column;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;

/**
 * Moves named columns between a {@link Table} and primitive arrays, with errors that name the
 * column and the offending value: what every fitted model needs when it meets a table.
 */
final class Columns {

    private Columns() {
    }

    /** Fails with a clear message when the table has no rows. */
    static void requireRows(Table table, String what) {
        if (table.rowCount() == 0) {
            throw new IllegalArgumentException(what + ": the table is empty (0 rows); there is nothing to fit on");
        }
    }

    /** Fails when {@code names} is empty. */
    static void requireColumns(List<String> names, String what) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException(what + ": no columns were selected");
        }
    }

    /**
     * The named column as doubles (not copied for numeric columns). A text or categorical column
     * is refused unless every non-missing cell parses as a number; the error names the column,
     * the row and the text. Infinity is refused as scikit-learn refuses it (NaN is a missing cell).
     */
    static double[] numeric(Table table, String name, String what) {
        Column c = findFitted(table, name, what);
        if (c instanceof NumericColumn n) {
            double[] out = new double[n.size()];
            n.copyTo(out, 0);
            FiniteValues.refuseInfinity(table, name, out, what);
            return out;
        }
        double[] out = new double[c.size()];
        for (int i = 0; i < out.length; i++) {
            String s = c.format(i);
            if (s == null) {
                out[i] = Double.NaN;
                continue;
            }
            try {
                out[i] = Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                if (s.trim().matches("(?i)[+-]?inf(inity)?")) {
                    // numpy and pandas read "inf" as infinity: say what is wrong with it.
                    throw FiniteValues.infinite(table, name, i, s.trim().startsWith("-") ? -1 : 1, what);
                }
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s: column '%s' must be numeric but row %d holds the text '%s'", what, name, i, s));
            }
            if (Double.isInfinite(out[i])) {
                throw FiniteValues.infinite(table, name, i, out[i], what);
            }
        }
        return out;
    }

    /**
     * The named column as categories (levels + codes); numeric values become their text. An
     * infinite number is refused, as scikit-learn's encoders refuse it in a numeric column.
     */
    static CategoricalColumn categorical(Table table, String name, String what) {
        Column c = findFitted(table, name, what);
        if (c instanceof CategoricalColumn cat) {
            return cat;
        }
        if (c instanceof NumericColumn n) {
            FiniteValues.refuseInfinity(table, n, what);
        }
        String[] values = new String[c.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = c.format(i);
        }
        return CategoricalColumn.of(c.name(), c.role(), values);
    }

    /** Whether the column holds categories rather than numbers (categorical or text). */
    static boolean isCategorical(Table table, String name) {
        Column c = table.column(name);
        return c instanceof CategoricalColumn || c instanceof TextColumn;
    }

    /** The column, or an error saying that a model fitted on it cannot be applied without it. */
    static Column findFitted(Table table, String name, String what) {
        return table.find(name).orElseThrow(() -> new IllegalArgumentException(what + ": the table has no column '"
                + name + "', which the model was fitted on; its columns are " + table.columnNames()));
    }

    /** The role of the named column in the table (FEATURE when absent). */
    static ColumnRole role(Table table, String name) {
        return table.find(name).map(Column::role).orElse(ColumnRole.FEATURE);
    }

    /**
     * The table with the columns {@code replaced} removed and {@code added} inserted where the
     * first replaced column was (at the end if none of them is in the table).
     */
    static Table replace(Table table, List<String> replaced, List<? extends Column> added) {
        List<Column> out = new ArrayList<>(table.columnCount() + added.size());
        boolean inserted = false;
        for (Column c : table.columns()) {
            if (replaced.contains(c.name())) {
                if (!inserted) {
                    out.addAll(added);
                    inserted = true;
                }
            } else {
                out.add(c);
            }
        }
        if (!inserted) {
            out.addAll(added);
        }
        return new Table(out);
    }
}
