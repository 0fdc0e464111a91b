package org.gyrus.io.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.gyrus.data.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed and hostile tables: text that is not valid in its encoding, absurd shapes, broken
 * quoting and headers. Each is read correctly or refused with the file, line and column — never
 * silently altered (no U+FFFD), never a hang, never memory out of proportion to the file.
 */
@Timeout(60)
class CsvHostileInputTest {

    private static final Charset CP1252 = Charset.forName("windows-1252");

    @TempDir
    Path dir;

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof String s) {
                out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            } else if (p instanceof Integer b) {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    private static String cell(Table t, String column, int row) {
        return t.column(column).format(row);
    }

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static CsvFormatException refused(CsvReader r, Path file, long line, String column, String... phrases) {
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> r.read(file));
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
        assertTrue(e.getMessage().startsWith(file + ": line " + line), e.getMessage());
        for (String p : phrases) {
            assertTrue(e.getMessage().contains(p), () -> "'" + p + "' not in: " + e.getMessage());
        }
        return e;
    }

    @Test
    void latin1BytesAreRefusedWithLineAndColumnThenReadWithTheEncoding() throws IOException {
        // "Zürich" and "Genève" saved by a Latin-1 program: ü = FC, è = E8.
        Path p = file("cities.csv", bytes("id,city,n\n1,Basel,3\n2,Z", 0xfc, "rich,4\n3,Gen", 0xe8, "ve,5\n"));
        refused(CsvReader.csv(), p, 3, "city", "byte 0xFC", "Z\\xFCrich", "not valid UTF-8", "Latin-1", "Encoding");
        Table t = CsvReader.csv().encoding(StandardCharsets.ISO_8859_1).read(p);
        assertEquals(List.of("Basel", "Z\u00fcrich", "Gen\u00e8ve"), List.of(cell(t, "city", 0), cell(t, "city", 1), cell(t, "city", 2)));
        assertEquals(12.0, t.numeric("n").get(0) + t.numeric("n").get(1) + t.numeric("n").get(2));
    }

    @Test
    void windows1252IsNotLatin1() throws IOException {
        // 0x80 is the euro sign in Windows-1252, a C1 control in Latin-1; 0x93/0x94 are curly quotes.
        Path p = file("prices.csv", bytes("item,price\n", 0x93, "tea", 0x94, ",", 0x80, "3\n"));
        refused(CsvReader.csv(), p, 2, "item", "byte 0x93");
        Table t = CsvReader.csv().encoding(CP1252).read(p);
        assertEquals("\u201ctea\u201d", cell(t, "item", 0));
        assertEquals("\u20ac3", cell(t, "price", 0));
        Table latin = CsvReader.csv().encoding(StandardCharsets.ISO_8859_1).read(p);
        assertEquals("\u00803", cell(latin, "price", 0), "the option changes the result");
        // Bytes that Windows-1252 leaves undefined are refused too, never replaced.
        Path undefined = file("undefined.csv", bytes("a,b\nx,y\nz,", 0x81, "\n"));
        refused(CsvReader.csv().encoding(CP1252), undefined, 3, "b", "byte 0x81", "not valid windows-1252");
    }

    @Test
    void everyKindOfInvalidUtf8IsRefused() throws IOException {
        int[][] bad = {
            {0xc3}, // a lead byte at the end of the cell
            {0xc0, 0xaf}, // overlong '/'
            {0xe0, 0x80, 0xaf}, // overlong, 3 bytes
            {0xed, 0xa0, 0x80}, // a UTF-16 surrogate
            {0xf4, 0x90, 0x80, 0x80}, // above U+10FFFF
            {0xf8, 0x88, 0x80, 0x80, 0x80}, // 5-byte form
            {0x80}, // a lone continuation byte
            {0xe2, 0x82}, // truncated euro sign
        };
        for (int[] b : bad) {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            o.writeBytes("k,v\n1,ok\n2,x".getBytes(StandardCharsets.US_ASCII));
            for (int x : b) {
                o.write(x);
            }
            o.writeBytes("y\n".getBytes(StandardCharsets.US_ASCII));
            Path p = file("bad.csv", o.toByteArray());
            refused(CsvReader.csv(), p, 3, "v", String.format("byte 0x%02X", b[0]));
            assertEquals("k,v\n1,ok\n2,x".length(), TextEncoding.firstInvalidUtf8(o.toByteArray()));
        }
        // A truncated sequence at the very end of the file.
        Path end = file("end.csv", bytes("k,v\n1,", 0xe2, 0x82));
        refused(CsvReader.csv(), end, 2, "v", "byte 0xE2");
        // Valid multi-byte text of every length is read as it is.
        String ok = "k,v\n1,é\n2,€\n3,\uD83E\uDDE0\n4,中文\n";
        Table t = CsvReader.csv().read(file("ok.csv", ok.getBytes(StandardCharsets.UTF_8)));
        assertEquals("\uD83E\uDDE0", cell(t, "v", 2));
        assertEquals(-1, TextEncoding.firstInvalidUtf8(ok.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void invalidBytesInTheHeaderOrAQuotedFieldOrATsv() throws IOException {
        Path header = file("h.csv", bytes("id,caf", 0xe9, "\n1,2\n"));
        CsvFormatException e = refused(CsvReader.csv(), header, 1, null, "field 2 of the header", "caf\\xE9");
        assertNull(e.column());
        Path quoted = file("q.csv", bytes("a,b\n1,\"two\nlines ", 0xe9, "\"\n"));
        refused(CsvReader.csv(), quoted, 3, "b", "byte 0xE9");
        Path tsv = file("t.tsv", bytes("a\tb\n1\tx", 0xff, "\n"));
        refused(CsvReader.tsv(), tsv, 2, "b", "byte 0xFF");
    }

    @Test
    void utf16IsNamed() throws IOException {
        Path le = file("u16.csv", "\uFEFFa,b\n1,2\n".getBytes(StandardCharsets.UTF_16LE));
        refused(CsvReader.csv(), le, 1, null, "UTF-16");
        Path be = file("u16be.csv", "\uFEFFa,b\n1,2\n".getBytes(StandardCharsets.UTF_16BE));
        refused(CsvReader.csv(), be, 1, null, "UTF-16");
        // Read in the encoding it is in, it is an ordinary table.
        Table t = CsvReader.csv().encoding(StandardCharsets.UTF_16).read(le);
        assertEquals(3.0, t.numeric("a").get(0) + t.numeric("b").get(0));
    }

    @Test
    void binaryFilesAreNamedNotDecoded() throws IOException {
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(gz)) {
            z.write("a,b\n1,2\n".getBytes(StandardCharsets.US_ASCII));
        }
        Path g = file("table.csv.gz", gz.toByteArray());
        refused(CsvReader.csv(), g, 1, null, "gzip-compressed");
        // Latin-1 decodes any byte: without the check this would be a table of garbage.
        refused(CsvReader.csv().encoding(StandardCharsets.ISO_8859_1), g, 1, null, "gzip-compressed");
        java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(zip)) {
            z.putNextEntry(new java.util.zip.ZipEntry("xl/workbook.xml"));
            z.write("<workbook/>".getBytes(StandardCharsets.US_ASCII));
            z.closeEntry();
        }
        refused(CsvReader.csv(), file("sheet.csv", zip.toByteArray()), 1, null, "ZIP archive", "xlsx", "export the sheet as CSV");
        refused(CsvReader.csv(), file("old.csv", bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)), 1, null, ".xls");
        refused(CsvReader.tsv(), file("paper.tsv", "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII)), 1, null, "PDF");
    }

    @Test
    void utf8ByteOrderMarkAndPlainUtf8StillWork() throws IOException {
        Table t = CsvReader.csv().read(file("bom.csv", bytes(0xef, 0xbb, 0xbf, "na\u00efve,x\n1,2\n")));
        assertEquals(List.of("na\u00efve", "x"), t.columnNames());
    }

    /** Bytes the current thread allocated so far (HotSpot's com.sun.management extension). */
    private static long allocated() throws ReflectiveOperationException {
        Object bean = ManagementFactory.getThreadMXBean();
        return (long) Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes").invoke(bean);
    }

    @Test
    void manyColumnsAndFewRowsCostMemoryInProportionToTheFile() throws Exception {
        // 200,000 columns and 2 rows: 2.5 MB. Per-column state of a fixed 1024 rows used 12 KB a column (2.4 GB here).
        int cols = 200_000;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cols; i++) {
            sb.append(i == 0 ? "" : ",").append('c').append(i);
        }
        sb.append('\n');
        for (int r = 0; r < 2; r++) {
            for (int i = 0; i < cols; i++) {
                sb.append(i == 0 ? "" : ",").append(i % 7 == 0 ? "x" : Integer.toString(r));
            }
            sb.append('\n');
        }
        byte[] content = sb.toString().getBytes(StandardCharsets.US_ASCII);
        Path p = file("wide.csv", content);
        CsvReader.csv().read(p); // warm up class loading
        long before = allocated();
        Table t = CsvReader.csv().read(p);
        long used = allocated() - before;
        assertEquals(cols, t.columnCount());
        assertEquals(2, t.rowCount());
        assertEquals(1.0, t.numeric("c1").get(1));
        assertTrue(used < 150L * content.length, "allocated " + used + " bytes for a " + content.length + "-byte file");
    }

    @Test
    void initialRowsNeverExceedWhatTheBytesCanHold() {
        assertEquals(1024, CsvReader.initialRows(100L << 20, 10));
        assertEquals(12, CsvReader.initialRows(10_000_000, 1_000_000));
        assertEquals(2, CsvReader.initialRows(0, 5));
    }

    @Test
    void oneMillionColumnsInTenMegabytes() throws Exception {
        // The reported case: a 10 MB CSV with 1,000,000 columns exhausted a 6 GB heap.
        int cols = 1_000_000;
        StringBuilder sb = new StringBuilder(10_000_000);
        for (int i = 0; i < cols; i++) {
            sb.append(i == 0 ? "" : ",").append(Integer.toString(i, 36));
        }
        sb.append('\n');
        for (int i = 0; i < cols; i++) {
            sb.append(i == 0 ? "" : ",").append(i % 10);
        }
        sb.append('\n');
        byte[] content = sb.toString().getBytes(StandardCharsets.US_ASCII);
        long before = allocated();
        Table t = CsvReader.csv().read(file("million.csv", content));
        long used = allocated() - before;
        assertEquals(cols, t.columnCount());
        assertEquals(9.0, t.numeric(Integer.toString(999_999, 36)).get(0));
        assertTrue(used < 150L * content.length, "allocated " + used + " bytes for a " + content.length + "-byte file");
    }

    /** Cases the reader already refused clearly before the hostile-input review, kept so that they stay so. */
    @Test
    void malformedStructureIsRefusedWithLineAndColumn() throws IOException {
        refused(CsvReader.csv(), file("empty.csv", new byte[0]), 1, null, "the file is empty");
        refused(CsvReader.csv(), file("blank.csv", "\n\n\r\n".getBytes(StandardCharsets.US_ASCII)), 1, null, "empty");
        refused(CsvReader.csv(), file("ragged.csv", "a,b,c\n1,2,3\n4,5\n".getBytes(StandardCharsets.US_ASCII)), 3, null,
                "2 fields but the header has 3");
        refused(CsvReader.csv(), file("long.csv", "a,b\n1,2\n3,4,5\n".getBytes(StandardCharsets.US_ASCII)), 3, null, "3 fields");
        refused(CsvReader.csv(), file("open.csv", "a,b\n1,\"never closed\n2,3\n".getBytes(StandardCharsets.US_ASCII)), 2, "b",
                "unterminated quote");
        refused(CsvReader.csv(), file("after.csv", "a,b\n\"x\"y,2\n".getBytes(StandardCharsets.US_ASCII)), 2, "a",
                "after the closing quote");
        refused(CsvReader.csv(), file("dup.csv", "id,x,id\n1,2,3\n".getBytes(StandardCharsets.US_ASCII)), 1, "id", "two columns have this name");
        refused(CsvReader.csv().type("x", ColumnType.NUMERIC), file("num.csv", "id,x\n1,2\n2,two\n".getBytes(StandardCharsets.US_ASCII)),
                3, "x", "'two' is not a number");
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> CsvReader.csv().role("nope", org.gyrus.data.ColumnRole.LABEL).read(file("r.csv", "a\n1\n".getBytes(StandardCharsets.US_ASCII))));
        assertTrue(unknown.getMessage().contains("'nope', which does not exist; the columns are [a]"), unknown.getMessage());
    }

    @Test
    void absurdFieldsAndLines() throws IOException {
        // One 4 MB field, a line of 100,000 empty fields, blank lines and CR-only noise.
        String big = "x".repeat(4 << 20);
        Table t = CsvReader.csv().read(file("bigfield.csv", ("a,b\n1," + big + "\n").getBytes(StandardCharsets.US_ASCII)));
        assertEquals(big.length(), cell(t, "b", 0).length());
        String empties = ",".repeat(99_999);
        Table e = CsvReader.csv().read(file("empties.csv", (empties + "\n" + empties + "\n").getBytes(StandardCharsets.US_ASCII)));
        assertEquals(100_000, e.columnCount());
        assertEquals("column_1", e.columnNames().get(0));
        Table blank = CsvReader.csv().read(file("blank.csv", "a,b\n\n\n1,2\n\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(1, blank.rowCount());
        // NUL bytes are valid UTF-8 and kept, not dropped.
        Table nul = CsvReader.csv().read(file("nul.csv", bytes("a,b\nx", 0, "y,1\nz,2\n")));
        assertEquals("x\0y", cell(nul, "a", 0));
    }
}
