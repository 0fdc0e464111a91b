package org.gyrus.data;

/**
 * One named column of a {@link Table}. Columns are immutable; every "with" method returns a new
 * column.
 */
public sealed interface Column permits NumericColumn, CategoricalColumn, TextColumn {

    /** The column's name, unique within its table. */
    String name();

    /** The column's role. */
    ColumnRole role();

    /** The number of rows. */
    int size();

    /** Whether the cell in {@code row} is missing. */
    boolean isMissing(int row);

    /** The number of missing cells. */
    default int missingCount() {
        int n = 0;
        for (int i = 0; i < size(); i++) {
            if (isMissing(i)) {
                n++;
            }
        }
        return n;
    }

    /** The cell as text, {@code null} when missing. */
    String format(int row);

    /** This column with another role. */
    Column withRole(ColumnRole role);

    /** This column under another name. */
    Column withName(String name);

    /** The rows at {@code rows}, in that order (rows may repeat). */
    Column select(int[] rows);
}
