package org.gyrus.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.gyrus.data.Column;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issue 11 item 3: infinity is refused in fit and apply by every model that scikit-learn 1.2.1
 * refuses it in (testdata/nonfinite.sklearn.json, written by make_nonfinite_reference.py), NaN
 * stays a missing cell exactly as there, and values so large that sums or squares overflow give
 * the true result or a clear error, never an infinite or empty column.
 */
class NonFiniteTest {

    private static final List<String> ABC = List.of("a", "b", "c");

    private static JsonNode reference;

    private static synchronized JsonNode reference() throws Exception {
        if (reference == null) {
            reference = new ObjectMapper().readTree(Penguins.DIR.resolve("nonfinite.sklearn.json").toFile());
        }
        return reference;
    }

    /** Columns a, b, c from the given column arrays, after an id column "subject" (sub-0, sub-1, ...). */
    private static Table table(double[][] columns) {
        int n = columns[0].length;
        List<Column> cs = new ArrayList<>();
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "sub-" + i;
        }
        cs.add(new TextColumn("subject", ColumnRole.ID, ids));
        for (int j = 0; j < columns.length; j++) {
            cs.add(new NumericColumn(ABC.get(j), columns[j].clone()));
        }
        return new Table(cs);
    }

    private static double[][] x() throws Exception {
        return Penguins.matrixColumns(reference().get("X"));
    }

    /** The reference matrix with its gaps filled by 1 (what the refusal cases fit on) and +inf at row 3 of 'b' if asked. */
    private static double[][] filled(boolean withInfinity) throws Exception {
        double[][] x = x();
        for (double[] c : x) {
            for (int i = 0; i < c.length; i++) {
                if (Double.isNaN(c[i])) {
                    c[i] = 1;
                }
            }
        }
        if (withInfinity) {
            x[1][3] = Double.POSITIVE_INFINITY;
        }
        return x;
    }

    /** The models of the reference, by its names, fitted on the columns a, b, c of a table. */
    private static Map<String, Function<Table, TableTransform>> fitters() {
        Map<String, Function<Table, TableTransform>> m = new LinkedHashMap<>();
        m.put("StandardScaler", t -> new StandardScaler().fit(t, ABC));
        m.put("MinMaxScaler", t -> new MinMaxScaler().fit(t, ABC));
        m.put("RobustScaler", t -> new RobustScaler().fit(t, ABC));
        m.put("SimpleImputer/mean", t -> new SimpleImputer(SimpleImputer.Strategy.MEAN).fit(t, ABC));
        m.put("SimpleImputer/median", t -> new SimpleImputer(SimpleImputer.Strategy.MEDIAN).fit(t, ABC));
        m.put("SimpleImputer/most_frequent", t -> new SimpleImputer(SimpleImputer.Strategy.MOST_FREQUENT).fit(t, ABC));
        m.put("SimpleImputer/constant", t -> new SimpleImputer(SimpleImputer.Strategy.CONSTANT).fillValue(0).fit(t, ABC));
        m.put("KNNImputer", t -> new KnnImputer().neighbours(2).fit(t, ABC));
        m.put("IterativeImputer", t -> new IterativeImputer().fit(t, ABC));
        m.put("VarianceThreshold", t -> new VarianceThreshold(0).fit(t, ABC));
        m.put("OneHotEncoder", t -> new OneHotEncoder().fit(t, ABC));
        m.put("OrdinalEncoder", t -> new OrdinalEncoder().fit(t, ABC));
        return m;
    }

    private static void assertMessage(Throwable e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + e.getMessage() + "' should mention " + p);
        }
    }

    @Test
    void infinityIsRefusedWhereScikitLearnRefusesIt() throws Exception {
        Map<String, Function<Table, TableTransform>> fitters = fitters();
        JsonNode refuses = reference().get("refuses_inf");
        assertEquals(fitters.keySet(), toList(refuses.fieldNames()).stream().collect(java.util.stream.Collectors.toSet()));
        Table good = table(filled(false));
        Table bad = table(filled(true));
        for (Map.Entry<String, Function<Table, TableTransform>> f : fitters.entrySet()) {
            String name = f.getKey();
            String kind = name.replaceAll("/.*", "");
            assertTrue(!refuses.get(name).get("fit").isNull(), name + ": scikit-learn refuses infinity in fit");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.getValue().apply(bad), name);
            assertMessage(e, kind, "column 'b'", "+infinity", "row 3 (subject 'sub-3')", "1e400");
            TableTransform model = f.getValue().apply(good);
            if (refuses.get(name).get("transform").isNull()) {
                // VarianceThreshold only selects columns in transform: scikit-learn passes infinity through.
                assertEquals(Double.POSITIVE_INFINITY, model.apply(bad).numeric("b").get(3), name);
            } else {
                assertMessage(assertThrows(IllegalArgumentException.class, () -> model.apply(bad), name), kind,
                        "column 'b'", "+infinity", "row 3 (subject 'sub-3')");
            }
        }
    }

    private static List<String> toList(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void negativeInfinityAndInfinityWrittenAsTextAreRefusedToo() {
        Table negative = Table.of(new NumericColumn("age", new double[] {61, Double.NEGATIVE_INFINITY, 55}));
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new StandardScaler().fit(negative, List.of("age"))),
                "column 'age'", "-infinity", "row 1");
        // A CSV cell "1e400" parses to infinity: as text it is caught while parsing.
        Table text = Table.of(new TextColumn("age", "61", "1e400", "55"));
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new MinMaxScaler().fit(text, List.of("age"))),
                "MinMaxScaler", "column 'age'", "+infinity", "row 1");
        Table inf = Table.of(new TextColumn("age", "61", "-inf", "55"));
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new RobustScaler().fit(inf, List.of("age"))),
                "column 'age'", "-infinity", "row 1");
        // The arrays API checks too.
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> new KnnImputer().fit(List.of("x"), new double[][] {{1, Double.POSITIVE_INFINITY, Double.NaN}})),
                "KNNImputer", "column 'x'", "row 1");
        ScalerModel m = new StandardScaler().fit(List.of("x"), new double[][] {{1, 2, 3}});
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> m.transform(new double[][] {{1, Double.NEGATIVE_INFINITY}})), "StandardScaler", "column 'x'", "row 1");
    }

    @Test
    void missingCellsBehaveAsInScikitLearn() throws Exception {
        Table t = table(x());
        for (Map.Entry<String, Function<Table, TableTransform>> f : fitters().entrySet()) {
            if (!reference().get("nan").has(f.getKey())) {
                continue;
            }
            double[][] expected = Penguins.matrixColumns(reference().get("nan").get(f.getKey()));
            Table out = f.getValue().apply(t).apply(t);
            double[][] actual = new double[3][];
            for (int j = 0; j < 3; j++) {
                actual[j] = out.numeric(ABC.get(j)).toArray();
            }
            double tol = f.getKey().startsWith("KNN") || f.getKey().startsWith("Iterative") ? 1e-6 : 1e-12;
            Approx.assertColumns(expected, actual, tol, f.getKey());
        }
    }

    @Test
    void standardScalerGivesTheTrueValuesWhereSquaresOverflow() throws Exception {
        JsonNode c = reference().get("huge").get("StandardScaler");
        double[][] huge = Penguins.matrixColumns(c.get("input"));
        double[][] expected = Penguins.matrixColumns(c.get("expected"));
        ScalerModel m = new StandardScaler().fit(table(huge), ABC);
        Table out = m.apply(table(huge));
        for (int j = 0; j < 3; j++) {
            Approx.assertVector(expected[j], out.numeric(ABC.get(j)).toArray(), 1e-12, "column " + ABC.get(j));
        }
        // scikit-learn's result here is wrong (unscaled deviations of about 1e200), which is why we differ.
        assertTrue(Math.abs(Penguins.matrixColumns(c.get("sklearn"))[0][0]) > 1e100);
        assertTrue(Double.isFinite(m.scale()[0]) && m.scale()[0] > 1e200);
    }

    @Test
    void minMaxScalerGivesTheTrueValuesWhereTheRangeOverflows() throws Exception {
        JsonNode c = reference().get("huge").get("MinMaxScaler");
        double[] huge = Penguins.matrixColumns(c.get("input"))[0];
        double[] expected = Penguins.matrixColumns(c.get("expected"))[0];
        Table t = Table.of(new NumericColumn("a", huge));
        Approx.assertVector(expected, new MinMaxScaler().fit(t, List.of("a")).apply(t).numeric("a").toArray(), 1e-12, "a");
        // scikit-learn maps the whole column to 0 here.
        assertEquals(0.0, Penguins.matrixColumns(c.get("sklearn"))[0][1]);
    }

    @Test
    void scalingThatOverflowsOnNewDataIsAnErrorNamingColumnAndRow() {
        Table train = Table.of(new TextColumn("subject", ColumnRole.ID, "s1", "s2", "s3"),
                new NumericColumn("a", new double[] {0, 1e-14, 2e-14}));
        ScalerModel m = new StandardScaler().fit(train, List.of("a"));
        Table huge = Table.of(new TextColumn("subject", ColumnRole.ID, "t1", "t2"), new NumericColumn("a", new double[] {1, 1e300}));
        assertMessage(assertThrows(IllegalArgumentException.class, () -> m.apply(huge)), "StandardScaler", "column 'a'",
                "row 1 (subject 't2')", "+infinity", "overflowed", "1.00e+300");
        // x - mean overflowing alone is not an error: the result itself is representable.
        Table wide = Table.of(new NumericColumn("a", new double[] {1e308, 1.7e308}));
        ScalerModel w = new StandardScaler().fit(wide, List.of("a"));
        double y = w.apply(Table.of(new NumericColumn("a", new double[] {-1.7e308}))).numeric("a").get(0);
        assertEquals(-3.05 / 0.35, y, 1e-9);
    }

    @Test
    void aColumnEmptyInFitIsNotSilentlyEmptiedInApply() {
        double nan = Double.NaN;
        Table train = Table.of(new NumericColumn("a", new double[] {1, 2, 3}), new NumericColumn("e", new double[] {nan, nan, nan}));
        Table test = Table.of(new NumericColumn("a", new double[] {1, 2}), new NumericColumn("e", new double[] {nan, 4}));
        for (ScalerModel m : List.of(new StandardScaler().fit(train, List.of("a", "e")), new MinMaxScaler().fit(train, List.of("a", "e")),
                new RobustScaler().fit(train, List.of("a", "e")))) {
            // As scikit-learn: the empty training column stays empty.
            assertTrue(Double.isNaN(m.apply(train).numeric("e").get(0)), m.kind());
            assertMessage(assertThrows(IllegalArgumentException.class, () -> m.apply(test), m.kind()), m.kind(), "column 'e'",
                    "no observed value", "row 1");
        }
    }

    @Test
    void robustScalerRefusesAQuantileRangeBeyondDoubles() {
        Table t = Table.of(new NumericColumn("a", new double[] {-1.7e308, -1.7e308, 1.7e308, 1.7e308}));
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new RobustScaler().fit(t, List.of("a"))),
                "RobustScaler", "quantile range of column 'a'");
        // Centring alone is fine: the median of the two middle values does not overflow.
        ScalerModel m = new RobustScaler().withScaling(false).fit(t, List.of("a"));
        assertEquals(0.0, m.offset()[0]);
        assertEquals(0.0, Stats.nanPercentiles(new double[] {-1.7e308, 1.7e308}, 50)[0]);
    }

    @Test
    void statisticsOfHugeValuesStayFinite() {
        double[] x = {1.5e308, 1.5e308, Double.NaN, 1.2e308};
        assertEquals(1.4e308, new SimpleImputer(SimpleImputer.Strategy.MEAN).statistic(x), 1e294);
        assertEquals(1.5e308, new SimpleImputer(SimpleImputer.Strategy.MEDIAN).statistic(x));
        assertEquals(1.35e308, Stats.nanMedian(new double[] {1.5e308, 1.2e308}), 1e294);
        SimpleImputerModel imputer = new SimpleImputer(SimpleImputer.Strategy.MEAN).fit(Table.of(new NumericColumn("a", x)), List.of("a"));
        assertEquals(1.4e308, imputer.apply(Table.of(new NumericColumn("a", x))).numeric("a").get(2), 1e294);
        // A column spread over the whole double range has a variance beyond it: kept, not silently dropped.
        Table wide = Table.of(new NumericColumn("a", new double[] {1e308, 1e308, -1e308, 5e307}),
                new NumericColumn("b", new double[] {1, 2, 3, 4}));
        VarianceThresholdModel v = new VarianceThreshold(1).fit(wide, List.of("a", "b"));
        assertEquals(List.of("a", "b"), v.featureNamesOut());
        assertEquals(Double.POSITIVE_INFINITY, v.variances()[0]);
    }

    @Test
    void knnDistancesThatOverflowAreAnError() {
        double nan = Double.NaN;
        Table t = Table.of(new NumericColumn("a", new double[] {1e200, -1e200, 3e200}),
                new NumericColumn("b", new double[] {1, 2, 3}), new NumericColumn("c", new double[] {nan, 5, 6}));
        KnnImputerModel m = new KnnImputer().neighbours(1).fit(t, List.of("a", "b", "c"));
        assertMessage(assertThrows(IllegalArgumentException.class, () -> m.apply(t)), "KNNImputer", "row 0", "overflows",
                "Rescale");
        // The same data in sensible units imputes.
        Table scaled = Table.of(new NumericColumn("a", new double[] {1, -1, 3}), new NumericColumn("b", new double[] {1, 2, 3}),
                new NumericColumn("c", new double[] {nan, 5, 6}));
        assertNotEquals(nan, new KnnImputer().neighbours(1).fit(scaled, List.of("a", "b", "c")).apply(scaled).numeric("c").get(0));
    }

    @Test
    void iterativeImputationOfHugeValuesIsRightOrAClearError() {
        double nan = Double.NaN;
        for (double scale : new double[] {1e100, 1e150, 1e200, 1e300}) {
            Table t = Table.of(new NumericColumn("a", new double[] {1 * scale, 2 * scale, nan, 4 * scale, 5 * scale}),
                    new NumericColumn("b", new double[] {2 * scale, 4 * scale, 6 * scale, nan, 10 * scale}));
            if (scale < 1e160) {
                // b = 2a exactly: the Bayesian ridge rounds find it.
                Table out = new IterativeImputer().fit(t, List.of("a", "b")).apply(t);
                assertEquals(3 * scale, out.numeric("a").get(2), 1e-3 * scale);
                assertEquals(8 * scale, out.numeric("b").get(3), 1e-3 * scale);
            } else {
                // The regression's squares overflow: an error naming the column, not a NaN in the output.
                assertMessage(assertThrows(IllegalArgumentException.class,
                        () -> new IterativeImputer().fit(t, List.of("a", "b")).apply(t)), "IterativeImputer", "column 'a'", "row 2",
                        "not a number", "overflowed");
            }
        }
    }

    @Test
    void aResultThatOverflowsIsNamedNotKept() {
        Table t = Table.of(new TextColumn("id", ColumnRole.ID, "x", "y"), new NumericColumn("a", new double[] {1, 2}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FiniteValues.requireFiniteResult(t, "a", null, new double[] {1, Double.NaN}, "IterativeImputer"));
        assertMessage(e, "IterativeImputer", "column 'a'", "row 1 (id 'y')", "not a number", "Rescale");
    }
}
