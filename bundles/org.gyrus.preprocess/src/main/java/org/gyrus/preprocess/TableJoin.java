package org.gyrus.preprocess;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.gyrus.data.CategoricalColumn;
import org.gyrus.data.Column;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;

/**
 * Joins two tables on a subject id: every row of the left table gets the columns of the right
 * table's row with the same id. The key is each table's id column ({@link ColumnRole#ID}) unless
 * named. Ids compare as text ("7" equals 7). The right table must have at most one row per id
 * (subject-level data such as demographics joined onto scans); several would silently multiply
 * rows, so they are an error naming the id.
 */
public final class TableJoin {

    /** Which rows are kept. */
    public enum How {
        /** Only left rows whose id is in the right table. */
        INNER,
        /** Every left row; right columns missing where the id is absent. */
        LEFT;

        /** Parses "inner", "left". */
        public static How parse(String s) {
            return Enums.parse(How.class, s, "join");
        }
    }

    private final How how;
    private String leftKey;
    private String rightKey;
    private String suffix = "_right";

    /** A join of the given kind. */
    public TableJoin(How how) {
        this.how = Objects.requireNonNull(how);
    }

    /** The key columns (null: each table's id column). */
    public TableJoin keys(String left, String right) {
        this.leftKey = left;
        this.rightKey = right;
        return this;
    }

    /** Appended to right column names that clash with left ones (default "_right"). */
    public TableJoin suffix(String s) {
        this.suffix = Objects.requireNonNull(s);
        return this;
    }

    /**
     * The joined table: the left columns, then the right columns without its key.
     *
     * @throws IllegalArgumentException if a key column is absent or a right id repeats
     */
    public Table apply(Table left, Table right) {
        Column lk = key(left, leftKey, "left");
        Column rk = key(right, rightKey, "right");
        Map<String, Integer> rightRow = new HashMap<>();
        for (int i = 0; i < rk.size(); i++) {
            String id = rk.format(i);
            if (id == null) {
                continue;
            }
            Integer prev = rightRow.put(id, i);
            if (prev != null) {
                throw new IllegalArgumentException("Join: id '" + id + "' appears in rows " + prev + " and " + i
                        + " of the right table's column '" + rk.name() + "'; the right table needs one row per id");
            }
        }
        List<Integer> leftRows = new ArrayList<>();
        List<Integer> matches = new ArrayList<>();
        for (int i = 0; i < lk.size(); i++) {
            String id = lk.format(i);
            Integer r = id == null ? null : rightRow.get(id);
            if (r != null || how == How.LEFT) {
                leftRows.add(i);
                matches.add(r == null ? -1 : r);
            }
        }
        int[] lr = leftRows.stream().mapToInt(Integer::intValue).toArray();
        int[] rr = matches.stream().mapToInt(Integer::intValue).toArray();
        List<Column> out = new ArrayList<>(left.selectRows(lr).columns());
        for (Column c : right.columns()) {
            if (c.name().equals(rk.name())) {
                continue;
            }
            String name = left.find(c.name()).isPresent() ? c.name() + suffix : c.name();
            out.add(gather(c, rr).withName(name));
        }
        return new Table(out);
    }

    private static Column key(Table t, String name, String side) {
        if (name != null) {
            return t.find(name).orElseThrow(() -> new IllegalArgumentException("Join: the " + side
                    + " table has no key column '" + name + "'; its columns are " + t.columnNames()));
        }
        return t.idColumn().orElseThrow(() -> new IllegalArgumentException("Join: the " + side
                + " table has no id column (role ID); name its key column. Its columns are " + t.columnNames()));
    }

    /** Column values at rows {@code rows}, missing where the row is -1. */
    static Column gather(Column c, int[] rows) {
        if (c instanceof NumericColumn n) {
            double[] v = new double[rows.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = rows[i] < 0 ? Double.NaN : n.get(rows[i]);
            }
            return NumericColumn.wrap(c.name(), c.role(), v);
        }
        if (c instanceof CategoricalColumn cat) {
            int[] codes = new int[rows.length];
            for (int i = 0; i < codes.length; i++) {
                codes[i] = rows[i] < 0 ? CategoricalColumn.MISSING : cat.code(rows[i]);
            }
            return new CategoricalColumn(c.name(), c.role(), cat.levels(), codes);
        }
        TextColumn t = (TextColumn) c;
        String[] v = new String[rows.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = rows[i] < 0 ? null : t.get(rows[i]);
        }
        return new TextColumn(c.name(), c.role(), v);
    }
}
