package org.gyrus.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.gyrus.data.CategoricalColumn;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.junit.jupiter.api.Test;

/** Column selection and joins. */
class TableOpsTest {

    @Test
    void selectByNamePatternRoleAndType() {
        Table t = Penguins.table().withRole("species", ColumnRole.LABEL);
        assertEquals(List.of("year", "sex"), new ColumnSelector().names(List.of("year", "sex")).select(t));
        assertEquals(List.of("bill_length_mm", "bill_depth_mm"), new ColumnSelector().pattern("bill_.*").select(t));
        assertEquals(List.of("species"), new ColumnSelector().roles(Set.of(ColumnRole.LABEL)).select(t));
        assertEquals(List.of("island", "sex"), new ColumnSelector().types(Set.of(ColumnSelector.Type.CATEGORICAL))
                .roles(Set.of(ColumnRole.FEATURE)).select(t));
        assertEquals(List.of("species", "island", "sex"), new ColumnSelector().types(Set.of(ColumnSelector.Type.NUMERIC))
                .exclude(true).select(t));
        assertEquals(List.of("flipper_length_mm", "body_mass_g"), new ColumnSelector()
                .types(Set.of(ColumnSelector.Type.NUMERIC)).pattern(".*_(mm|g)").exclude(false).select(t).subList(2, 4));
    }

    @Test
    void selectionErrorsNameTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ColumnSelector().names(List.of("age")).select(Penguins.table()));
        assertTrue(e.getMessage().contains("no column 'age'"), e.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> new ColumnSelector().pattern("zzz.*").select(Penguins.table()));
        assertTrue(none.getMessage().contains("pattern 'zzz.*' selects no column"), none.getMessage());
    }

    private static Table scans() {
        return Table.of(new TextColumn("subject", ColumnRole.ID, "s1", "s2", "s1", "s3"),
                new NumericColumn("volume", new double[] {1.0, 2.0, 3.0, 4.0}));
    }

    private static Table demographics() {
        return Table.of(new NumericColumn("subject", ColumnRole.ID, new double[] {1, 2}).withName("subject"),
                new NumericColumn("age", new double[] {70, 65}),
                CategoricalColumn.of("sex", "f", "m"),
                new NumericColumn("volume", new double[] {9, 9}));
    }

    @Test
    void leftAndInnerJoinOnSubjectId() {
        Table demo = Table.of(new TextColumn("subject", ColumnRole.ID, "s1", "s2"),
                new NumericColumn("age", new double[] {70, 65}), CategoricalColumn.of("sex", "f", "m"),
                new NumericColumn("volume", new double[] {9, 9}));
        Table left = new TableJoin(TableJoin.How.LEFT).apply(scans(), demo);
        assertEquals(List.of("subject", "volume", "age", "sex", "volume_right"), left.columnNames());
        assertEquals(4, left.rowCount());
        assertEquals(70, left.numeric("age").get(2));
        assertEquals("m", left.categorical("sex").get(1));
        assertTrue(Double.isNaN(left.numeric("age").get(3)));
        assertNull(left.categorical("sex").get(3));
        Table inner = new TableJoin(TableJoin.How.INNER).apply(scans(), demo);
        assertEquals(3, inner.rowCount());
        assertEquals(List.of(1.0, 2.0, 3.0), List.of(inner.numeric("volume").get(0), inner.numeric("volume").get(1),
                inner.numeric("volume").get(2)));
    }

    @Test
    void joinKeysCompareAsText() {
        Table scansNumeric = Table.of(new TextColumn("subject", ColumnRole.ID, "1", "2", "3"));
        Table joined = new TableJoin(TableJoin.How.INNER).apply(scansNumeric, demographics());
        assertEquals(2, joined.rowCount());
        assertEquals(65, joined.numeric("age").get(1));
    }

    @Test
    void duplicateRightIdIsAnError() {
        Table dup = Table.of(new TextColumn("subject", ColumnRole.ID, "s1", "s1"), new NumericColumn("age", new double[] {1, 2}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TableJoin(TableJoin.How.LEFT).apply(scans(), dup));
        assertTrue(e.getMessage().contains("id 's1' appears in rows 0 and 1"), e.getMessage());
        IllegalArgumentException noId = assertThrows(IllegalArgumentException.class,
                () -> new TableJoin(TableJoin.How.LEFT).apply(Penguins.table(), dup));
        assertTrue(noId.getMessage().contains("left table has no id column"), noId.getMessage());
    }
}
