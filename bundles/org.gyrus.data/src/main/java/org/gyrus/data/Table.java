package org.gyrus.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A columnar table: rows are subjects or samples, columns are numeric, categorical or text and
 * each has a {@link ColumnRole}. Immutable; operations return new tables that share column data.
 */
public final class Table {

    private final List<Column> columns;
    private final Map<String, Column> byName;
    private final int rowCount;
    private final List<FittedBy> fittedBy;

    /** A table of the given columns, which must have distinct names and equal lengths. */
    public Table(List<? extends Column> columns) {
        this(columns, List.of());
    }

    private Table(List<? extends Column> columns, List<FittedBy> fittedBy) {
        this.fittedBy = List.copyOf(fittedBy);
        this.columns = List.copyOf(columns);
        this.byName = new LinkedHashMap<>();
        int rows = this.columns.isEmpty() ? 0 : this.columns.get(0).size();
        for (Column c : this.columns) {
            if (byName.put(c.name(), c) != null) {
                throw new IllegalArgumentException("Two columns are named '" + c.name() + "'");
            }
            if (c.size() != rows) {
                throw new IllegalArgumentException("Column '" + c.name() + "' has " + c.size()
                        + " rows but column '" + this.columns.get(0).name() + "' has " + rows);
            }
        }
        this.rowCount = rows;
    }

    /** A table of the given columns. */
    public static Table of(Column... columns) {
        return new Table(List.of(columns));
    }

    /** The number of rows. */
    public int rowCount() {
        return rowCount;
    }

    /** The number of columns. */
    public int columnCount() {
        return columns.size();
    }

    /** All columns in order. */
    public List<Column> columns() {
        return columns;
    }

    /** The column names in order. */
    public List<String> columnNames() {
        List<String> names = new ArrayList<>(columns.size());
        for (Column c : columns) {
            names.add(c.name());
        }
        return Collections.unmodifiableList(names);
    }

    /** The column named {@code name}, if there is one. */
    public Optional<Column> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The column named {@code name}.
     *
     * @throws IllegalArgumentException naming the column and the ones that exist, if it is absent
     */
    public Column column(String name) {
        Column c = byName.get(name);
        if (c == null) {
            throw new IllegalArgumentException("The table has no column '" + name + "'; its columns are " + byName.keySet());
        }
        return c;
    }

    /** The numeric column named {@code name}; an error names it if it is absent or not numeric. */
    public NumericColumn numeric(String name) {
        Column c = column(name);
        if (c instanceof NumericColumn n) {
            return n;
        }
        throw new IllegalArgumentException("Column '" + name + "' is " + kind(c) + ", not numeric");
    }

    /** The categorical column named {@code name}; an error names it if it is absent or not categorical. */
    public CategoricalColumn categorical(String name) {
        Column c = column(name);
        if (c instanceof CategoricalColumn n) {
            return n;
        }
        throw new IllegalArgumentException("Column '" + name + "' is " + kind(c) + ", not categorical");
    }

    /** The columns that satisfy {@code filter}, in order. */
    public List<Column> columns(Predicate<? super Column> filter) {
        return columns.stream().filter(filter).map(c -> (Column) c).toList();
    }

    /** The columns with the given role, in order. */
    public List<Column> columnsWithRole(ColumnRole role) {
        return columns(c -> c.role() == role);
    }

    /** The first column with role {@link ColumnRole#ID}, if any. */
    public Optional<Column> idColumn() {
        return columns.stream().filter(c -> c.role() == ColumnRole.ID).findFirst();
    }

    /**
     * The fitted models whose statistics shaped this table's values, with the rows each was fitted
     * on (empty for a table read from a file or built directly). Kept by the operations of this
     * class (select, selectRows, with, without, withRole) and by the pipeline's cache.
     */
    public List<FittedBy> fittedBy() {
        return fittedBy;
    }

    /** This table, noting that {@code f}'s fitted model shaped its values. */
    public Table withFittedBy(FittedBy f) {
        List<FittedBy> out = new ArrayList<>(fittedBy);
        out.add(f);
        return new Table(columns, out);
    }

    /** This table with only the named columns, in the given order. */
    public Table select(List<String> names) {
        List<Column> out = new ArrayList<>(names.size());
        for (String n : names) {
            out.add(column(n));
        }
        return new Table(out, fittedBy);
    }

    /** This table with only the rows at {@code rows}, in that order. */
    public Table selectRows(int[] rows) {
        for (int r : rows) {
            if (r < 0 || r >= rowCount) {
                throw new IndexOutOfBoundsException("Row " + r + " is outside the table's " + rowCount + " rows");
            }
        }
        List<Column> out = new ArrayList<>(columns.size());
        for (Column c : columns) {
            out.add(c.select(rows));
        }
        return new Table(out, fittedBy);
    }

    /** This table with {@code column} added at the end, or replacing the column of the same name in place. */
    public Table with(Column column) {
        List<Column> out = new ArrayList<>(columns);
        int i = columnNames().indexOf(column.name());
        if (i >= 0) {
            out.set(i, column);
        } else {
            out.add(column);
        }
        return new Table(out, fittedBy);
    }

    /** This table without the named columns (names that are absent are ignored). */
    public Table without(List<String> names) {
        return new Table(columns(c -> !names.contains(c.name())), fittedBy);
    }

    /** This table with the named column given another role. */
    public Table withRole(String name, ColumnRole role) {
        return with(column(name).withRole(role));
    }

    /** The number of missing cells in the whole table. */
    public long missingCount() {
        long n = 0;
        for (Column c : columns) {
            n += c.missingCount();
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Table t && t.columns.equals(columns);
    }

    @Override
    public int hashCode() {
        return columns.hashCode();
    }

    @Override
    public String toString() {
        return "Table[" + rowCount + " rows × " + columns.size() + " columns " + columnNames() + "]";
    }

    static String kind(Column c) {
        if (c instanceof NumericColumn) {
            return "numeric";
        }
        return c instanceof CategoricalColumn ? "categorical" : "text";
    }

    static String checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("A column needs a non-empty name");
        }
        return name;
    }
}
