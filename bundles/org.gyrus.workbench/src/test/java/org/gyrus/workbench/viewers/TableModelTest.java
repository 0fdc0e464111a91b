package org.gyrus.workbench.viewers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.gyrus.data.CategoricalColumn;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.junit.jupiter.api.Test;

/** The virtual table's model: types, missing counts, stable sorting by permutation. */
class TableModelTest {

    private static Table small() {
        return Table.of(new TextColumn("id", ColumnRole.ID, "s1", "s2", "s3", "s4", "s5"),
                new NumericColumn("age", new double[] {40, Double.NaN, 31, 40, 22}),
                new CategoricalColumn("sex", ColumnRole.FEATURE, List.of("M", "F"), new int[] {0, 1, CategoricalColumn.MISSING, 1, 0}),
                new TextColumn("note", "b", null, "a", "c", null));
    }

    @Test
    void headersSayTypeRoleAndMissingCount() {
        TableModel m = TableModel.of(small());
        assertEquals(5, m.rowCount());
        assertEquals(4, m.columnCount());
        assertEquals("number", m.columnType(1));
        assertEquals("category (2 levels)", m.columnType(2));
        assertEquals("text", m.columnType(3));
        assertEquals("id", m.columnRole(0));
        assertEquals(List.of(0, 1, 1, 2), List.of(m.missingCount(0), m.missingCount(1), m.missingCount(2), m.missingCount(3)));
        assertEquals("age [number, 1 missing]", m.header(1));
        assertEquals("id [text]", m.header(0));
        assertNull(m.cell(1, 1), "a missing cell is null");
        assertTrue(m.isNumeric(1));
    }

    @Test
    void sortingIsStableKeepsMissingLastAndNeverCopiesTheData() {
        TableModel m = TableModel.of(small());
        m.sort(1, true);
        assertEquals(List.of("s5", "s3", "s1", "s4", "s2"), ids(m), "ties (40) keep their order, NaN last");
        m.sort(1, false);
        assertEquals(List.of("s1", "s4", "s3", "s5", "s2"), ids(m), "descending: ties still in order, NaN still last");
        m.sort(2, true); // categories by their text: F before M
        assertEquals(List.of("s2", "s4", "s1", "s5", "s3"), ids(m));
        m.sort(3, true);
        assertEquals(List.of("s3", "s1", "s4", "s2", "s5"), ids(m));
        assertEquals(3, m.sortColumn());
        m.sort(-1, true);
        assertEquals(List.of("s1", "s2", "s3", "s4", "s5"), ids(m));
    }

    @Test
    void aFeatureMatrixShowsItsIdsAndFeatures() {
        FeatureMatrix f = new FeatureMatrix(new float[] {1, 2, Float.NaN, 4, 0, 6}, List.of("a", "b", "c"), List.of("x", "y"));
        TableModel m = TableModel.of(f);
        assertEquals(3, m.columnCount());
        assertEquals("float32", m.columnType(1));
        assertEquals(1, m.missingCount(1));
        m.sort(1, true);
        assertEquals(List.of("c", "a", "b"), ids(m));
        assertEquals("6.0", m.cell(0, 2), "row c, first after sorting");
    }

    @Test
    void aMillionRowsSortAndServeCellsOnDemand() {
        int n = 1_000_000;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (i * 7919L) % n; // a permutation of 0..n-1
        }
        v[123] = Double.NaN;
        TableModel m = TableModel.of(Table.of(new NumericColumn("x", v)));
        assertEquals(1, m.missingCount(0));
        m.sort(0, false);
        assertEquals(String.valueOf(n - 1), strip(m.cell(0, 0)));
        assertNull(m.cell(n - 1, 0));
        for (int r = 1; r < n - 1; r++) {
            assertTrue(v[m.dataRow(r - 1)] >= v[m.dataRow(r)]);
        }
    }

    private static String strip(String s) {
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    private static List<String> ids(TableModel m) {
        return java.util.stream.IntStream.range(0, m.rowCount()).mapToObj(r -> m.cell(r, 0)).toList();
    }
}
