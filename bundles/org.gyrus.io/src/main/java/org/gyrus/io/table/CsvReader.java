package org.gyrus.io.table;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.gyrus.data.CategoricalColumn;
import org.gyrus.data.Column;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.gyrus.io.InputFile;
import org.gyrus.nn.linalg.Parallel;

/**
 * Reads CSV and TSV files (RFC 4180 quoting; UTF-8 with or without a byte-order mark, or the
 * {@link #encoding} given; bytes that are not valid in it are refused with their line and column) into a
 * {@link Table}. The first record names the columns. Each column's type is inferred — numeric
 * when every present cell is a number; categorical when it has at most {@link #maxCategories}
 * distinct values and some value repeats; text otherwise — unless set with {@link #type}. Roles
 * default to {@link ColumnRole#FEATURE}.
 *
 * <p>A cell is missing when it is empty or, unquoted, equals a missing token (by default
 * {@code NA}, {@code N/A}, {@code n/a}, {@code NaN}, {@code nan}, {@code null}); a quoted cell is
 * taken literally. Instances are immutable; each setting returns a new reader.
 */
public final class CsvReader {

    /** The default missing tokens (besides the empty cell). */
    public static final List<String> DEFAULT_MISSING = org.gyrus.data.TableWriter.READ_AS_MISSING;

    private final byte delimiter;
    private final List<String> missing;
    private final Map<String, ColumnType> types;
    private final Map<String, ColumnRole> roles;
    private final int maxCategories;
    private final Charset encoding;

    private CsvReader(byte delimiter, List<String> missing, Map<String, ColumnType> types, Map<String, ColumnRole> roles, int maxCategories,
            Charset encoding) {
        this.delimiter = delimiter;
        this.missing = missing;
        this.types = types;
        this.roles = roles;
        this.maxCategories = maxCategories;
        this.encoding = encoding;
    }

    /** A comma-separated reader. */
    public static CsvReader csv() {
        return new CsvReader((byte) ',', DEFAULT_MISSING, Map.of(), Map.of(), 100, StandardCharsets.UTF_8);
    }

    /** A tab-separated reader. */
    public static CsvReader tsv() {
        return csv().delimiter('\t');
    }

