package org.gyrus.io.table;

import java.io.IOException;

/** A CSV/TSV file that cannot be read as a table; the message names the source, the line and the column. */
public final class CsvFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long line;
    private final String column;

    /**
     * An error at {@code line} (1-based, counting physical lines) in {@code column} (its name, or
     * {@code null} when the problem is the whole row).
     */
    public CsvFormatException(String source, long line, String column, String problem) {
        super(source + ": line " + line + (column == null ? "" : ", column '" + column + "'") + ": " + problem);
        this.line = line;
        this.column = column;
    }

    /** The 1-based line. */
    public long line() {
        return line;
    }

    /** The column's name, or {@code null}. */
    public String column() {
        return column;
    }
}
