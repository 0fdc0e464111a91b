package org.gyrus.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.gyrus.data.TextColumn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Logistic, linear and ridge regression against scikit-learn 1.2.1 on the breast-cancer
 * (Wisconsin diagnostic) table and the penguins table, both standardised.
 *
 * <p>Tolerances. scikit-learn's lbfgs stops on SciPy's relative-reduction rule long before its
 * gradient reaches tol = 1e-8 (its max |gradient| is ~1e-4 at the end), so its coefficients lie up
 * to 1.6e-4 (relative to the largest coefficient) from the exact optimum, which the reference
 * script also records (scikit-learn's solution polished to max |gradient| ≤ 4e-7). We check
 * (a) with scikit-learn's stopping rules (tol = 1e-8): the same number of iterations within 2,
 * coefficients and intercepts within 1e-4 of the largest coefficient's size (seen: ≤ 2.4e-5),
 * probabilities within 1e-4 absolute (seen: ≤ 2.3e-5); and (b) without the reduction rule, down to what rounding
 * allows: max |gradient| ≤ 1e-6 and coefficients within 1e-6 relative of the exact optimum
 * (seen: ≤ 8e-8).
 */
class ParityTest {

    static Stream<String> logisticCases() {
        List<String> names = new ArrayList<>();
        Iterator<String> it = Fixtures.reference().get("logistic").fieldNames();
        it.forEachRemaining(names::add);
        return names.stream();
    }

    private static Fixtures.Data data(String name, JsonNode ref) {
        Fixtures.Data d = name.startsWith("bc_") ? Fixtures.breastCancer() : Fixtures.penguins();
        return ref.has("features_used") ? d.first(ref.get("features_used").size()) : d;
    }

    private static LogisticRegression settings(JsonNode ref) {
        JsonNode params = ref.get("params");
        LogisticRegression lr = LogisticRegression.defaults().tol(ref.get("tol").asDouble()).maxIter(ref.get("max_iter").asInt());
        if (params.has("C")) {
            lr = lr.c(params.get("C").asDouble());
        }
        if (params.has("penalty") && params.get("penalty").isNull()) {
            lr = lr.penalty(LogisticRegression.Penalty.NONE);
        }
        if (params.has("fit_intercept")) {
            lr = lr.fitIntercept(params.get("fit_intercept").asBoolean());
        }
        JsonNode cw = params.get("class_weight");
        if (cw != null && cw.isTextual()) {
            lr = lr.classWeights(ClassWeights.parse(cw.asText()));
        } else if (cw != null) {
            StringBuilder spec = new StringBuilder();
            cw.fields().forEachRemaining(e -> spec.append(spec.length() > 0 ? ", " : "").append(e.getKey()).append('=').append(e.getValue().asDouble()));
            lr = lr.classWeights(ClassWeights.parse(spec.toString()));
        }
        return lr;
    }

    private static LogisticModel fit(LogisticRegression lr, Fixtures.Data d) {
        Labels labels = Labels.of(new TextColumn("y", d.labels()), null, r -> d.ids()[r]);
        return lr.fit(d.x(), d.n(), d.p(), labels, d.features());
    }

    @Test
    void standardisationMatchesStandardScaler() {
        for (String set : List.of("breast_cancer", "penguins")) {
            JsonNode ref = Fixtures.reference().get(set);
            Fixtures.Data d = set.equals("penguins") ? Fixtures.penguins() : Fixtures.breastCancer();
            assertEquals(ref.get("rows").asInt(), d.n(), set);
            assertTrue(Fixtures.maxAbsDiff(Fixtures.doubles(ref.get("mean")), d.mean()) < 1e-9 * Fixtures.maxAbs(d.mean()), set);
            assertTrue(Fixtures.maxAbsDiff(Fixtures.doubles(ref.get("scale")), d.scale()) < 1e-9 * Fixtures.maxAbs(d.scale()), set);
        }
    }

    @ParameterizedTest
    @MethodSource("logisticCases")
    void logisticRegressionMatchesScikitLearn(String name) {
        JsonNode ref = Fixtures.reference().get("logistic").get(name);
        assertTrue(ref.get("converged").asBoolean(), name + ": the reference script only keeps cases where scikit-learn converged");
        Fixtures.Data d = data(name, ref);
        LogisticModel m = fit(settings(ref), d);
        assertEquals(Fixtures.reference().get("logistic").get(name).get("classes").toString(),
                new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(m.classes()).toString());
        assertTrue(m.fit().converged(), name + ": " + m.fit().message());
        double[] coef = Fixtures.doubles(ref.get("coef"));
        double size = Fixtures.maxAbs(coef);
        double dc = Fixtures.maxAbsDiff(coef, m.coef()) / size;
        double di = Fixtures.maxAbsDiff(Fixtures.doubles(ref.get("intercept")), m.intercept()) / size;
        double dp = Fixtures.maxAbsDiff(Fixtures.doubles(ref.get("proba")), transpose(m.predictProba(d.x(), d.n())));
        System.out.printf("%s: sklearn semantics: %d iterations (sklearn %d), coef %.2e, intercept %.2e, proba %.2e%n", name,
                m.fit().iterations(), ref.get("n_iter").asInt(), dc, di, dp);
        assertEquals(ref.get("n_iter").asInt(), m.fit().iterations(), 2, name + " iterations");
        assertTrue(dc < 1e-4, name + " coefficients differ by " + dc);
        assertTrue(di < 1e-4, name + " intercepts differ by " + di);
        assertTrue(dp < 1e-4, name + " probabilities differ by " + dp);

        // Rounding ends the search near 1e-7 (a line search then finds no decrease it can see).
        LogisticModel exact = fit(settings(ref).tol(1e-10).ftol(0), d);
        assertTrue(exact.fit().maxGradient() < 1e-6, name + ": " + exact.fit().message() + ", max |gradient| " + exact.fit().maxGradient());
        double[] opt = Fixtures.doubles(ref.get("optimum_coef"));
        double ec = Fixtures.maxAbsDiff(opt, exact.coef()) / Fixtures.maxAbs(opt);
        double ei = Fixtures.maxAbsDiff(Fixtures.doubles(ref.get("optimum_intercept")), exact.intercept()) / Fixtures.maxAbs(opt);
        System.out.printf("%s: exact optimum: %d iterations, coef %.2e, intercept %.2e, objective %.10g vs sklearn's %.10g%n", name,
                exact.fit().iterations(), ec, ei, exact.fit().objective(), ref.get("objective").asDouble());
        assertTrue(ec < 1e-6, name + " coefficients differ from the optimum by " + ec);
        assertTrue(ei < 1e-6, name + " intercepts differ from the optimum by " + ei);
        assertTrue(exact.fit().objective() <= ref.get("objective").asDouble() + 1e-9, name);
    }

    @Test
    void linearAndRidgeRegressionMatchScikitLearn() {
        Fixtures.Data d = Fixtures.penguins();
        JsonNode refs = Fixtures.reference().get("linear");
        Fixtures.Data x = d.first(3);
        double[] mass = new double[d.n()];
        double[] z = d.column("body_mass_g");
        for (int i = 0; i < mass.length; i++) {
            mass[i] = z[i] * d.scale()[3] + d.mean()[3];
        }
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) refs::fields) {
            JsonNode ref = e.getValue();
            LinearModel m = new LinearRegression(ref.get("alpha").asDouble(), ref.get("fit_intercept").asBoolean())
                    .fit(x.x(), x.n(), x.p(), mass, x.features(), "body_mass_g");
            double[] coef = Fixtures.doubles(ref.get("coef"));
            double dc = Fixtures.maxAbsDiff(coef, m.coef()) / Fixtures.maxAbs(coef);
            assertTrue(dc < 1e-10, e.getKey() + " coefficients differ by " + dc);
            assertEquals(ref.get("intercept").asDouble(), m.intercept(), 1e-9 * Math.abs(ref.get("intercept").asDouble()) + 1e-9, e.getKey());
        }
    }

    /** proba[class][sample] as the reference's row-major sample × class. */
    static double[] transpose(double[][] proba) {
        int k = proba.length;
        int n = proba[0].length;
        double[] out = new double[n * k];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                out[i * k + c] = proba[c][i];
            }
        }
        return out;
    }
}
