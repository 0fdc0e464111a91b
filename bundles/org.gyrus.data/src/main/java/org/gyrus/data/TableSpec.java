package org.gyrus.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The columns of a table that will arrive, as far as they can be known before the data exist.
 *
 * <p>Two kinds of uncertainty are expressed, both on the safe side, so that a check against a
 * spec never reports a problem the data would not have:
 * <ul>
 * <li>a listed column may be missing from the data when a node drops it for a reason found only
 *     in the data (an imputer drops a column without any observed value, a variance threshold a
 *     constant one): the list holds every column that <em>can</em> arrive;</li>
 * <li>when {@link #complete()} is false, further columns whose names are known only at run time
 *     can arrive (a one-hot encoder's columns are named after the categories it finds).</li>
 * </ul>
 * So a column that is not listed in a complete spec certainly does not arrive.
 *
 * @param columns  the columns that can arrive, in table order
 * @param complete whether no column other than those listed can arrive
 */
public record TableSpec(List<ColumnSpec> columns, boolean complete) implements DataSpec {

    /** Copies the list and checks that names are unique. */
    public TableSpec {
        columns = List.copyOf(columns);
        Set<String> seen = new HashSet<>();
        for (ColumnSpec c : columns) {
            if (!seen.add(c.name())) {
                throw new IllegalArgumentException("Two columns are named '" + c.name() + "'");
            }
        }
    }

    /** A complete spec of exactly these columns. */
    public static TableSpec of(ColumnSpec... columns) {
        return new TableSpec(List.of(columns), true);
    }

    /** The exact spec of an existing table. */
    public static TableSpec of(Table table) {
        return new TableSpec(table.columns().stream().map(ColumnSpec::of).toList(), true);
    }

    /** The names of the listed columns, in order. */
    public List<String> columnNames() {
        return columns.stream().map(ColumnSpec::name).toList();
    }

    /** The listed column {@code name}, if any. */
    public Optional<ColumnSpec> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Whether a column named {@code name} can arrive: it is listed, or the spec is not complete. */
    public boolean mayHave(String name) {
        return !complete || column(name).isPresent();
    }

    /** The listed columns that satisfy {@code filter}. */
    public List<ColumnSpec> columns(Predicate<? super ColumnSpec> filter) {
        return columns.stream().filter(filter).toList();
    }

    /** The listed columns with role {@code role}. */
    public List<ColumnSpec> columnsWithRole(ColumnRole role) {
        return columns(c -> c.role() == role);
    }

    /** This spec with {@code column} replacing the listed column of its name, or appended. */
    public TableSpec with(ColumnSpec column) {
        Map<String, ColumnSpec> m = byName();
        m.put(column.name(), column);
        return new TableSpec(new ArrayList<>(m.values()), complete);
    }

    /** This spec without the listed columns named in {@code names}. */
    public TableSpec without(Collection<String> names) {
        Set<String> drop = new HashSet<>(names);
        return new TableSpec(columns(c -> !drop.contains(c.name())), complete);
    }

    /** This spec, saying that unlisted columns can also arrive. */
    public TableSpec incomplete() {
        return new TableSpec(columns, false);
    }

    /** A short description for messages: the column names, and "..." when incomplete. */
    public String describe() {
        List<String> names = columnNames();
        String shown = names.size() <= 20 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 20)) + ", … (" + names.size() + " columns)";
        return "[" + shown + (complete ? "" : (names.isEmpty() ? "" : ", ") + "and columns named at run time") + "]";
    }

    private Map<String, ColumnSpec> byName() {
        Map<String, ColumnSpec> m = new LinkedHashMap<>();
        columns.forEach(c -> m.put(c.name(), c));
        return m;
    }
}
