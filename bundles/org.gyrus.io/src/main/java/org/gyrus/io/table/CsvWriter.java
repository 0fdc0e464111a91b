package org.gyrus.io.table;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.gyrus.data.AtomicFile;
import org.gyrus.data.Column;
import org.gyrus.data.Table;

/**
 * Writes a {@link Table} as CSV or TSV (UTF-8, no byte-order mark, LF line ends), quoting a field
 * only when it must be: when it holds the delimiter, a quote, a line break, surrounding spaces, or
 * text that would otherwise read back as missing or differently. Missing cells are empty. Numbers
 * are written in the shortest form that reads back to the same double. The file is replaced
 * atomically.
 */
public final class CsvWriter {

    private final char delimiter;

    private CsvWriter(char delimiter) {
        this.delimiter = delimiter;
    }

    /** A comma-separated writer. */
    public static CsvWriter csv() {
        return new CsvWriter(',');
    }

    /** A tab-separated writer. */
    public static CsvWriter tsv() {
        return new CsvWriter('\t');
    }

    /** A writer for {@code file}: tab-separated for {@code .tsv}/{@code .tab}, else comma-separated. */
    public static CsvWriter forFile(Path file) {
        String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".tsv") || n.endsWith(".tab") ? tsv() : csv();
    }

    /** Writes {@code table} to {@code file}. */
    public void write(Table table, Path file) throws IOException {
        AtomicFile.write(file, out -> write(table, out));
    }

    /** Writes {@code table} to {@code out} (not closed). */
    public void write(Table table, OutputStream out) throws IOException {
        List<Column> cols = table.columns();
        StringBuilder sb = new StringBuilder(1 << 16);
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
                    field(sb, v, !(c instanceof org.gyrus.data.NumericColumn));
                }
            }
            sb.append('\n');
            if (sb.length() > (1 << 16)) {
                out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                sb.setLength(0);
            }
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void field(StringBuilder sb, String v, boolean text) {
        boolean quote = v.isEmpty() || v.indexOf(delimiter) >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0
                || !v.strip().equals(v) || (text && CsvReader.DEFAULT_MISSING.contains(v));
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
