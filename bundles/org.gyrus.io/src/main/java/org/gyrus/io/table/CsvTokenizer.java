package org.gyrus.io.table;

/**
 * Splits RFC 4180 records out of UTF-8 bytes: fields separated by a delimiter, records by LF or
 * CRLF, fields in double quotes may hold delimiters, line breaks and doubled quotes. The bytes are
 * never modified, so the same input can be tokenized twice; a quoted field with doubled quotes is
 * unescaped into a scratch buffer only when its value is asked for.
 */
final class CsvTokenizer {

    private final byte[] b;
    private final int n;
    private final byte delimiter;
    private final String source;
    private int pos;
    private long line = 1;
    private long recordLine;

    /** Whether some field started with a quote (so splitting the input at line breaks would not be safe). */
    boolean sawQuote;

    int count;
    int[] starts = new int[64];
    int[] ends = new int[64];
    boolean[] quoted = new boolean[64];
    boolean[] escaped = new boolean[64];
    private byte[] scratch = new byte[256];
    private java.util.List<String> names = java.util.List.of();

    CsvTokenizer(byte[] bytes, int start, int length, byte delimiter, String source) {
        this.b = bytes;
        this.pos = start;
        this.n = length;
        this.delimiter = delimiter;
        this.source = source;
    }

    /** The column names, once known, so errors can name the column rather than its number. */
    void names(java.util.List<String> columnNames) {
        this.names = columnNames;
    }

    private String column(int i) {
        return i < names.size() ? names.get(i) : null;
    }

    /** Where the next record starts. */
    int position() {
        return pos;
    }

    /** The line the current record starts on (1-based). */
    long recordLine() {
        return recordLine;
    }

    /** Reads the next non-blank record into {@link #count}, {@link #starts}, {@link #ends}; false at the end. */
    boolean next() throws CsvFormatException {
        while (pos < n) {
            recordLine = line;
            count = 0;
            while (true) {
                if (count == starts.length) {
                    grow();
                }
                int fieldLine = (int) Math.min(Integer.MAX_VALUE, line);
                if (pos < n && b[pos] == '"') {
                    sawQuote = true;
                    int start = ++pos;
                    boolean esc = false;
                    while (true) {
                        if (pos >= n) {
                            throw new CsvFormatException(source, fieldLine, column(count), "the quoted field (field " + (count + 1)
                                    + ") that starts here is never closed (unterminated quote)");
                        }
                        byte c = b[pos];
                        if (c == '"') {
                            if (pos + 1 < n && b[pos + 1] == '"') {
                                esc = true;
                                pos += 2;
                                continue;
                            }
                            break;
                        }
                        if (c == '\n') {
                            line++;
                        }
                        pos++;
                    }
                    starts[count] = start;
                    ends[count] = pos;
                    quoted[count] = true;
                    escaped[count] = esc;
                    pos++;
                    if (pos < n && b[pos] != delimiter && b[pos] != '\n' && b[pos] != '\r') {
                        throw new CsvFormatException(source, line, column(count), "text after the closing quote of field " + (count + 1)
                                + " (a quote inside a quoted field must be doubled)");
                    }
                } else {
                    int start = pos;
                    while (pos < n) {
                        byte c = b[pos];
                        if (c == delimiter || c == '\n' || c == '\r') {
                            break;
                        }
                        pos++;
                    }
                    starts[count] = start;
                    ends[count] = pos;
                    quoted[count] = false;
                    escaped[count] = false;
                }
                count++;
                if (pos < n && b[pos] == delimiter) {
                    pos++;
                    continue;
                }
                if (pos < n && b[pos] == '\r') {
                    pos++;
                }
                if (pos < n && b[pos] == '\n') {
                    pos++;
                }
                line++;
                break;
            }
            if (count == 1 && !quoted[0] && starts[0] == ends[0]) {
                continue; // a blank line
            }
            return true;
        }
        return false;
    }

    /** The bytes holding field {@code i}'s value: the input itself, or the scratch buffer when unescaped. */
    byte[] bytes(int i) {
        if (!escaped[i]) {
            return b;
        }
        int len = 0;
        if (scratch.length < ends[i] - starts[i]) {
            scratch = new byte[ends[i] - starts[i]];
        }
        for (int p = starts[i]; p < ends[i]; p++) {
            scratch[len++] = b[p];
            if (b[p] == '"') {
                p++; // skip the second quote of a doubled pair
            }
        }
        scratchEnd = len;
        return scratch;
    }

    private int scratchEnd;

    /** The start of field {@code i} in {@link #bytes(int)} (call that first). */
    int start(int i) {
        return escaped[i] ? 0 : starts[i];
    }

    /** The end of field {@code i} in {@link #bytes(int)} (call that first). */
    int end(int i) {
        return escaped[i] ? scratchEnd : ends[i];
    }

    /** Field {@code i} as a string. */
    String string(int i) {
        byte[] buf = bytes(i);
        return new String(buf, start(i), end(i) - start(i), java.nio.charset.StandardCharsets.UTF_8);
    }

    private void grow() {
        int m = starts.length * 2;
        starts = java.util.Arrays.copyOf(starts, m);
        ends = java.util.Arrays.copyOf(ends, m);
        quoted = java.util.Arrays.copyOf(quoted, m);
        escaped = java.util.Arrays.copyOf(escaped, m);
    }
}
