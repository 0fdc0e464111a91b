package org.gyrus.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The quoting rule of the one table writer; reading back is checked with the CSV reader in org.gyrus.io's CsvWriterTest. */
class TableWriterTest {

    private static String tsv(Table t) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TableWriter.tsv().write(t, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void cellsWithTabsLineBreaksOrQuotesAreQuotedNotFlattened() throws Exception {
        Table t = Table.of(new TextColumn("id", ColumnRole.ID, "s1", "s2", "s3", "s4", "s5"),
                new TextColumn("note", "a\tb", "line\nbreak", "say \"hi\"", "NA", null),
                new NumericColumn("x", new double[] {1.5, Double.NaN, 3, -2e-7, 0.1}));
        assertEquals("id\tnote\tx\n"
                + "s1\t\"a\tb\"\t1.5\n"
                + "s2\t\"line\nbreak\"\t\n"
                + "s3\t\"say \"\"hi\"\"\"\t3\n"
                + "s4\t\"NA\"\t-2.0E-7\n"
                + "s5\t\t0.1\n", tsv(t));
    }

    @Test
    void csvQuotesCommasButNotTabs() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TableWriter.csv().write(Table.of(new TextColumn("a", "x,y", "p\tq")), out);
        assertEquals("a\n\"x,y\"\np\tq\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void featureMatricesGetAnIdColumnAndEmptyMissingCells() throws Exception {
        FeatureMatrix m = new FeatureMatrix(new float[] {1f, Float.NaN, 0.25f, 4f}, List.of("sub\t1", "sub-2"), List.of("f1", "f 2"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TableWriter.tsv().write(m, out);
        assertEquals("id\tf1\tf 2\n\"sub\t1\"\t1.0\t\nsub-2\t0.25\t4.0\n", out.toString(StandardCharsets.UTF_8));
    }
}
