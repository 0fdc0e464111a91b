package org.gyrus.data;

import java.util.Objects;

/**
 * One column of a {@link TableSpec}.
 *
 * @param name the column name
 * @param kind what it holds, or {@code null} when that is known only once the data are read
 *             (a CSV column's type is inferred from its cells)
 * @param role what it means to a learner
 */
public record ColumnSpec(String name, Kind kind, ColumnRole role) {

    /** What a column holds: the three implementations of {@link Column}. */
    public enum Kind {
        /** A {@link NumericColumn}. */
        NUMERIC,
        /** A {@link CategoricalColumn}. */
        CATEGORICAL,
        /** A {@link TextColumn}. */
        TEXT;

        /** The kind of {@code column}. */
        public static Kind of(Column column) {
            if (column instanceof NumericColumn) {
                return NUMERIC;
            }
            return column instanceof CategoricalColumn ? CATEGORICAL : TEXT;
        }

        /** The name used in messages and parameters: {@code numeric}, {@code categorical}, {@code text}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Checks that name and role are given. */
    public ColumnSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
    }

    /** The spec of an existing column. */
    public static ColumnSpec of(Column column) {
        return new ColumnSpec(column.name(), Kind.of(column), column.role());
    }

    /** Whether the column certainly holds {@code k}. */
    public boolean is(Kind k) {
        return kind == k;
    }

    /** Whether the column may hold {@code k}: it does, or its kind is not known yet. */
    public boolean mayBe(Kind k) {
        return kind == null || kind == k;
    }

    /** This column with another kind. */
    public ColumnSpec withKind(Kind k) {
        return new ColumnSpec(name, k, role);
    }

    /** This column with another name. */
    public ColumnSpec withName(String n) {
        return new ColumnSpec(n, kind, role);
    }

    @Override
    public String toString() {
        return name + " (" + (kind == null ? "?" : kind.label()) + ", " + role.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
