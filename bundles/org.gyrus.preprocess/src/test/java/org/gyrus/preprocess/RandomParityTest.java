package org.gyrus.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gyrus.data.CategoricalColumn;
import org.gyrus.data.Column;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Parity with scikit-learn 1.2.1 on seeded random data (testdata/random.sklearn.json, written by
 * testdata/make_random_reference.py): the options the penguins reference does not reach.
 */
class RandomParityTest {

    private static final double TOL = 1e-9;
    private static final double TOL_ITERATIVE = 1e-6;
    private static final List<String> CATS = List.of("c0", "c1", "c2");

    private static Map<String, JsonNode> cases;
    private static double[][] x;
    private static List<String> names;

    @BeforeAll
    static void load() throws IOException {
        JsonNode root = new ObjectMapper().readTree(Penguins.DIR.resolve("random.sklearn.json").toFile());
        cases = new LinkedHashMap<>();
        for (JsonNode c : root.get("cases")) {
            cases.put(c.get("name").asText(), c);
        }
        x = Penguins.matrixColumns(cases.get("X").get("output"));
        names = new ArrayList<>();
        for (int j = 0; j < x.length; j++) {
            names.add("v" + j);
        }
    }

    private static Table numericTable() {
        List<Column> cols = new ArrayList<>();
        for (int j = 0; j < x.length; j++) {
            cols.add(new NumericColumn(names.get(j), x[j]));
        }
        return new Table(cols);
    }

    private static Table categorical(String name) {
        JsonNode rows = cases.get(name).get("cats");
        int n = rows.size();
        String[][] c = new String[3][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                String s = rows.get(i).get(j).asText();
                c[j][i] = s.equals("__missing__") ? null : s;
            }
        }
        return Table.of(CategoricalColumn.of("c0", c[0]), CategoricalColumn.of("c1", c[1]), CategoricalColumn.of("c2", c[2]));
    }

    private static double[][] expected(String name, String field) {
        return Penguins.matrixColumns(cases.get(name).get(field));
    }

    @Test
    void knnImputerWithTiesAndSeveralK() {
        for (String k : cases.keySet()) {
            if (k.startsWith("knn/")) {
                JsonNode c = cases.get(k);
                KnnImputerModel m = new KnnImputer().neighbours(c.get("k").asInt())
                        .weights(KnnImputer.Weights.parse(c.get("w").asText())).fit(names, x);
                Approx.assertColumns(expected(k, "output"), m.transform(x), TOL_ITERATIVE, k);
            }
        }
    }

    @Test
    void iterativeImputerRoundsStoppingAndClipping() {
        for (String k : cases.keySet()) {
            if (k.startsWith("iter/")) {
                JsonNode c = cases.get(k);
                IterativeImputerModel m = k.equals("iter/clip") ? new IterativeImputer().clip(-1, 5).fit(names, x)
                        : new IterativeImputer().maxIter(c.get("max_iter").asInt()).tol(c.get("tol").asDouble()).fit(names, x);
                assertEquals(c.has("niter") ? c.get("niter").asInt() : c.get("n_iter").asInt(), m.rounds(), k + " rounds");
                Approx.assertColumns(expected(k, "output"), m.transform(x), TOL_ITERATIVE, k);
            }
        }
    }

    @Test
    void simpleImputersAndRobustScaler() {
        for (String s : List.of("mean", "median", "most_frequent")) {
            SimpleImputerModel m = new SimpleImputer(SimpleImputer.Strategy.parse(s)).fit(numericTable(), names);
            Approx.assertColumns(expected("simple/" + s, "output"), m.transform(x), TOL, s);
        }
        double[][] filled = new SimpleImputer(SimpleImputer.Strategy.MEAN).fit(numericTable(), names).transform(x);
        Approx.assertColumns(expected("robust", "output"), new RobustScaler().quantileRange(10, 80).fit(names, filled)
                .transform(filled), TOL, "robust");
    }

    @Test
    void oneHotOptionCombinations() {
        Table train = categorical("C");
        Table test = categorical("T");
        for (String k : cases.keySet()) {
            if (!k.startsWith("onehot/")) {
                continue;
            }
            JsonNode p = cases.get(k).get("params");
            OneHotEncoder e = new OneHotEncoder().handleUnknown(OneHotEncoder.HandleUnknown.parse(p.get("handle_unknown").asText()));
            if (p.has("max_categories")) {
                e.maxCategories(p.get("max_categories").asInt());
            }
            if (p.has("min_frequency")) {
                JsonNode mf = p.get("min_frequency");
                if (mf.isInt()) {
                    e.minFrequency(mf.asInt());
                } else {
                    e.minFrequencyFraction(mf.asDouble());
                }
            }
            if (p.has("drop")) {
                e.drop(OneHotEncoder.Drop.parse(p.get("drop").asText()));
            }
            OneHotEncoderModel m = e.fit(train, CATS);
            assertEquals(Penguins.strings(cases.get(k).get("names")), m.featureNamesOut(), k + " " + p);
            Approx.assertColumns(expected(k, "train"), m.transform(train), TOL, k + " train");
            Approx.assertColumns(expected(k, "test"), m.transform(test), TOL, k + " test (unknown categories)");
        }
    }

    @Test
    void ordinalEncoderUnknownValue() {
        OrdinalEncoderModel m = new OrdinalEncoder().unknownValue(-1).fit(categorical("C"), CATS);
        Table t = m.apply(categorical("T"));
        double[][] out = {t.numeric("c0").toArray(), t.numeric("c1").toArray(), t.numeric("c2").toArray()};
        Approx.assertColumns(expected("ordinal", "test"), out, TOL, "ordinal");
    }
}
