package org.gyrus.preprocess;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.gyrus.data.CategoricalColumn;
import org.gyrus.data.Column;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;

/**
 * Chooses columns of a table by name, by a regular expression on the name, by role and by type;
 * the criteria that are set must all hold. Selected columns keep table order (or the order of an
 * explicit name list). With {@link #exclude(boolean)} the selection is inverted.
 */
public final class ColumnSelector {

    /** The kind of data a column holds. */
    public enum Type {
        /** Numbers. */
        NUMERIC,
        /** Categories. */
        CATEGORICAL,
        /** Free text. */
        TEXT;

        static Type of(Column c) {
            if (c instanceof NumericColumn) {
                return NUMERIC;
            }
            return c instanceof CategoricalColumn ? CATEGORICAL : TEXT;
        }

        /** Parses "numeric", "categorical", "text". */
        public static Type parse(String s) {
            return Enums.parse(Type.class, s, "column type");
        }
    }

    private List<String> names;
    private Pattern pattern;
    private Set<ColumnRole> roles;
    private Set<Type> types;
    private boolean exclude;

    /** A selector that selects every column until criteria are set. */
    public ColumnSelector() {
    }

    /** Exactly these columns (each must exist), in this order. */
    public ColumnSelector names(List<String> columnNames) {
        this.names = List.copyOf(columnNames);
        return this;
    }

    /** Columns whose whole name matches the regular expression. */
    public ColumnSelector pattern(String regex) {
        try {
            this.pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("Column selection: invalid pattern '" + regex + "': " + e.getDescription());
        }
        return this;
    }

    /** Columns with one of these roles. */
    public ColumnSelector roles(Set<ColumnRole> r) {
        this.roles = r.isEmpty() ? null : EnumSet.copyOf(r);
        return this;
    }

    /** Columns of one of these types. */
    public ColumnSelector types(Set<Type> t) {
        this.types = t.isEmpty() ? null : EnumSet.copyOf(t);
        return this;
    }

    /** Whether to keep the columns that do not match instead. */
    public ColumnSelector exclude(boolean b) {
        this.exclude = b;
        return this;
    }

    /**
     * The names of the selected columns.
     *
     * @throws IllegalArgumentException if a listed name is absent or nothing is selected
     */
    public List<String> select(Table table) {
        if (names != null) {
            for (String n : names) {
                if (table.find(n).isEmpty()) {
                    throw new IllegalArgumentException("Column selection: the table has no column '" + n
                            + "'; its columns are " + table.columnNames());
                }
            }
        }
        List<String> matched = new ArrayList<>();
        List<Column> candidates = new ArrayList<>();
        if (names != null && !exclude) {
            names.forEach(n -> candidates.add(table.column(n)));
        } else {
            candidates.addAll(table.columns());
        }
        for (Column c : candidates) {
            boolean m = (names == null || names.contains(c.name()))
                    && (pattern == null || pattern.matcher(c.name()).matches())
                    && (roles == null || roles.contains(c.role()))
                    && (types == null || types.contains(Type.of(c)));
            if (m != exclude) {
                matched.add(c.name());
            }
        }
        if (matched.isEmpty()) {
            throw new IllegalArgumentException("Column selection " + describe() + " selects no column of " + table.columnNames());
        }
        return matched;
    }

    /** The table with only the selected columns. */
    public Table apply(Table table) {
        return table.select(select(table));
    }

    private String describe() {
        List<String> parts = new ArrayList<>();
        if (names != null) {
            parts.add("names " + names);
        }
        if (pattern != null) {
            parts.add("pattern '" + pattern.pattern() + "'");
        }
        if (roles != null) {
            parts.add("roles " + roles.toString().toLowerCase(Locale.ROOT));
        }
        if (types != null) {
            parts.add("types " + types.toString().toLowerCase(Locale.ROOT));
        }
        return (exclude ? "excluding " : "") + (parts.isEmpty() ? "(everything)" : String.join(", ", parts));
    }
}
