package org.gyrus.preprocess.nodes;

import org.gyrus.data.Column;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.Table;
import org.gyrus.data.TableSpec;
import org.gyrus.pipeline.SpecContext;
import org.gyrus.preprocess.Splitter;

/** Finds the label or group column a split needs: the named one, else the first with the matching role. */
final class SplitKeys {

    private SplitKeys() {
    }

    /** Column names taken to name each row's subject. */
    static final java.util.List<String> SUBJECT_COLUMNS = java.util.List.of("subject", "subject_id", "participant_id");

    static Splitter.Keys of(Table table, Splitter.Mode mode, String label, String group) {
        if (mode != Splitter.Mode.GROUPED) {
            refuseSplittingSubjects(table, mode);
        }
        return switch (mode) {
            case RANDOM -> null;
            case STRATIFIED -> Splitter.Keys.of(table, pick(table, label, ColumnRole.LABEL, "label"));
            case GROUPED -> Splitter.Keys.of(table, pick(table, group, ColumnRole.GROUP, "group"));
        };
    }

    /**
     * The spec step's check of the same: reports a named column that cannot exist, or a stratified
     * or grouped split of a table that certainly has no column of the role. True when no problem.
     */
    static boolean check(SpecContext c, TableSpec t, Splitter.Mode mode, String label, String group) {
        return switch (mode) {
            case RANDOM -> true;
            case STRATIFIED -> check(c, t, label, ColumnRole.LABEL, "label", "labelColumn");
            case GROUPED -> check(c, t, group, ColumnRole.GROUP, "group", "groupColumn");
        };
    }

    private static boolean check(SpecContext c, TableSpec t, String named, ColumnRole role, String what, String field) {
        if (named != null && !named.isBlank()) {
            return SpecSupport.check(c, t, named, "parameters." + field, what + " column");
        }
        if (t.complete() && t.columnsWithRole(role).isEmpty()) {
            c.problem("parameters." + field, "a " + what + "-wise split needs a " + what + " column: name one, or give a column "
                    + "the role " + role + ". The columns are " + t.describe());
            return false;
        }
        return true;
    }

    private static String pick(Table table, String named, ColumnRole role, String what) {
        if (named != null && !named.isBlank()) {
            return table.column(named.trim()).name();
        }
        return table.columnsWithRole(role).stream().findFirst().map(Column::name)
                .orElseThrow(() -> new IllegalArgumentException("A " + what + "-wise split needs a " + what
                        + " column: name one, or give a column the role " + role + ". The columns are " + table.columnNames()));
    }

    /**
     * A split by row of a table whose subject column names a subject twice would put some of that
     * subject's rows in training and others in test: a leak, refused.
     *
     * @throws IllegalArgumentException naming the column and a repeated subject
     */
    private static void refuseSplittingSubjects(Table table, Splitter.Mode mode) {
        for (String name : SUBJECT_COLUMNS) {
            java.util.Optional<Column> c = table.find(name);
            if (c.isEmpty()) {
                continue;
            }
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < c.get().size(); i++) {
                String v = c.get().format(i);
                if (v != null && !seen.add(v)) {
                    throw new IllegalArgumentException("Subject '" + v + "' has several rows (column '" + name + "'): a " + mode.name()
                            .toLowerCase(java.util.Locale.ROOT) + " split by row would put some of them in training and others in test "
                            + "(a leak). Use mode 'grouped' with group column '" + name + "'");
                }
            }
        }
    }
}
