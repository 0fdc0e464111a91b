package org.gyrus.preprocess.nodes;

import org.gyrus.data.Column;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.Table;
import org.gyrus.preprocess.Splitter;

/** Finds the label or group column a split needs: the named one, else the first with the matching role. */
final class SplitKeys {

    private SplitKeys() {
    }

    static Splitter.Keys of(Table table, Splitter.Mode mode, String label, String group) {
        return switch (mode) {
            case RANDOM -> null;
            case STRATIFIED -> Splitter.Keys.of(table, pick(table, label, ColumnRole.LABEL, "label"));
            case GROUPED -> Splitter.Keys.of(table, pick(table, group, ColumnRole.GROUP, "group"));
        };
    }

    private static String pick(Table table, String named, ColumnRole role, String what) {
        if (named != null && !named.isBlank()) {
            return table.column(named.trim()).name();
        }
        return table.columnsWithRole(role).stream().findFirst().map(Column::name)
                .orElseThrow(() -> new IllegalArgumentException("A " + what + "-wise split needs a " + what
                        + " column: name one, or give a column the role " + role + ". The columns are " + table.columnNames()));
    }
}
