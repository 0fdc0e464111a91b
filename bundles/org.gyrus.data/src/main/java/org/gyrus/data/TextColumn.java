package org.gyrus.data;

import java.util.Arrays;
import java.util.Objects;

/** A column of free text (file paths, comments); {@code null} is missing. */
public final class TextColumn implements Column {

    private final String name;
    private final ColumnRole role;
    private final String[] values;

    /** A feature column holding a copy of {@code values}. */
    public TextColumn(String name, String... values) {
        this(name, ColumnRole.FEATURE, values);
    }

    /** A column with the given role holding a copy of {@code values}. */
    public TextColumn(String name, ColumnRole role, String... values) {
        this.name = Table.checkName(name);
        this.role = Objects.requireNonNull(role, "role");
        this.values = values.clone();
    }

    @Override public String name() { return name; }
    @Override public ColumnRole role() { return role; }
    @Override public int size() { return values.length; }
    @Override public boolean isMissing(int row) { return values[row] == null; }

    /** The text in {@code row}, {@code null} when missing. */
    public String get(int row) {
        return values[row];
    }

    @Override public String format(int row) { return values[row]; }
    @Override public TextColumn withRole(ColumnRole r) { return new TextColumn(name, r, values); }
    @Override public TextColumn withName(String n) { return new TextColumn(n, role, values); }

    @Override
    public TextColumn select(int[] rows) {
        String[] out = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return new TextColumn(name, role, out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TextColumn c && c.name.equals(name) && c.role == role && Arrays.equals(c.values, values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, role, Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "TextColumn[" + name + ", " + role + ", " + values.length + " rows]";
    }
}