    /** A reader for {@code file}: tab-separated for {@code .tsv}/{@code .tab}, else comma-separated. */
    public static CsvReader forFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".tsv") || name.endsWith(".tab") ? tsv() : csv();
    }

    /** This reader with another single-byte delimiter (such as {@code ';'}). */
    public CsvReader delimiter(char d) {
        if (d > 127 || d == '"' || d == '\n' || d == '\r') {
            throw new IllegalArgumentException("Cannot use " + (int) d + " as a delimiter");
        }
        return new CsvReader((byte) d, missing, types, roles, maxCategories, encoding);
    }

    /** This reader with these missing tokens instead of the defaults (the empty cell is always missing). */
    public CsvReader missingTokens(List<String> tokens) {
        return new CsvReader(delimiter, List.copyOf(tokens), types, roles, maxCategories, encoding);
    }

    /** This reader making column {@code name} of the given type. */
    public CsvReader type(String name, ColumnType type) {
        Map<String, ColumnType> m = new HashMap<>(types);
        m.put(name, type);
        return new CsvReader(delimiter, missing, Map.copyOf(m), roles, maxCategories, encoding);
    }

    /** This reader giving column {@code name} the given role. */
    public CsvReader role(String name, ColumnRole role) {
        Map<String, ColumnRole> m = new HashMap<>(roles);
        m.put(name, role);
        return new CsvReader(delimiter, missing, types, Map.copyOf(m), maxCategories, encoding);
    }

    /** This reader inferring categorical columns up to {@code n} distinct values (default 100). */
    public CsvReader maxCategories(int n) {
        return new CsvReader(delimiter, missing, types, roles, n, encoding);
    }

    /**
     * This reader decoding files in {@code charset} (UTF-8 by default, strictly: a byte sequence
     * that is not UTF-8 is refused with its line and column, never replaced by U+FFFD). Latin-1
     * and Windows-1252 are the usual alternatives for tables exported by older software.
     */
    public CsvReader encoding(Charset charset) {
        return new CsvReader(delimiter, missing, types, roles, maxCategories, charset);
    }

    /** Reads {@code file}. */
    public Table read(Path file) throws IOException {
        InputFile.check(file);
        long size = Files.size(file);
        if (size > Integer.MAX_VALUE - 16) {
            throw new CsvFormatException(file.toString(), 1, null, "the file has " + size + " bytes; tables over 2 GiB are not supported");
        }
        return parse(Files.readAllBytes(file), file.toString(), PARALLEL_MIN, PART_BYTES_PER_COLUMN);
    }

    /**
     * Reads a table from the bytes of a file in this reader's encoding; tests and the fuzz target
     * lower {@code parallelMin} and {@code partBytesPerColumn} to take the parallel path on small inputs.
     */
    Table read(byte[] bytes, String source, int parallelMin, int partBytesPerColumn) throws CsvFormatException {
        return parse(bytes, source, parallelMin, partBytesPerColumn);
    }

    /** Reads a table from text (for small inputs and tests); {@code source} names it in messages. */
    public Table read(String text, String source) throws CsvFormatException {
        return encoding(StandardCharsets.UTF_8).parse(text.getBytes(StandardCharsets.UTF_8), source, PARALLEL_MIN, PART_BYTES_PER_COLUMN);
    }

    /** What pass 1 learns about one column. */
    private static final class ColumnState {
        final String name;
        final ColumnType forced;
        final ByteDictionary dictionary;
        boolean numeric = true;
        long firstBadLine;
        String firstBad;
        int present;
        double[] values;
        int[] codes;

        /** {@code capacity}: the rows expected at first, so that many columns and few rows cost little. */
        ColumnState(String name, ColumnType forced, int maxCategories, int capacity) {
            this.name = name;
            this.forced = forced;
            this.dictionary = new ByteDictionary(maxCategories);
            this.values = new double[capacity];
            this.codes = new int[capacity];
        }
    }

    private Table parse(byte[] raw, String source, int parallelMin, int partBytesPerColumn) throws CsvFormatException {
        byte[] bytes = TextEncoding.toUtf8(raw, encoding, delimiter, source);
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf ? 3 : 0;
        CsvTokenizer t = new CsvTokenizer(bytes, start, bytes.length, delimiter, source);
        if (!t.next()) {
            throw new CsvFormatException(source, 1, null, "the file is empty; the first line must name the columns");
        }
        int cols = t.count;
        List<String> names = new ArrayList<>(cols);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < cols; i++) {
            String name = t.string(i).strip();
            if (name.isEmpty()) {
                name = "column_" + (i + 1);
            }
            if (!seen.add(name)) {
                throw new CsvFormatException(source, t.recordLine(), name, "two columns have this name");
            }
            names.add(name);
        }
        for (String n : types.keySet()) {
            if (!seen.contains(n)) {
                throw new IllegalArgumentException(source + ": a type is set for column '" + n + "', which does not exist; the columns are " + names);
            }
        }
        for (String n : roles.keySet()) {
            if (!seen.contains(n)) {
                throw new IllegalArgumentException(source + ": a role is set for column '" + n + "', which does not exist; the columns are " + names);
            }
        }
        byte[][] tokens = new byte[missing.size()][];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = missing.get(i).getBytes(StandardCharsets.UTF_8);
        }
        t.names(names);
        int dataStart = t.position();
        Pass1 pass = bytes.length - dataStart >= parallelMin ? parallelPass1(bytes, dataStart, names, tokens, source, partBytesPerColumn) : null;
        if (pass == null || declaredNumericFailed(pass)) {
            pass = pass1(t, names, tokens, source, false, initialRows(bytes.length - dataStart, cols)); // sequentially, which also names the line of any error
        }
        ColumnState[] state = pass.state;
        int rows = pass.rows;
        ColumnType[] kinds = new ColumnType[cols];
        boolean needStrings = false;
        for (int i = 0; i < cols; i++) {
            ColumnState s = state[i];
            ColumnType k = s.forced;
            if (k == ColumnType.NUMERIC && !s.numeric) {
                throw new CsvFormatException(source, s.firstBadLine, s.name, "'" + s.firstBad + "' is not a number, but the column was declared numeric");
            }
            if (k == null) {
                if (s.numeric) {
                    k = ColumnType.NUMERIC;
                } else if (!s.dictionary.overflowed() && s.dictionary.size() < s.present) {
                    k = ColumnType.CATEGORICAL;
                } else {
                    k = ColumnType.TEXT;
                }
            }
            kinds[i] = k;
            needStrings |= k == ColumnType.TEXT || (k == ColumnType.CATEGORICAL && s.dictionary.overflowed());
        }
        String[][] strings = needStrings ? strings(bytes, start, source, kinds, state, rows, tokens) : null;
        List<Column> out = new ArrayList<>(cols);
        for (int i = 0; i < cols; i++) {
            ColumnState s = state[i];
            ColumnRole role = roles.getOrDefault(s.name, ColumnRole.FEATURE);
            switch (kinds[i]) {
                case NUMERIC -> out.add(NumericColumn.wrap(s.name, role, rows == s.values.length ? s.values : Arrays.copyOf(s.values, rows)));
                case CATEGORICAL -> out.add(s.dictionary.overflowed()
                        ? CategoricalColumn.of(s.name, role, strings[i])
                        : new CategoricalColumn(s.name, role, s.dictionary.levels(), Arrays.copyOf(s.codes, rows)));
                case TEXT -> out.add(new TextColumn(s.name, role, strings[i]));
            }
        }
        return new Table(out);
    }

    /** What pass 1 returns: the column states and the number of rows; {@code null} state when a split part saw quotes. */
    private record Pass1(ColumnState[] state, int rows) {
    }

    /** Inputs from this size on are read in parallel parts when they hold no quoted field. */
    static final int PARALLEL_MIN = 8 << 20;
    /** A parallel part must hold at least this many bytes per column, so that per-part column state stays small beside the data. */
    static final int PART_BYTES_PER_COLUMN = 4096;

    /**
     * The rows to make room for at first: at most 1024, and never more than {@code bytes} of records
     * of {@code cols} fields can hold (each field takes at least its delimiter or line break), so
     * that the state of a file with a million columns and a few rows is proportional to the file.
     */
    static int initialRows(long bytes, int cols) {
        return (int) Math.max(2, Math.min(1024, (bytes + 1) / Math.max(1, cols) + 2));
    }

    /**
     * Pass 1 over the records {@code t} yields: parse numbers, build capped dictionaries. As a
     * {@code part} of a split input it gives up ({@code null}) on the first quoted field, since a
     * split point might then lie inside one.
     */
    private Pass1 pass1(CsvTokenizer t, List<String> names, byte[][] tokens, String source, boolean part, int capacity)
            throws CsvFormatException {
        int cols = names.size();
        ColumnState[] state = new ColumnState[cols];
        for (int i = 0; i < cols; i++) {
            state[i] = new ColumnState(names.get(i), types.get(names.get(i)), maxCategories, capacity);
        }
        DecimalParser parser = new DecimalParser();
        int rows = 0;
        while (t.next()) {
            if (part && t.sawQuote) {
                return null;
            }
            if (t.count != cols) {
                throw new CsvFormatException(source, t.recordLine(), null, "the row has " + t.count + " fields but the header has "
                        + cols + " (ragged rows)");
            }
            if (rows == state[0].values.length) {
                for (ColumnState s : state) {
                    s.values = Arrays.copyOf(s.values, rows * 2);
                    s.codes = Arrays.copyOf(s.codes, rows * 2);
                }
            }
            for (int i = 0; i < cols; i++) {
                ColumnState s = state[i];
                byte[] buf = t.bytes(i);
                int a = t.start(i);
                int e = t.end(i);
                if (a == e || (!t.quoted[i] && isMissing(buf, a, e, tokens))) {
                    s.values[rows] = Double.NaN;
                    s.codes[rows] = CategoricalColumn.MISSING;
                    continue;
                }
                s.present++;
                if (s.numeric && (s.forced == null || s.forced == ColumnType.NUMERIC)) {
                    int x = a;
                    int y = e;
                    while (x < y && (buf[x] == ' ' || buf[x] == '\t')) {
                        x++;
                    }
                    while (y > x && (buf[y - 1] == ' ' || buf[y - 1] == '\t')) {
                        y--;
                    }
                    s.values[rows] = parser.parse(buf, x, y);
                    if (!parser.ok) {
                        s.numeric = false;
                        s.firstBadLine = t.recordLine();
                        s.firstBad = new String(buf, a, e - a, StandardCharsets.UTF_8);
                    }
                }
                if (s.forced != ColumnType.NUMERIC && !s.dictionary.overflowed()) {
                    s.codes[rows] = s.dictionary.code(buf, a, e);
                }
            }
            rows++;
        }
        return new Pass1(state, rows);
    }

    /**
     * Pass 1 on one part per thread of the budget (at most 8), split at line breaks, then merged. Only for inputs without
     * quoted fields; returns {@code null} (read sequentially instead) when a part sees a quote or
     * any part fails, so that errors are always reported with their true line numbers.
     */
    private Pass1 parallelPass1(byte[] bytes, int dataStart, List<String> names, byte[][] tokens, String source, int partBytesPerColumn) {
        long perColumn = Math.max(1, (long) names.size() * partBytesPerColumn);
        int parts = (int) Math.min(Math.min(Parallel.threads(), 8), (bytes.length - dataStart) / perColumn);
        if (parts < 2) {
            return null;
        }
        List<Integer> cuts = new ArrayList<>();
        cuts.add(dataStart);
        for (int k = 1; k < parts; k++) {
            int p = dataStart + (int) ((long) (bytes.length - dataStart) * k / parts);
            while (p < bytes.length && bytes[p - 1] != '\n') {
                p++;
            }
            if (p > cuts.get(cuts.size() - 1) && p < bytes.length) {
                cuts.add(p);
            }
        }
        cuts.add(bytes.length);
        Pass1[] results = new Pass1[cuts.size() - 1];
        try {
            Parallel.forParts(results.length, k -> {
                try {
                    CsvTokenizer part = new CsvTokenizer(bytes, cuts.get(k), cuts.get(k + 1), delimiter, source);
                    part.names(names);
                    results[k] = pass1(part, names, tokens, source, true, initialRows(cuts.get(k + 1) - cuts.get(k), names.size()));
                } catch (CsvFormatException e) {
                    results[k] = null;
                }
            });
        } catch (RuntimeException e) {
            return null;
        }
        List<Pass1> all = Arrays.asList(results);
        if (all.contains(null)) {
            return null;
        }
        return merge(all, names);
    }

    private static boolean declaredNumericFailed(Pass1 pass) {
        for (ColumnState s : pass.state) {
            if (s.forced == ColumnType.NUMERIC && !s.numeric) {
                return true;
            }
        }
        return false;
    }

    /** Concatenates the parts' columns; dictionary codes are renumbered into one dictionary in order of first appearance. */
    private Pass1 merge(List<Pass1> parts, List<String> names) {
        int rows = 0;
        for (Pass1 p : parts) {
            rows += p.rows;
        }
        ColumnState[] out = new ColumnState[names.size()];
        for (int i = 0; i < out.length; i++) {
            ColumnState m = new ColumnState(names.get(i), types.get(names.get(i)), maxCategories, Math.max(rows, 1));
            boolean dictionaryOk = true;
            int at = 0;
            for (Pass1 p : parts) {
                ColumnState s = p.state[i];
                System.arraycopy(s.values, 0, m.values, at, p.rows);
                m.present += s.present;
                if (m.numeric && !s.numeric) {
                    m.numeric = false;
                    m.firstBad = s.firstBad;
                    m.firstBadLine = -1; // a line within a part; the caller re-reads sequentially to name it
                }
                if (s.forced != ColumnType.NUMERIC) {
                    dictionaryOk &= !s.dictionary.overflowed();
                    if (dictionaryOk) {
                        int[] map = new int[s.dictionary.size()];
                        for (int c = 0; c < map.length && dictionaryOk; c++) {
                            byte[] level = s.dictionary.level(c);
                            map[c] = m.dictionary.code(level, 0, level.length);
                            dictionaryOk = map[c] >= 0;
                        }
                        for (int r = 0; dictionaryOk && r < p.rows; r++) {
                            int c = s.codes[r];
                            m.codes[at + r] = c < 0 ? CategoricalColumn.MISSING : map[c];
                        }
                    }
                }
                at += p.rows;
            }
            if (!dictionaryOk) {
                m.dictionary.markOverflowed();
            }
            out[i] = m;
        }
        return new Pass1(out, rows);
    }

    /** Pass 2: the text of the columns that need it (text columns, categorical ones with many levels). */
    private String[][] strings(byte[] bytes, int start, String source, ColumnType[] kinds, ColumnState[] state, int rows, byte[][] tokens)
            throws CsvFormatException {
        String[][] out = new String[kinds.length][];
        for (int i = 0; i < kinds.length; i++) {
            if (kinds[i] == ColumnType.TEXT || (kinds[i] == ColumnType.CATEGORICAL && state[i].dictionary.overflowed())) {
                out[i] = new String[rows];
            }
        }
        CsvTokenizer t = new CsvTokenizer(bytes, start, bytes.length, delimiter, source);
        t.next(); // the header
        Map<String, String> intern = new LinkedHashMap<>();
        for (int r = 0; t.next(); r++) {
            for (int i = 0; i < kinds.length; i++) {
                if (out[i] == null) {
                    continue;
                }
                byte[] buf = t.bytes(i);
                int a = t.start(i);
                int e = t.end(i);
                if (a == e || (!t.quoted[i] && isMissing(buf, a, e, tokens))) {
                    continue;
                }
                String v = new String(buf, a, e - a, StandardCharsets.UTF_8);
                out[i][r] = kinds[i] == ColumnType.CATEGORICAL ? intern.computeIfAbsent(v, k -> k) : v;
            }
        }
        return out;
    }

    private static boolean isMissing(byte[] b, int start, int end, byte[][] tokens) {
        int len = end - start;
        for (byte[] tok : tokens) {
            if (tok.length == len && Arrays.equals(tok, 0, len, b, start, end)) {
                return true;
            }
        }
        return false;
    }
}
