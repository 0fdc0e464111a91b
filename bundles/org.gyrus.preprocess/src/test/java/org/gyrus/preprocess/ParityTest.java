package org.gyrus.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One test per case of penguins.sklearn.json (scikit-learn 1.2.1), except PCA: same output
 * columns in the same order, same feature names, values within 1e-9 (1e-6 for KNN and iterative
 * imputation).
 */
class ParityTest {

    private static final double TOL = 1e-9;
    private static final double TOL_ITERATIVE = 1e-6;

    private static void simpleCase(String name, SimpleImputer imputer) {
        JsonNode c = Penguins.referenceCase(name);
        assertEquals(Penguins.NUMERIC, Penguins.strings(c.get("params").get("columns")));
        SimpleImputerModel m = imputer.fit(Penguins.table(), Penguins.NUMERIC);
        if (c.has("statistics")) {
            Approx.assertVector(Penguins.vector(c.get("statistics")), m.statistics(), TOL, name + " statistics");
        }
        double[][] out = m.transform(Penguins.numeric());
        Approx.assertColumns(Penguins.matrixColumns(c.get("output")), out, TOL, name);
        // The table path gives the same numbers.
        Table t = m.apply(Penguins.table());
        List<String> names = m.featureNamesOut();
        for (int j = 0; j < names.size(); j++) {
            Approx.assertVector(out[j], t.numeric(names.get(j)).toArray(), 0, name + " via table, " + names.get(j));
        }
    }

    @Test
    void simpleImputerMean() {
        simpleCase("SimpleImputer/mean", new SimpleImputer(SimpleImputer.Strategy.MEAN));
    }

    @Test
    void simpleImputerMedian() {
        simpleCase("SimpleImputer/median", new SimpleImputer(SimpleImputer.Strategy.MEDIAN));
    }

    @Test
    void simpleImputerMostFrequent() {
        simpleCase("SimpleImputer/most_frequent", new SimpleImputer(SimpleImputer.Strategy.MOST_FREQUENT));
    }

    @Test
    void simpleImputerConstantWithIndicator() {
        JsonNode p = Penguins.referenceCase("SimpleImputer/constant+indicator").get("params");
        simpleCase("SimpleImputer/constant+indicator", new SimpleImputer(SimpleImputer.Strategy.CONSTANT)
                .fillValue(p.get("fill_value").asDouble()).addIndicator(p.get("add_indicator").asBoolean()));
        SimpleImputerModel m = new SimpleImputer(SimpleImputer.Strategy.CONSTANT).fillValue(-1).addIndicator(true)
                .fit(Penguins.table(), Penguins.NUMERIC);
        assertEquals(List.of("bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "year",
                "missingindicator_bill_length_mm", "missingindicator_bill_depth_mm", "missingindicator_flipper_length_mm",
                "missingindicator_body_mass_g"), m.featureNamesOut());
    }

    private static void knnCase(String name, KnnImputer.Weights w) {
        JsonNode c = Penguins.referenceCase(name);
        JsonNode p = c.get("params");
        assertEquals("nan_euclidean", p.get("metric").asText());
        KnnImputerModel m = new KnnImputer().neighbours(p.get("n_neighbors").asInt())
                .weights(KnnImputer.Weights.parse(p.get("weights").asText())).fit(Penguins.table(), Penguins.NUMERIC);
        assertEquals(w, m.weights());
        Approx.assertColumns(Penguins.matrixColumns(c.get("output")), m.transform(Penguins.numeric()), TOL_ITERATIVE, name);
    }

    @Test
    void knnImputerUniform() {
        knnCase("KNNImputer/uniform", KnnImputer.Weights.UNIFORM);
    }

    @Test
    void knnImputerDistance() {
        knnCase("KNNImputer/distance", KnnImputer.Weights.DISTANCE);
    }

    @Test
    void iterativeImputerBayesianRidge() {
        JsonNode c = Penguins.referenceCase("IterativeImputer/BayesianRidge");
        JsonNode p = c.get("params");
        IterativeImputerModel m = new IterativeImputer().maxIter(p.get("max_iter").asInt()).tol(p.get("tol").asDouble())
                .fit(Penguins.table(), Penguins.NUMERIC);
        assertEquals(c.get("n_iter").asInt(), m.rounds());
        Approx.assertColumns(Penguins.matrixColumns(c.get("output")), m.transform(Penguins.numeric()), TOL_ITERATIVE,
                "IterativeImputer");
    }

    private static void oneHotCase(String name, OneHotEncoder encoder) {
        JsonNode c = Penguins.referenceCase(name);
        assertEquals(Penguins.CATEGORICAL, Penguins.strings(c.get("params").get("columns")));
        OneHotEncoderModel m = encoder.fit(Penguins.table(), Penguins.CATEGORICAL);
        if (c.has("categories")) {
            for (int j = 0; j < 3; j++) {
                assertEquals(Penguins.strings(c.get("categories").get(j)), m.features().get(j).categories());
            }
        }
        assertEquals(Penguins.strings(c.get("feature_names")), m.featureNamesOut());
        Table t = m.apply(Penguins.table());
        // The encoded block replaces the input columns where they were (species, island at the front).
        assertEquals(m.featureNamesOut().get(0), t.columnNames().get(0));
        Approx.assertColumns(Penguins.matrixColumns(c.get("output")), m.transform(Penguins.table()), TOL, name);
    }

