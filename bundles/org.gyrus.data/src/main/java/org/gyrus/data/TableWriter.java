package org.gyrus.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes a {@link Table} or a {@link FeatureMatrix} as CSV or TSV (UTF-8, no byte-order mark, LF
 * line ends): the one writer of delimited text in Gyrus, so that every table file follows one
 * quoting rule and nothing is lost. A field is quoted (RFC 4180: {@code "..."}, an inner quote
 * doubled) only when it must be: when it holds the delimiter, a quote, a line break, surrounding
 * spaces, or is empty text or text that a reader would take for a missing value
 * ({@link #READ_AS_MISSING}). Missing cells are empty. Numbers are written in the shortest form
 * that reads back to the same value. Files are replaced atomically ({@link AtomicFile}).
 */
public final class TableWriter {

    /** Cell texts that table readers take for a missing value by default; the writer quotes such text. */
    public static final List<String> READ_AS_MISSING = List.of("NA", "N/A", "n/a", "NaN", "nan", "null");

    private static final int FLUSH_AT = 1 << 16;

    private final char delimiter;

    private TableWriter(char delimiter) {
        this.delimiter = delimiter;
    }

    /** A comma-separated writer. */
    public static TableWriter csv() {
        return new TableWriter(',');
    }

    /** A tab-separated writer. */
    public static TableWriter tsv() {
        return new TableWriter('\t');
    }

    /** A writer for {@code file}: tab-separated for {@code .tsv}/{@code .tab}, else comma-separated. */
    public static TableWriter forFile(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".tsv") || n.endsWith(".tab") ? tsv() : csv();
    }

    /** Writes {@code table} to {@code file}, atomically. */
    public void write(Table table, Path file) throws IOException {
        AtomicFile.write(file, out -> write(table, out));
    }

    /** Writes {@code matrix} to {@code file}, atomically: an {@code id} column, then one column per feature. */
    public void write(FeatureMatrix matrix, Path file) throws IOException {
        AtomicFile.write(file, out -> write(matrix, out));
    }

    /** Writes {@code table} to {@code out} (not closed). */
    public void write(Table table, OutputStream out) throws IOException {
        List<Column> cols = table.columns();
        StringBuilder sb = new StringBuilder(FLUSH_AT + 1024);
        for (int j = 0; j < cols.size(); j++) {
            if (j > 0) {
                sb.append(delimiter);
            }
            field(sb, cols.get(j).name(), false);
        }
        sb.append('\n');
        for (int r = 0; r < table.rowCount(); r++) {
            for (int j = 0; j < cols.size(); j++) {
                if (j > 0) {
                    sb.append(delimiter);
                }
                Column c = cols.get(j);
                String v = c.format(r);
                if (v != null) {
                    field(sb, v, !(c instanceof NumericColumn));
                }
            }
            sb.append('\n');
            flushIfFull(sb, out);
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code matrix} to {@code out} (not closed). */
    public void write(FeatureMatrix m, OutputStream out) throws IOException {
        StringBuilder sb = new StringBuilder(FLUSH_AT + 1024);
        sb.append("id");
        for (String f : m.featureNames()) {
            sb.append(delimiter);
            field(sb, f, false);
        }
        sb.append('\n');
        for (int r = 0; r < m.rows(); r++) {
            field(sb, m.rowIds().get(r), true);
            for (int c = 0; c < m.cols(); c++) {
                sb.append(delimiter);
                float x = m.get(r, c);
                if (!Float.isNaN(x)) {
                    sb.append(x);
                }
            }
            sb.append('\n');
            flushIfFull(sb, out);
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void flushIfFull(StringBuilder sb, OutputStream out) throws IOException {
        if (sb.length() > FLUSH_AT) {
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            sb.setLength(0);
        }
    }

    /** Appends {@code v}, quoted if it must be; {@code text} cells are also quoted when they would read back as missing. */
    private void field(StringBuilder sb, String v, boolean text) {
        boolean quote = v.isEmpty() || v.indexOf(delimiter) >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0
                || !v.strip().equals(v) || (text && READ_AS_MISSING.contains(v));
        if (!quote) {
            sb.append(v);
            return;
        }
        sb.append('"');
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (ch == '"') {
                sb.append('"');
            }
            sb.append(ch);
        }
        sb.append('"');
    }
}
