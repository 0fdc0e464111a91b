package org.gyrus.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class FeatureMatrixTest {

    @Test
    void takesTheNumericFeatureColumnsInTableOrderWithIdsAsRowIds() {
        Table t = Table.of(
                new TextColumn("subject", ColumnRole.ID, "s1", "s2", "s3"),
                new NumericColumn("age", new double[] {61, Double.NaN, 70.5}),
                CategoricalColumn.of("site", "A", "B", "A"),
                new NumericColumn("score", new double[] {27, 25, 29.25}),
                new NumericColumn("lesion", ColumnRole.LABEL, new double[] {1, 0, 1}));
        FeatureMatrix m = FeatureMatrix.fromTable(t);
        assertEquals(3, m.rows());
        assertEquals(2, m.cols());
        assertEquals(List.of("age", "score"), m.featureNames());
        assertEquals(List.of("s1", "s2", "s3"), m.rowIds());
        assertArrayEquals(new float[] {61, 27, Float.NaN, 25, 70.5f, 29.25f}, m.toArray());
        assertEquals(29.25f, m.get(2, 1));
    }

    @Test
    void rowNumbersServeAsIdsWithoutAnIdColumn() {
        FeatureMatrix m = FeatureMatrix.fromTable(Table.of(new NumericColumn("x", new double[] {1, 2})));
        assertEquals(List.of("0", "1"), m.rowIds());
    }

    @Test
    void roundTripsThroughATable() {
        FeatureMatrix m = new FeatureMatrix(new float[] {1, 2, 3, 4, 5, 6}, List.of("a", "b"), List.of("f1", "f2", "f3"));
        Table t = m.toTable();
        assertEquals(List.of("id", "f1", "f2", "f3"), t.columnNames());
        FeatureMatrix back = FeatureMatrix.fromTable(t);
        assertArrayEquals(m.toArray(), back.toArray());
        assertEquals(m.rowIds(), back.rowIds());
    }

    @Test
    void refusesTablesWithoutNumericFeaturesAndMismatchedSizes() {
        Table t = Table.of(CategoricalColumn.of("site", "A", "B"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeatureMatrix.fromTable(t));
        assertEquals(true, e.getMessage().contains("[site]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FeatureMatrix(new float[5], List.of("a", "b"), List.of("x", "y")));
    }

    @Test
    void valuesReadsTheDataInPlaceAndToArrayCopiesIt() {
        float[] data = {1, 2, 3, 4, 5, 6};
        FeatureMatrix m = new FeatureMatrix(data, List.of("a", "b"), List.of("f1", "f2", "f3"));
        assertSame(data, m.values(), "no copy");
        assertEquals(6f, m.values()[5]);
        float[] copy = m.toArray();
        assertNotSame(data, copy);
        copy[0] = 99;
        assertEquals(1f, m.get(0, 0));
    }

    @Test
    void rowsCarryASampleShapeWhoseSizeIsTheRowWidth() {
        FeatureMatrix flat = new FeatureMatrix(new float[8], List.of("a", "b"), List.of("p1", "p2", "p3", "p4"));
        assertEquals(false, flat.hasSampleShape());
        assertArrayEquals(new int[] {4}, flat.sampleShape());
        FeatureMatrix images = flat.withSampleShape(1, 2, 2);
        assertEquals(true, images.hasSampleShape());
        assertArrayEquals(new int[] {1, 2, 2}, images.sampleShape());
        assertSame(flat.values(), images.values());
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> flat.withSampleShape(1, 3, 3));
        assertEquals("A sample shape of [1, 3, 3] holds 9 values, but each row has 4 features", wrong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> flat.withSampleShape(0, 4));
    }
}
