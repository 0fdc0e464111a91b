package org.gyrus.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A column of categories stored as codes into a dictionary of levels. The code {@link #MISSING}
 * marks a missing cell. Levels keep the order they were given in (the order of first appearance
 * when built from strings); encoders that need sorted categories sort them themselves.
 */
public final class CategoricalColumn implements Column {

    /** The code of a missing cell. */
    public static final int MISSING = -1;

    private final String name;
    private final ColumnRole role;
    private final List<String> levels;
    private final int[] codes;

    /**
     * A column of the given levels and codes (copied). Every code must be {@link #MISSING} or an
     * index into {@code levels}; levels must be distinct and non-null.
     */
    public CategoricalColumn(String name, ColumnRole role, List<String> levels, int[] codes) {
        this.name = Table.checkName(name);
        this.role = Objects.requireNonNull(role, "role");
        this.levels = List.copyOf(levels);
        if (new java.util.HashSet<>(this.levels).size() != this.levels.size()) {
            throw new IllegalArgumentException("Column '" + name + "': categories must be distinct: " + levels);
        }
        this.codes = codes.clone();
        for (int i = 0; i < this.codes.length; i++) {
            int c = this.codes[i];
            if (c != MISSING && (c < 0 || c >= this.levels.size())) {
                throw new IllegalArgumentException("Column '" + name + "', row " + i + ": code " + c
                        + " is not a category (there are " + this.levels.size() + ")");
            }
        }
    }

    /** A feature column from strings; {@code null} cells are missing. */
    public static CategoricalColumn of(String name, String... values) {
        return of(name, ColumnRole.FEATURE, values);
    }

    /** A column from strings with the given role; {@code null} cells are missing. */
    public static CategoricalColumn of(String name, ColumnRole role, String... values) {
        Map<String, Integer> index = new HashMap<>();
        List<String> levels = new java.util.ArrayList<>();
        int[] codes = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            String v = values[i];
            if (v == null) {
                codes[i] = MISSING;
            } else {
                codes[i] = index.computeIfAbsent(v, k -> {
                    levels.add(k);
                    return levels.size() - 1;
                });
            }
        }
        return new CategoricalColumn(name, role, levels, codes);
    }

    @Override public String name() { return name; }
    @Override public ColumnRole role() { return role; }
    @Override public int size() { return codes.length; }
    @Override public boolean isMissing(int row) { return codes[row] == MISSING; }

    /** The dictionary: the category of code {@code i} is {@code levels().get(i)}. */
    public List<String> levels() {
        return levels;
    }

    /** The code in {@code row}, {@link #MISSING} when missing. */
    public int code(int row) {
        return codes[row];
    }

    /** A copy of all codes. */
    public int[] codes() {
        return codes.clone();
    }

    /** The category in {@code row}, {@code null} when missing. */
    public String get(int row) {
        int c = codes[row];
        return c == MISSING ? null : levels.get(c);
    }

    @Override public String format(int row) { return get(row); }
    @Override public CategoricalColumn withRole(ColumnRole r) { return new CategoricalColumn(name, r, levels, codes); }
    @Override public CategoricalColumn withName(String n) { return new CategoricalColumn(n, role, levels, codes); }

    @Override
    public CategoricalColumn select(int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = codes[rows[i]];
        }
        return new CategoricalColumn(name, role, levels, out);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CategoricalColumn c) || !c.name.equals(name) || c.role != role || c.size() != size()) {
            return false;
        }
        for (int i = 0; i < codes.length; i++) {
            if (!Objects.equals(get(i), c.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, role, codes.length);
    }

    @Override
    public String toString() {
        return "CategoricalColumn[" + name + ", " + role + ", " + codes.length + " rows, levels " + levels + "]";
    }
}
