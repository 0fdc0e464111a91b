package org.gyrus.io.table;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.gyrus.data.Column;
import org.gyrus.data.Table;

/**
 * The fuzz target of the CSV/TSV reader, in the form Jazzer calls ({@code fuzzerTestOneInput(byte[])}).
 * The bytes are read as a table with each delimiter in UTF-8 and as comma-separated Latin-1 and
 * Windows-1252, each time twice: sequentially and split into parallel parts (the path large files
 * take). Refusing the input with a {@link CsvFormatException} is the expected outcome for garbage;
 * anything else is a bug: another exception, the two paths disagreeing (on the table or on the
 * error), a U+FFFD that was not in the input, more rows than lines. {@link CsvFuzzCorpusTest}
 * replays the corpus in every build; see {@code fuzz/run-jazzer.sh} for fuzzing.
 */
public final class CsvFuzzTarget {

    private static final Charset CP1252 = Charset.forName("windows-1252");
    private static final byte[] REPLACEMENT = {(byte) 0xef, (byte) 0xbf, (byte) 0xbd};

    private CsvFuzzTarget() {
    }

    /** One fuzzing input. */
    public static void fuzzerTestOneInput(byte[] data) {
        check(data, CsvReader.csv(), StandardCharsets.UTF_8);
        check(data, CsvReader.tsv(), StandardCharsets.UTF_8);
        check(data, CsvReader.csv().delimiter(';'), StandardCharsets.UTF_8);
        check(data, CsvReader.csv().encoding(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1);
        check(data, CsvReader.csv().encoding(CP1252).maxCategories(2), CP1252);
    }

    private static void check(byte[] data, CsvReader reader, Charset charset) {
        Table sequential = null;
        CsvFormatException sequentialError = null;
        try {
            sequential = reader.read(data, "fuzz.csv", Integer.MAX_VALUE, CsvReader.PART_BYTES_PER_COLUMN);
        } catch (CsvFormatException e) {
            sequentialError = e;
        }
        Table parallel = null;
        CsvFormatException parallelError = null;
        try {
            parallel = reader.read(data, "fuzz.csv", 0, 0);
        } catch (CsvFormatException e) {
            parallelError = e;
        }
        if (sequentialError != null || parallelError != null) {
            String a = sequentialError == null ? "no error" : sequentialError.getMessage();
            String b = parallelError == null ? "no error" : parallelError.getMessage();
            if (!a.equals(b)) {
                throw new AssertionError("sequential and parallel reads disagree: " + a + " / " + b);
            }
            if (!sequentialError.getMessage().startsWith("fuzz.csv: line ")) {
                throw new AssertionError("the error does not name the file and line: " + sequentialError.getMessage());
            }
            return;
        }
        if (!sequential.equals(parallel)) {
            throw new AssertionError("sequential and parallel reads give different tables");
        }
        long lines = 1;
        for (byte b : data) {
            lines += b == '\n' || b == '\r' ? 1 : 0;
        }
        if (sequential.rowCount() > lines) {
            throw new AssertionError(sequential.rowCount() + " rows from " + lines + " lines");
        }
        if (!contains(data, REPLACEMENT) || !charset.equals(StandardCharsets.UTF_8)) {
            for (String name : sequential.columnNames()) {
                noReplacement(name);
            }
            for (Column c : sequential.columns()) {
                for (int r = 0; r < c.size(); r++) {
                    noReplacement(c.format(r));
                }
            }
        }
    }

    private static void noReplacement(String s) {
        if (s != null && s.indexOf('\uFFFD') >= 0) {
            throw new AssertionError("U+FFFD appeared that was not in the input: " + List.of(s));
        }
    }

    private static boolean contains(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= data.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (data[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
