package org.gyrus.preprocess;

import org.gyrus.data.Table;

/** The penguins test table for tests in other packages. */
public final class PenguinsAccess {

    private PenguinsAccess() {
    }

    /** The penguins table. */
    public static Table table() {
        return Penguins.table();
    }
}
