package org.gyrus.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import org.gyrus.data.ModelArtifact;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.TextColumn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogisticRegressionTest {

    private static Labels labels(String... y) {
        return Labels.of(new TextColumn("y", y), null, r -> "r" + r);
    }

    @Test
    void lossGradientMatchesFiniteDifferences() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 5000;
        int p = 4;
        double[] x = new double[n * p];
        int[] y = new int[n];
        double[] w = new double[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(3);
            w[i] = 0.5 + r.nextDouble();
        }
        for (int classes : new int[] {2, 3}) {
            int[] yc = classes == 2 ? java.util.Arrays.stream(y).map(v -> v % 2).toArray() : y;
            LogisticLoss loss = new LogisticLoss(x, n, p, yc, w, classes, true, 0.7);
            double[] theta = new double[loss.parameters()];
            for (int i = 0; i < theta.length; i++) {
                theta[i] = 0.3 * r.nextGaussian();
            }
            double[] g = new double[theta.length];
            loss.evaluate(theta, g);
            for (int i = 0; i < theta.length; i++) {
                double h = 1e-6;
                double[] tp = theta.clone();
                double[] tm = theta.clone();
                tp[i] += h;
                tm[i] -= h;
                double numeric = (loss.evaluate(tp, new double[theta.length]) - loss.evaluate(tm, new double[theta.length])) / (2 * h);
                assertEquals(numeric, g[i], 1e-5 * Math.max(1, Math.abs(numeric)), classes + " classes, parameter " + i);
            }
        }
    }

    @Test
    void largeDecisionValuesDoNotOverflow() {
        assertEquals(1000, LogisticLoss.softplus(1000), 1e-12);
        assertEquals(Math.exp(-1000), LogisticLoss.softplus(-1000), 1e-300);
        assertEquals(1, LogisticLoss.sigmoid(800));
        assertEquals(0, LogisticLoss.sigmoid(-800), 1e-300);
    }

    @Test
    void optionsChangeTheFit() {
        Fixtures.Data d = Fixtures.penguins();
        Labels y = Labels.of(new TextColumn("species", d.labels()), null, r -> d.ids()[r]);
        LogisticRegression base = LogisticRegression.defaults().tol(1e-8).maxIter(1000);
        double[] c1 = base.fit(d.x(), d.n(), d.p(), y, d.features()).coef();
        double[] c01 = base.c(0.1).fit(d.x(), d.n(), d.p(), y, d.features()).coef();
        double[] balanced = base.classWeights(ClassWeights.balanced()).fit(d.x(), d.n(), d.p(), y, d.features()).coef();
        LogisticModel noIntercept = base.fitIntercept(false).fit(d.x(), d.n(), d.p(), y, d.features());
        assertTrue(Lbfgs.dot(c01, c01) < 0.8 * Lbfgs.dot(c1, c1), "a smaller C shrinks the coefficients: " + Lbfgs.dot(c01, c01) + " vs " + Lbfgs.dot(c1, c1));
        assertTrue(Fixtures.maxAbsDiff(c1, balanced) > 1e-2, "balanced weights move the coefficients");
        assertEquals(0, Fixtures.maxAbs(noIntercept.intercept()));
        assertEquals(List.of("Adelie", "Chinstrap", "Gentoo"), noIntercept.classes());
        assertEquals(3 * 4, c1.length, "multinomial: one coefficient row per class");
    }

    @Test
    void tooFewIterationsIsReportedAsNotConverged() {
        Fixtures.Data d = Fixtures.breastCancer();
        LogisticModel m = LogisticRegression.defaults().maxIter(3).tol(1e-8)
                .fit(d.x(), d.n(), d.p(), Labels.of(new TextColumn("y", d.labels()), null, r -> d.ids()[r]), d.features());
        assertFalse(m.fit().converged());
        assertEquals(3, m.fit().iterations());
        assertTrue(m.fit().message().contains("ITERATIONS REACHED LIMIT"));
    }

    @Test
    void numericLabelsSortNumerically() {
        Labels l = Labels.of(new NumericColumn("grade", new double[] {10, 9, 2, 10}), null, r -> "r" + r);
        assertEquals(List.of("2", "9", "10"), l.classes());
        assertEquals(2, l.codes()[0]);
    }

    @Test
    void badInputIsRefusedWithAClearMessage() {
        LogisticRegression lr = LogisticRegression.defaults();
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                () -> lr.fit(new double[] {1, 2}, 2, 1, labels("a", "a"), List.of("f")));
        assertTrue(one.getMessage().contains("at least two classes"), one.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> lr.fit(new double[] {1, Double.NaN, 3, 4}, 2, 2, labels("a", "b"), List.of("f", "g")));
        assertTrue(nan.getMessage().contains("'g'") && nan.getMessage().contains("row 1"), nan.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Labels.of(new TextColumn("dx", new String[] {"a", null}), null, r -> "sub-" + r));
        assertTrue(missing.getMessage().contains("'dx'") && missing.getMessage().contains("sub-1"), missing.getMessage());
        IllegalArgumentException weight = assertThrows(IllegalArgumentException.class, () -> ClassWeights.parse("a=2, b"));
        assertTrue(weight.getMessage().contains("'b' has no '='"), weight.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> lr.classWeights(ClassWeights.parse("c=2")).fit(new double[] {1, 2}, 2, 1, labels("a", "b"), List.of("f")));
        assertTrue(unknown.getMessage().contains("'c'"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> lr.c(0));
    }

    @Test
    void explicitClassWeightsWeighTheirClass() {
        double[] w = ClassWeights.parse("benign=1, malignant=3").sampleWeights(new int[] {0, 1, 1}, List.of("benign", "malignant"));
        assertEquals(List.of(1.0, 3.0, 3.0), java.util.Arrays.stream(w).boxed().toList());
        double[] b = ClassWeights.balanced().sampleWeights(new int[] {0, 1, 1, 1}, List.of("a", "b"));
        assertEquals(2.0, b[0], 1e-15);
        assertEquals(4.0 / 6, b[1], 1e-15);
    }

    @Test
    void modelSurvivesItsArtifact(@TempDir Path dir) throws Exception {
        Fixtures.Data d = Fixtures.penguins();
        LogisticModel m = LogisticRegression.defaults().fit(d.x(), d.n(), d.p(),
                Labels.of(new TextColumn("species", d.labels()), null, r -> d.ids()[r]), d.features());
        Path file = dir.resolve("model.safetensors");
        m.toArtifact().save(file);
        ModelArtifact loaded = ModelArtifact.load(file);
        assertEquals(LogisticModel.KIND, loaded.kind());
        LogisticModel back = LogisticModel.fromArtifact(loaded);
        assertEquals(0, Fixtures.maxAbsDiff(m.coef(), back.coef()));
        assertEquals(m.classes(), back.classes());
        assertEquals(m.fit(), back.fit());
        ModelArtifact other = ModelArtifact.builder("org.gyrus.reduce.pca").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogisticModel.fromArtifact(other));
        assertTrue(e.getMessage().contains("org.gyrus.reduce.pca"), e.getMessage());
        ModelArtifact future = ModelArtifact.builder(LogisticModel.KIND).schema(99).build();
        e = assertThrows(IllegalArgumentException.class, () -> LogisticModel.fromArtifact(future));
        assertTrue(e.getMessage().contains("version 99"), e.getMessage());
    }
}
