package org.gyrus.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.gyrus.data.CategoricalColumn;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.junit.jupiter.api.Test;

/** Issue item 4: clear errors that name the column and the value. */
class BadInputTest {

    private static final double NaN = Double.NaN;

    private static Table withEmptyColumn() {
        return Table.of(new NumericColumn("age", new double[] {60, NaN, 70}),
                new NumericColumn("empty", new double[] {NaN, NaN, NaN}));
    }

    private static void assertMessage(IllegalArgumentException e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + e.getMessage() + "' should mention " + p);
        }
    }

    @Test
    void allMissingColumnIsDroppedByMeanAndMedianAndNamed() {
        for (SimpleImputer.Strategy s : List.of(SimpleImputer.Strategy.MEAN, SimpleImputer.Strategy.MEDIAN,
                SimpleImputer.Strategy.MOST_FREQUENT)) {
            SimpleImputerModel m = new SimpleImputer(s).fit(withEmptyColumn(), List.of("age", "empty"));
            assertEquals(List.of("empty"), m.droppedColumns());
            assertEquals(List.of("age"), m.featureNamesOut());
            Table out = m.apply(withEmptyColumn());
            assertEquals(List.of("age"), out.columnNames());
            assertEquals(s == SimpleImputer.Strategy.MOST_FREQUENT ? 60 : 65, out.numeric("age").get(1));
        }
    }

    @Test
    void allMissingColumnIsKeptByConstant() {
        SimpleImputerModel m = new SimpleImputer(SimpleImputer.Strategy.CONSTANT).fillValue(-1)
                .fit(withEmptyColumn(), List.of("age", "empty"));
        assertEquals(List.of(), m.droppedColumns());
        Table out = m.apply(withEmptyColumn());
        assertEquals(-1, out.numeric("empty").get(2));
        SimpleImputerModel kept = new SimpleImputer(SimpleImputer.Strategy.MEAN).keepEmptyFeatures(true)
                .fit(withEmptyColumn(), List.of("age", "empty"));
        assertEquals(0, kept.apply(withEmptyColumn()).numeric("empty").get(0));
    }

    @Test
    void allMissingColumnIsDroppedByKnnAndIterative() {
        double[][] x = {{1, 2, NaN, 4}, {NaN, NaN, NaN, NaN}, {1, 1, 2, 2}};
        List<String> names = List.of("a", "empty", "b");
        assertEquals(List.of("empty"), new KnnImputer().neighbours(2).fit(names, x).droppedColumns());
        assertEquals(2, new KnnImputer().neighbours(2).fit(names, x).transform(x).length);
        IterativeImputerModel it = new IterativeImputer().fit(names, x);
        assertEquals(List.of("a", "b"), it.featureNamesOut());
        assertEquals(2, it.transform(x).length);
    }

    @Test
    void unseenCategoryWithHandleUnknownErrorNamesColumnAndValue() {
        Table train = Table.of(CategoricalColumn.of("site", "oxford", "leeds", "oxford"));
        Table test = Table.of(CategoricalColumn.of("site", "leeds", "york"));
        OneHotEncoderModel m = new OneHotEncoder().fit(train, List.of("site"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.apply(test));
        assertMessage(e, "column 'site'", "'york'", "row 1", "[leeds, oxford]");
        // ignore -> all zeros; infrequent_if_exist without infrequent categories -> zeros too.
        Table ignored = new OneHotEncoder().handleUnknown(OneHotEncoder.HandleUnknown.IGNORE).fit(train, List.of("site")).apply(test);
        assertEquals(List.of("site_leeds", "site_oxford"), ignored.columnNames());
        assertEquals(0, ignored.numeric("site_leeds").get(1) + ignored.numeric("site_oxford").get(1));
        IllegalArgumentException ord = assertThrows(IllegalArgumentException.class,
                () -> new OrdinalEncoder().fit(train, List.of("site")).apply(test));
        assertMessage(ord, "column 'site'", "'york'");
        assertEquals(-1, new OrdinalEncoder().unknownValue(-1).fit(train, List.of("site")).apply(test).numeric("site").get(1));
    }

    @Test
    void textInANumericColumnNamesColumnRowAndText() {
        Table bad = Table.of(new TextColumn("age", "61", "seventy", "55"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SimpleImputer(SimpleImputer.Strategy.MEAN).fit(bad, List.of("age")));
        assertMessage(e, "column 'age'", "row 1", "'seventy'");
        SimpleImputerModel m = new SimpleImputer(SimpleImputer.Strategy.MEAN)
                .fit(Table.of(new NumericColumn("age", new double[] {60, 70})), List.of("age"));
        assertMessage(assertThrows(IllegalArgumentException.class, () -> m.apply(bad)), "column 'age'", "'seventy'");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new StandardScaler().fit(bad, List.of("age"))),
                "'seventy'");
        // Numbers written as text are accepted.
        Table ok = Table.of(new TextColumn("age", "61", null, "55"));
        assertEquals(58, new SimpleImputer(SimpleImputer.Strategy.MEAN).fit(ok, List.of("age")).statistics()[0]);
    }

    @Test
    void meanOfACategoricalColumnIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SimpleImputer(SimpleImputer.Strategy.MEAN).fit(Penguins.table(), List.of("sex")));
        assertMessage(e, "column 'sex' must be numeric", "row 0", "'male'", "most_frequent");
    }

    @Test
    void emptyTableIsRefused() {
        Table empty = Table.of(new NumericColumn("age", new double[0]), CategoricalColumn.of("site"));
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> new SimpleImputer(SimpleImputer.Strategy.MEAN).fit(empty, List.of("age"))), "empty");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> new OneHotEncoder().fit(empty, List.of("site"))), "OneHotEncoder", "empty");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> new StandardScaler().fit(empty, List.of("age"))), "StandardScaler", "empty");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> new KnnImputer().fit(empty, List.of("age"))), "KNNImputer", "empty");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> new Splitter(Splitter.Mode.RANDOM, 1).trainTest(0, 0.2, null)), "empty");
    }

    @Test
    void applyingToATableWithoutAFittedColumnNamesIt() {
        SimpleImputerModel m = new SimpleImputer(SimpleImputer.Strategy.MEDIAN).fit(Penguins.table(), Penguins.NUMERIC);
        Table lacking = Penguins.table().without(List.of("body_mass_g"));
        List<TableTransform> models = List.of(m,
                new KnnImputer().fit(Penguins.table(), Penguins.NUMERIC),
                new IterativeImputer().fit(Penguins.table(), Penguins.NUMERIC),
                new StandardScaler().fit(Penguins.table(), Penguins.NUMERIC),
                new VarianceThreshold(0).fit(Penguins.table(), Penguins.NUMERIC));
        for (TableTransform t : models) {
            assertMessage(assertThrows(IllegalArgumentException.class, () -> t.apply(lacking)), "no column 'body_mass_g'",
                    "fitted on");
        }
        OneHotEncoderModel oh = new OneHotEncoder().fit(Penguins.table(), Penguins.CATEGORICAL);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> oh.apply(Penguins.table().without(List.of("island")))),
                "no column 'island'");
    }

    @Test
    void varianceThresholdThatKeepsNothingSaysSo() {
        Table constant = Table.of(new NumericColumn("c", new double[] {1, 1, 1}));
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> new VarianceThreshold(0).fit(constant, List.of("c"))), "no column's variance exceeds", "'c'");
    }
}