    @Test
    void oneHotError() {
        oneHotCase("OneHotEncoder/error", new OneHotEncoder().handleUnknown(OneHotEncoder.HandleUnknown.ERROR));
    }

    @Test
    void oneHotIgnore() {
        oneHotCase("OneHotEncoder/ignore", new OneHotEncoder().handleUnknown(OneHotEncoder.HandleUnknown.IGNORE));
    }

    @Test
    void oneHotDropFirst() {
        oneHotCase("OneHotEncoder/drop_first", new OneHotEncoder().drop(OneHotEncoder.Drop.parse("first")));
    }

    @Test
    void oneHotMinFrequency() {
        JsonNode p = Penguins.referenceCase("OneHotEncoder/min_frequency20").get("params");
        oneHotCase("OneHotEncoder/min_frequency20", new OneHotEncoder().minFrequency(p.get("min_frequency").asInt())
                .handleUnknown(OneHotEncoder.HandleUnknown.parse(p.get("handle_unknown").asText())));
    }

    @Test
    void ordinalEncoder() {
        JsonNode c = Penguins.referenceCase("OrdinalEncoder");
        OrdinalEncoderModel m = new OrdinalEncoder().fit(Penguins.table(), Penguins.CATEGORICAL);
        for (int j = 0; j < 3; j++) {
            assertEquals(Penguins.strings(c.get("categories").get(j)), m.categories().get(j));
        }
        Table t = m.apply(Penguins.table());
        double[][] out = new double[3][];
        for (int j = 0; j < 3; j++) {
            out[j] = t.numeric(Penguins.CATEGORICAL.get(j)).toArray();
        }
        Approx.assertColumns(Penguins.matrixColumns(c.get("output")), out, TOL, "OrdinalEncoder");
    }

    /** The reference scalers' input: the mean-imputed numeric columns, made by our own imputer. */
    private static double[][] meanImputed() {
        return new SimpleImputer(SimpleImputer.Strategy.MEAN).fit(Penguins.table(), Penguins.NUMERIC)
                .transform(Penguins.numeric());
    }

    private static void scalerCase(String name, ScalerModel m) {
        JsonNode c = Penguins.referenceCase(name);
        Approx.assertColumns(Penguins.matrixColumns(c.get("output")), m.transform(meanImputed()), TOL, name);
    }

    @Test
    void standardScaler() {
        scalerCase("StandardScaler", new StandardScaler().fit(Penguins.NUMERIC, meanImputed()));
    }

    @Test
    void minMaxScaler() {
        scalerCase("MinMaxScaler", new MinMaxScaler().fit(Penguins.NUMERIC, meanImputed()));
    }

    @Test
    void robustScaler() {
        scalerCase("RobustScaler", new RobustScaler().fit(Penguins.NUMERIC, meanImputed()));
    }

    private static void varianceCase(String name) {
        JsonNode c = Penguins.referenceCase(name);
        double threshold = c.get("params").get("threshold").asDouble();
        // Input: mean-imputed numeric columns, then the one-hot columns of all categories.
        OneHotEncoderModel oh = new OneHotEncoder().fit(Penguins.table(), Penguins.CATEGORICAL);
        List<double[]> cols = new ArrayList<>(List.of(meanImputed()));
        cols.addAll(List.of(oh.transform(Penguins.table())));
        List<String> names = new ArrayList<>(Penguins.NUMERIC);
        names.addAll(oh.featureNamesOut());
        double[][] x = cols.toArray(double[][]::new);
        VarianceThresholdModel m = new VarianceThreshold(threshold).fit(names, x);
        Approx.assertVector(Penguins.vector(c.get("variances")), m.variances(), TOL, name + " variances");
        boolean[] support = new boolean[names.size()];
        for (int j = 0; j < support.length; j++) {
            support[j] = c.get("support").get(j).asBoolean();
        }
        assertArrayEquals(support, m.support(), name + " support");
        Approx.assertColumns(Penguins.matrixColumns(c.get("output")), m.transform(x), TOL, name);
        // Applied to a table, the same columns remain.
        List<org.gyrus.data.Column> tc = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            tc.add(new NumericColumn(names.get(j), x[j]));
        }
        assertEquals(m.featureNamesOut(), m.apply(new Table(tc)).columnNames());
    }

    @Test
    void varianceThreshold0() {
        varianceCase("VarianceThreshold/0.0");
    }

    @Test
    void varianceThreshold01() {
        varianceCase("VarianceThreshold/0.1");
    }

    @Test
    void varianceThreshold1() {
        varianceCase("VarianceThreshold/1.0");
    }
}
