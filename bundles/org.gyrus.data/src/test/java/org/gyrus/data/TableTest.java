package org.gyrus.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class TableTest {

    private static Table clinical() {
        return Table.of(
                new TextColumn("subject", ColumnRole.ID, "s1", "s2", "s3", "s4"),
                new NumericColumn("age", new double[] {61, Double.NaN, 70.5, 58}),
                CategoricalColumn.of("site", "A", null, "B", "A"),
                new NumericColumn("lesion", ColumnRole.LABEL, new double[] {1, 0, 1, 0}));
    }

    @Test
    void missingCellsAreNaNForNumbersAndMissingCodeForCategories() {
        Table t = clinical();
        assertTrue(t.column("age").isMissing(1));
        assertEquals(Double.NaN, t.numeric("age").get(1));
        assertTrue(t.column("site").isMissing(1));
        assertEquals(CategoricalColumn.MISSING, t.categorical("site").code(1));
        assertNull(t.categorical("site").get(1));
        assertEquals(1, t.column("age").missingCount());
        assertEquals(2, t.missingCount());
    }

    @Test
    void categoricalColumnKeepsADictionaryInOrderOfFirstAppearance() {
        CategoricalColumn site = clinical().categorical("site");
        assertEquals(List.of("A", "B"), site.levels());
        assertArrayEquals(new int[] {0, -1, 1, 0}, site.codes());
        assertThrows(IllegalArgumentException.class, () -> new CategoricalColumn("x", ColumnRole.FEATURE, List.of("a"), new int[] {1}));
        assertThrows(IllegalArgumentException.class, () -> new CategoricalColumn("x", ColumnRole.FEATURE, List.of("a", "a"), new int[] {0}));
    }

    @Test
    void rolesAreKeptAndCanBeChanged() {
        Table t = clinical();
        assertEquals("subject", t.idColumn().orElseThrow().name());
        assertEquals(List.of("lesion"), t.columnsWithRole(ColumnRole.LABEL).stream().map(Column::name).toList());
        Table grouped = t.withRole("site", ColumnRole.GROUP);
        assertEquals(ColumnRole.GROUP, grouped.column("site").role());
        assertEquals(ColumnRole.FEATURE, t.column("site").role(), "the original table is unchanged");
        assertEquals(t.columnNames(), grouped.columnNames(), "the column stays in place");
    }

    @Test
    void selectingRowsAndColumnsKeepsValuesAndOrder() {
        Table t = clinical().selectRows(new int[] {3, 0}).select(List.of("site", "age"));
        assertEquals(List.of("site", "age"), t.columnNames());
        assertEquals(2, t.rowCount());
        assertEquals(58, t.numeric("age").get(0));
        assertEquals("A", t.categorical("site").get(1));
        assertThrows(IndexOutOfBoundsException.class, () -> clinical().selectRows(new int[] {4}));
    }

    @Test
    void errorsNameTheColumn() {
        Table t = clinical();
        IllegalArgumentException absent = assertThrows(IllegalArgumentException.class, () -> t.column("weight"));
        assertTrue(absent.getMessage().contains("'weight'"), absent.getMessage());
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class, () -> t.numeric("site"));
        assertTrue(kind.getMessage().contains("'site' is categorical"), kind.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Table.of(new NumericColumn("a", new double[2]), new NumericColumn("a", new double[2])));
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
                () -> Table.of(new NumericColumn("a", new double[2]), new NumericColumn("b", new double[3])));
        assertTrue(ragged.getMessage().contains("'b' has 3 rows"), ragged.getMessage());
    }

    @Test
    void columnsCopyTheirInputSoLaterChangesDoNotLeakIn() {
        double[] v = {1, 2};
        NumericColumn c = new NumericColumn("a", v);
        v[0] = 99;
        assertEquals(1, c.get(0));
        assertFalse(c.equals(NumericColumn.wrap("a", ColumnRole.FEATURE, v)));
    }
}
