package org.gyrus.io.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import org.gyrus.data.CategoricalColumn;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class CsvReaderTest {

    @TempDir
    Path dir;

    @Test
    void penguinsAreTypedAndCounted() throws IOException {
        Table t = CsvReader.csv().read(Path.of("testdata/tabular/penguins.csv"));
        assertEquals(344, t.rowCount());
        assertEquals(List.of("species", "island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "sex", "year"),
                t.columnNames());
        assertEquals(List.of("Adelie", "Gentoo", "Chinstrap"), t.categorical("species").levels());
        assertEquals(List.of("Torgersen", "Biscoe", "Dream"), t.categorical("island").levels());
        assertEquals(List.of("male", "female"), t.categorical("sex").levels());
        assertEquals(11, t.column("sex").missingCount());
        assertEquals(2, t.column("bill_length_mm").missingCount());
        NumericColumn bill = t.numeric("bill_length_mm");
        assertEquals(39.1, bill.get(0));
        assertEquals(19, t.missingCount());
        double sum = 0;
        for (int i = 0; i < bill.size(); i++) {
            sum += bill.isMissing(i) ? 0 : bill.get(i);
        }
        assertEquals(15021.3, sum, 1e-9); // sum of the 342 present bill lengths (Python: sum of float(x))
        assertEquals(2007, t.numeric("year").get(0));
        assertEquals(ColumnRole.FEATURE, t.column("species").role());
    }

    @Test
    void rfc4180QuotingCrlfAndBom() throws IOException {
        String text = "\uFEFFid,comment,x\r\n"
                + "1,\"a, b\",1.5\r\n"
                + "2,\"she said \"\"hi\"\"\",2\r\n"
                + "3,\"two\r\nlines\",3\r\n"
                + "4,plain,\r\n";
        Path p = dir.resolve("q.csv");
        Files.write(p, text.getBytes(StandardCharsets.UTF_8));
        Table t = CsvReader.csv().type("comment", ColumnType.TEXT).role("id", ColumnRole.ID).read(p);
        assertEquals(List.of("id", "comment", "x"), t.columnNames());
        TextColumn c = (TextColumn) t.column("comment");
        assertEquals("a, b", c.get(0));
        assertEquals("she said \"hi\"", c.get(1));
        assertEquals("two\r\nlines", c.get(2));
        assertEquals("plain", c.get(3));
        assertTrue(Double.isNaN(t.numeric("x").get(3)));
        assertEquals(ColumnRole.ID, t.column("id").role());
    }

    @Test
    void tsvAndUnicode() throws IOException {
        Path p = dir.resolve("t.tsv");
        Files.writeString(p, "name\tvalue\nZürich\t1e3\n東京\t-2.5E-1\nZürich\tn/a\n");
        Table t = CsvReader.forFile(p).type("name", ColumnType.CATEGORICAL).read(p);
        assertEquals(List.of("Zürich", "東京"), t.categorical("name").levels());
        assertArrayEquals(new double[] {1000, -0.25, Double.NaN}, t.numeric("value").toArray());
    }

    @Test
    void defaultAndCustomMissingTokens() throws Exception {
        String text = "a,b\n1,x\nNA,x\nN/A,y\nn/a,y\nNaN,x\nnan,y\nnull,x\n,y\n\"NA\",x\n-,y\n";
        Table t = CsvReader.csv().read(text, "m.csv");
        // "NA" in quotes is a value, and so is "-": column a is not numeric.
        assertInstanceOf(TextColumn.class, t.column("a"));
        assertEquals(7, t.column("a").missingCount());
        assertEquals("NA", ((TextColumn) t.column("a")).get(8));
        Table u = CsvReader.csv().missingTokens(List.of("-")).read("a\n1\n-\nNA\nNA\n1\n", "m.csv");
        assertInstanceOf(CategoricalColumn.class, u.column("a")); // "NA" is now a value: 2 levels in 4 cells
        assertEquals(List.of("1", "NA"), u.categorical("a").levels());
        assertEquals(1, u.column("a").missingCount());
        Table v = CsvReader.csv().read("a\n1\n-\n2\n", "m.csv");
        assertInstanceOf(TextColumn.class, v.column("a"));
        assertEquals(List.of("1", "2"), List.of(((TextColumn) v.column("a")).get(0), ((TextColumn) v.column("a")).get(2)));
    }

    @Test
    void typeInferenceAndOverrides() throws Exception {
        StringBuilder sb = new StringBuilder("num,cat,txt,code\n");
        for (int i = 0; i < 50; i++) {
            sb.append(i * 0.5).append(',').append(i % 3 == 0 ? "lo" : "hi").append(",row ").append(i).append(',').append(i % 4).append('\n');
        }
        Table t = CsvReader.csv().read(sb.toString(), "i.csv");
        assertInstanceOf(NumericColumn.class, t.column("num"));
        assertInstanceOf(CategoricalColumn.class, t.column("cat"));
        assertInstanceOf(TextColumn.class, t.column("txt"));
        assertInstanceOf(NumericColumn.class, t.column("code"));
        Table o = CsvReader.csv().type("code", ColumnType.CATEGORICAL).type("cat", ColumnType.TEXT).type("num", ColumnType.CATEGORICAL)
                .role("cat", ColumnRole.LABEL).read(sb.toString(), "i.csv");
        assertEquals(List.of("0", "1", "2", "3"), o.categorical("code").levels());
        assertEquals("lo", ((TextColumn) o.column("cat")).get(0));
        assertEquals(ColumnRole.LABEL, o.column("cat").role());
        // 50 distinct values: over the default of 100? no — but forcing categorical with few levels allowed:
        assertEquals(50, o.categorical("num").levels().size());
        Table few = CsvReader.csv().maxCategories(10).type("num", ColumnType.CATEGORICAL).read(sb.toString(), "i.csv");
        assertEquals(50, few.categorical("num").levels().size()); // forced: built from the text in a second pass
        assertEquals("24.5", few.categorical("num").get(49));
    }

    @Test
    void declaredNumericColumnWithTextNamesLineAndColumn() {
        CsvFormatException e = assertThrows(CsvFormatException.class,
                () -> CsvReader.csv().type("x", ColumnType.NUMERIC).read("id,x\n1,2\n2,\"3\"\n3,abc\n", "n.csv"));
        assertEquals(4, e.line());
        assertEquals("x", e.column());
        assertTrue(e.getMessage().contains("'abc' is not a number"), e.getMessage());
        assertTrue(e.getMessage().startsWith("n.csv: line 4, column 'x'"), e.getMessage());
    }

    @Test
    void raggedRowsAreRefusedWithTheirLine() {
        CsvFormatException e = assertThrows(CsvFormatException.class,
                () -> CsvReader.csv().read("a,b,c\n1,2,3\n\"x\ny\",2,3\n4,5\n", "r.csv"));
        assertEquals(5, e.line());
        assertTrue(e.getMessage().contains("2 fields but the header has 3"), e.getMessage());
        assertThrows(CsvFormatException.class, () -> CsvReader.csv().read("a,b\n1,2,3\n", "r.csv"));
    }

    @Test
    void unterminatedQuoteIsRefusedWhereItOpens() {
        CsvFormatException e = assertThrows(CsvFormatException.class,
                () -> CsvReader.csv().read("a,b\n1,2\n3,\"open\n4,5\n6,7\n", "u.csv"));
        assertEquals(3, e.line());
        assertEquals("b", e.column());
        assertTrue(e.getMessage().startsWith("u.csv: line 3, column 'b': "), e.getMessage());
        assertTrue(e.getMessage().contains("unterminated quote"), e.getMessage());
        CsvFormatException after = assertThrows(CsvFormatException.class, () -> CsvReader.csv().read("a,b\n\"x\"y,2\n", "u.csv"));
        assertTrue(after.getMessage().contains("after the closing quote"), after.getMessage());
    }

    @Test
    void headerProblems() {
        assertThrows(CsvFormatException.class, () -> CsvReader.csv().read("", "e.csv"));
        CsvFormatException dup = assertThrows(CsvFormatException.class, () -> CsvReader.csv().read("a,b,a\n1,2,3\n", "d.csv"));
        assertEquals("a", dup.column());
        assertThrows(IllegalArgumentException.class, () -> CsvReader.csv().type("nope", ColumnType.TEXT).read("a\n1\n", "d.csv"));
        Table t = assertDoesNotThrowRead("a,,c\n1,2,3\n");
        assertEquals(List.of("a", "column_2", "c"), t.columnNames());
    }

    private static Table assertDoesNotThrowRead(String text) {
        try {
            return CsvReader.csv().read(text, "h.csv");
        } catch (CsvFormatException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void decimalParserIsCorrectlyRounded() {
        DecimalParser p = new DecimalParser();
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            double v = switch (i % 4) {
                case 0 -> Math.round(r.nextDouble(-1e6, 1e6) * 1e4) / 1e4;
                case 1 -> r.nextDouble() * Math.pow(10, r.nextInt(-30, 30));
                case 2 -> r.nextLong();
                default -> Double.longBitsToDouble(r.nextLong() & 0x7fefffffffffffffL);
            };
            for (String s : new String[] {Double.toString(v), String.format(java.util.Locale.ROOT, "%.4f", v), String.format(java.util.Locale.ROOT, "%.17g", v)}) {
                byte[] b = s.getBytes(StandardCharsets.US_ASCII);
                double got = p.parse(b, 0, b.length);
                assertTrue(p.ok, s);
                assertEquals(Double.parseDouble(s), got, 0.0, s);
            }
        }
        for (String bad : new String[] {"", "-", "1e", "1.2.3", "0x10", "1,5", "abc", "1e+"}) {
            byte[] b = bad.getBytes(StandardCharsets.US_ASCII);
            p.parse(b, 0, b.length);
            assertTrue(!p.ok, bad);
        }
        byte[] inf = "-Infinity".getBytes(StandardCharsets.US_ASCII);
        assertEquals(Double.NEGATIVE_INFINITY, p.parse(inf, 0, inf.length));
    }

    @Test
    void emptyTableHasHeaderOnly() throws Exception {
        Table t = CsvReader.csv().read("a,b\n", "h.csv");
        assertEquals(0, t.rowCount());
        assertEquals(2, t.columnCount());
    }

    @Test
    void largeInputsReadInParallelPartsGiveTheSameTable() throws Exception {
        StringBuilder sb = new StringBuilder("id,x,cat,maybe\n");
        SplittableRandom r = new SplittableRandom(3);
        int rows = 400_000; // > 8 MiB
        for (int i = 0; i < rows; i++) {
            sb.append("s").append(i).append(',').append(r.nextInt(1000) / 8.0).append(',')
                    .append(i < 1000 ? "early" + (i % 3) : "late" + (i % 5)).append(',')
                    .append(i == rows - 7 ? "oops" : i % 10 == 0 ? "NA" : Integer.toString(i % 100)).append('\n');
        }
        String text = sb.toString();
        Table parallel = CsvReader.csv().read(text, "big.csv");
        assertEquals(rows, parallel.rowCount());
        // Quoting one field forces the sequential path: both must agree.
        Table sequential = CsvReader.csv().read(text.replaceFirst("s0,", "\"s0\","), "big.csv");
        assertEquals(sequential, parallel);
        assertEquals(List.of("early0", "early1", "early2", "late0", "late1", "late2", "late3", "late4"), parallel.categorical("cat").levels());
        assertInstanceOf(CategoricalColumn.class, parallel.column("maybe")); // "oops" near the end makes it non-numeric
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> CsvReader.csv().type("maybe", ColumnType.NUMERIC).read(text, "big.csv"));
        assertEquals(rows - 7 + 2, e.line());
        String ragged = text.substring(0, text.length() - 1) + ",extra\n";
        CsvFormatException r2 = assertThrows(CsvFormatException.class, () -> CsvReader.csv().read(ragged, "big.csv"));
        assertEquals(rows + 1, r2.line());
    }
}
