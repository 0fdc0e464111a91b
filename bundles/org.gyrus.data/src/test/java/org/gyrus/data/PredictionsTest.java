package org.gyrus.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class PredictionsTest {

    private static Table threeRows() {
        return Predictions.table(new TextColumn("subject", "s1", "s2", "s3"),
                CategoricalColumn.of("lesion", "no", "yes", null),
                List.of("no", "yes"),
                new double[][] {{0.8, 0.3, 0.5}, {0.2, 0.7, 0.5}},
                List.of(CategoricalColumn.of("site", ColumnRole.GROUP, "A", "B", "A")));
    }

    @Test
    void learnerLayoutHasRolesAndNamesTheEvaluatorReadsBack() {
        Table t = threeRows();
        assertEquals(List.of("subject", "lesion", "predicted", "proba_no", "proba_yes", "site"), t.columnNames());
        assertEquals(ColumnRole.ID, t.column("subject").role());
        assertEquals(ColumnRole.LABEL, t.column("lesion").role());
        Predictions p = Predictions.of(t);
        assertEquals(List.of("no", "yes"), p.classes());
        assertArrayEquals(new int[] {0, 1, -1}, p.labelCodes(), "a missing label is -1");
        assertArrayEquals(new int[] {0, 1, 0}, p.predictedCodes(), "ties go to the first class");
        assertArrayEquals(new double[] {0.2, 0.7, 0.5}, p.probabilities(1));
        assertEquals("subject", p.id().orElseThrow().name());
    }

    @Test
    void numericZeroOneLabelsMatchClassNamesByTheirText() {
        Table t = Table.of(new NumericColumn("y", ColumnRole.LABEL, new double[] {1, 0}),
                new NumericColumn("proba_0", new double[] {0.1, 0.6}), new NumericColumn("proba_1", new double[] {0.9, 0.4}));
        Predictions p = Predictions.of(t);
        assertArrayEquals(new int[] {1, 0}, p.labelCodes());
        assertArrayEquals(new int[] {1, 0}, p.predictedCodes(), "without a predicted column the most probable class");
    }

    @Test
    void brokenLayoutsAreRefusedNamingTheColumn() {
        Table noLabel = Table.of(new NumericColumn("proba_a", new double[] {0.5}), new NumericColumn("proba_b", new double[] {0.5}));
        assertFalse(Predictions.of(noLabel).label().isPresent());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Predictions.of(noLabel).labelCodes());
        assertTrue(e.getMessage().contains("no true labels"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> Predictions.of(Table.of(new NumericColumn("proba_a", new double[] {1}))));
        assertTrue(e.getMessage().contains("not a predictions table"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> Predictions.of(Table.of(
                new NumericColumn("proba_a", new double[] {1.2}), new NumericColumn("proba_b", new double[] {-0.2}))));
        assertTrue(e.getMessage().contains("'proba_a' has 1.2 in row 1"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> Predictions.of(Table.of(
                new NumericColumn("proba_a", new double[] {0.5, Double.NaN}), new NumericColumn("proba_b", new double[] {0.5, 0.5}))));
        assertTrue(e.getMessage().contains("'proba_a' is missing (NaN) in row 2"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> Predictions.of(Table.of(
                new NumericColumn("proba_a", new double[] {0.5}), new NumericColumn("proba_b", new double[] {0.6}))));
        assertTrue(e.getMessage().contains("sum to 1.1"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> Predictions.of(Table.of(CategoricalColumn.of("y", ColumnRole.LABEL, "c"),
                new NumericColumn("proba_a", new double[] {0.5}), new NumericColumn("proba_b", new double[] {0.5}))));
        assertTrue(e.getMessage().contains("Column 'y' has 'c' in row 1"), e.getMessage());
    }
}
