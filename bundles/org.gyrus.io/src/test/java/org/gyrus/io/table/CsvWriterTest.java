package org.gyrus.io.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.gyrus.data.CategoricalColumn;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.gyrus.data.TableWriter;
import org.gyrus.data.TextColumn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one table writer ({@link TableWriter}, in org.gyrus.data) read back by {@link CsvReader}: nothing lost. */
class CsvWriterTest {

    @TempDir
    Path dir;

    @Test
    void tablesRoundTripThroughCsvAndTsv() throws Exception {
        Table t = Table.of(
                new TextColumn("id", ColumnRole.ID, "s1", "s2", "s3", "s4"),
                new NumericColumn("x", new double[] {1.5, Double.NaN, -2e-7, 123456789012.0}),
                CategoricalColumn.of("group", "a", null, "b,c", "a"),
                new TextColumn("note", "says \"hi\"", "two\nlines", "NA", " padded "));
        for (String name : new String[] {"t.csv", "t.tsv"}) {
            Path p = dir.resolve(name);
            TableWriter.forFile(p).write(t, p);
            Table back = CsvReader.forFile(p).role("id", ColumnRole.ID).type("id", ColumnType.TEXT)
                    .type("group", ColumnType.CATEGORICAL).type("note", ColumnType.TEXT).read(p);
            assertEquals(t, back, name);
        }
        Path p = dir.resolve("t.csv");
        assertEquals("id,x,group,note", Files.readAllLines(p).get(0));
        assertEquals("s1,1.5,a,\"says \"\"hi\"\"\"", Files.readAllLines(p).get(1));
    }

    @Test
    void tabsLineBreaksAndQuotesInCellsSurviveTsv() throws Exception {
        Table t = Table.of(new TextColumn("id", ColumnRole.ID, "a\tb", "c"),
                new TextColumn("message", "first\tsecond\nthird\r\nfourth", "\"quoted\"\t"),
                new NumericColumn("x", new double[] {0.1, 2.5}));
        Path p = dir.resolve("cells.tsv");
        TableWriter.tsv().write(t, p);
        Table back = CsvReader.forFile(p).role("id", ColumnRole.ID).type("id", ColumnType.TEXT).type("message", ColumnType.TEXT).read(p);
        assertEquals(t, back);
        assertEquals("first\tsecond\nthird\r\nfourth", back.column("message").format(0));
    }

    @Test
    void penguinsRoundTrip() throws Exception {
        Table t = CsvReader.csv().read(Path.of("testdata/tabular/penguins.csv"));
        Path p = dir.resolve("p.csv");
        TableWriter.csv().write(t, p);
        assertEquals(t, CsvReader.csv().read(p));
    }
}
