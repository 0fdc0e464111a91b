package org.gyrus.io.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.gyrus.data.CategoricalColumn;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
            CsvWriter.forFile(p).write(t, p);
            Table back = CsvReader.forFile(p).role("id", ColumnRole.ID).type("id", ColumnType.TEXT)
                    .type("group", ColumnType.CATEGORICAL).type("note", ColumnType.TEXT).read(p);
            assertEquals(t, back, name);
        }
        Path p = dir.resolve("t.csv");
        assertEquals("id,x,group,note", Files.readAllLines(p).get(0));
        assertEquals("s1,1.5,a,\"says \"\"hi\"\"\"", Files.readAllLines(p).get(1));
    }

    @Test
    void penguinsRoundTrip() throws Exception {
        Table t = CsvReader.csv().read(Path.of("testdata/tabular/penguins.csv"));
        Path p = dir.resolve("p.csv");
        CsvWriter.csv().write(t, p);
        assertEquals(t, CsvReader.csv().read(p));
    }
}
