package org.gyrus.learn.nodes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import org.gyrus.data.CategoricalColumn;
import org.gyrus.data.Column;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Predictions;
import org.gyrus.data.Report;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.gyrus.learn.LinearModel;
import org.gyrus.learn.LogisticModel;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeRun;
import org.gyrus.pipeline.NodeType;
import org.junit.jupiter.api.Test;

/** The node components, run without a framework through {@link NodeRun}. */
class NodesTest {

    private static Map<String, Object> run(NodeType node, Map<String, Object> inputs, Map<String, Object> params) throws Exception {
        NodeRun.Builder b = NodeRun.builder(node.descriptor()).seed(7);
        inputs.forEach(b::input);
        params.forEach(b::parameter);
        return b.build().execute(node);
    }

    /** The penguins table: id, the four measurements standardised, species (label), island (group), rows with NA dropped. */
    private static Table penguins() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("testdata", "penguins.csv"));
        List<String> header = Arrays.asList(lines.get(0).split(","));
        String[] features = {"bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"};
        List<double[]> rows = new ArrayList<>();
        List<String> species = new ArrayList<>();
        List<String> island = new ArrayList<>();
        for (int r = 1; r < lines.size(); r++) {
            String[] c = lines.get(r).split(",", -1);
            double[] v = new double[features.length];
            boolean missing = false;
            for (int j = 0; j < v.length; j++) {
                String s = c[header.indexOf(features[j])];
                missing |= s.equals("NA") || s.isEmpty();
                v[j] = missing ? 0 : Double.parseDouble(s);
            }
            if (!missing) {
                rows.add(v);
                species.add(c[header.indexOf("species")]);
                island.add(c[header.indexOf("island")]);
            }
        }
        int n = rows.size();
        List<Column> cols = new ArrayList<>();
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "p" + i;
        }
        cols.add(new TextColumn("id", ColumnRole.ID, ids));
        for (int j = 0; j < features.length; j++) {
            double[] v = new double[n];
            double mean = 0;
            for (int i = 0; i < n; i++) {
                v[i] = rows.get(i)[j];
                mean += v[i] / n;
            }
            double ss = 0;
            for (double e : v) {
                ss += (e - mean) * (e - mean);
            }
            double sd = Math.sqrt(ss / n);
            for (int i = 0; i < n; i++) {
                v[i] = (v[i] - mean) / sd;
            }
            cols.add(NumericColumn.wrap(features[j], ColumnRole.FEATURE, v));
        }
        cols.add(CategoricalColumn.of("species", ColumnRole.LABEL, species.toArray(String[]::new)));
        cols.add(CategoricalColumn.of("island", ColumnRole.GROUP, island.toArray(String[]::new)));
        return new Table(cols);
    }

    @Test
    void descriptorsAreWellFormed() {
        for (NodeType t : List.of(new LogisticRegressionNode(), new LinearRegressionNode(), new MlpClassifierNode(), new PredictNode(), new CrossValidateNode(), new CnnClassifierNode(), new MlpRegressorNode())) {
            NodeDescriptor d = t.descriptor();
            assertTrue(d.id().startsWith("org.gyrus.learn."), d.id());
            assertFalse(d.documentation().isBlank());
            assertEquals("Learning", d.category().get(0));
        }
    }

    @Test
    void fitThenPredictGivesAPredictionsTableTheEvaluationNodesRead() throws Exception {
        Table data = penguins();
        Map<String, Object> fit = run(new LogisticRegressionNode(), Map.of("table", data), Map.of("tol", 1e-8, "maxIter", 1000));
        ModelArtifact model = (ModelArtifact) fit.get("model");
        assertEquals(LogisticModel.KIND, model.kind());
        Table out = (Table) run(new PredictNode(), Map.of("model", model, "table", data), Map.of("allowTrainingRows", true)).get("predictions");
        Predictions p = Predictions.of(out);
        assertEquals(List.of("Adelie", "Chinstrap", "Gentoo"), p.classes());
        assertEquals(data.rowCount(), p.size());
        assertEquals("species", p.label().orElseThrow().name());
        assertEquals(List.of("id", "species", "predicted", "proba_Adelie", "proba_Chinstrap", "proba_Gentoo", "island"), out.columnNames());
        // scikit-learn's probabilities on these rows (reference pg_l2_C1, tol 1e-8), within the parity tolerance
        double[][] ours = {p.probabilities(0), p.probabilities(1), p.probabilities(2)};
        com.fasterxml.jackson.databind.JsonNode proba = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Path.of("testdata", "reference.json").toFile()).get("logistic").get("pg_l2_C1").get("proba");
        double worst = 0;
        for (int i = 0; i < data.rowCount(); i++) {
            for (int k = 0; k < 3; k++) {
                worst = Math.max(worst, Math.abs(proba.get(i).get(k).asDouble() - ours[k][i]));
            }
        }
        assertTrue(worst < 1e-4, "probabilities differ from scikit-learn's by " + worst);
        int[] truth = p.labelCodes();
        int[] predicted = p.predictedCodes();
        int right = 0;
        for (int i = 0; i < truth.length; i++) {
            right += truth[i] == predicted[i] ? 1 : 0;
        }
        assertTrue(right > 0.97 * truth.length, right + " of " + truth.length + " right");
        assertEquals(fit.get("predictions"), out, "the training predictions are the predict node's on the same rows");
    }

    @Test
    void featureMatrixWithLabelsMatchedByIdGivesTheSameModel() throws Exception {
        Table data = penguins();
        FeatureMatrix x = FeatureMatrix.fromTable(data);
        int n = data.rowCount();
        int[] reversed = new int[n];
        for (int i = 0; i < n; i++) {
            reversed[i] = n - 1 - i;
        }
        Table labels = data.select(List.of("id", "species")).selectRows(reversed);
        LogisticModel a = LogisticModel.fromArtifact((ModelArtifact) run(new LogisticRegressionNode(),
                Map.of("features", x, "labels", labels), Map.of()).get("model"));
        LogisticModel b = LogisticModel.fromArtifact((ModelArtifact) run(new LogisticRegressionNode(),
                Map.of("features", x, "labels", data.select(List.of("id", "species"))), Map.of()).get("model"));
        assertArrayEquals(a.coef(), b.coef());
        // the table path sees double precision, the matrix single: the same model within float rounding
        LogisticModel c = LogisticModel.fromArtifact((ModelArtifact) run(new LogisticRegressionNode(), Map.of("table", data), Map.of()).get("model"));
        double[] ca = a.coef();
        double[] cc = c.coef();
        for (int i = 0; i < ca.length; i++) {
            assertEquals(cc[i], ca[i], 1e-4 * Math.max(1, Math.abs(cc[i])));
        }
    }

    @Test
    void optionsReachTheModelAndNonConvergenceIsReported() throws Exception {
        Table data = penguins();
        Map<String, Object> weak = run(new LogisticRegressionNode(), Map.of("table", data), Map.of("c", 0.01, "classWeight", "balanced"));
        LogisticModel m = LogisticModel.fromArtifact((ModelArtifact) weak.get("model"));
        assertEquals(0.01, m.fit().c());
        assertEquals("balanced", m.fit().classWeights());
        Map<String, Object> stopped = run(new LogisticRegressionNode(), Map.of("table", data), Map.of("maxIter", 2, "penalty", "none"));
        Report report = (Report) stopped.get("report");
        assertTrue(reportText(report).contains("did NOT converge after 2 iterations"), reportText(report));
        assertFalse(LogisticModel.fromArtifact((ModelArtifact) stopped.get("model")).fit().converged());
    }

    private static String reportText(Report r) {
        StringBuilder b = new StringBuilder();
        for (Report.Item i : r.items()) {
            if (i instanceof Report.Text t) {
                b.append(t.body()).append('\n');
            }
        }
        return b.toString();
    }

    @Test
    void linearRegressionAndItsPredictions() throws Exception {
        Table data = penguins();
        // body mass (raw grams are not needed: standardised mass) from the other three measurements
        Table t = data.without(List.of("species")).withRole("body_mass_g", ColumnRole.LABEL);
        Map<String, Object> fit = run(new LinearRegressionNode(), Map.of("table", t), Map.of("alpha", 10.0));
        LinearModel m = LinearModel.fromArtifact((ModelArtifact) fit.get("model"));
        assertEquals(List.of("bill_length_mm", "bill_depth_mm", "flipper_length_mm"), m.featureNames());
        Table out = (Table) run(new PredictNode(), Map.of("model", fit.get("model"), "table", t), Map.of("allowTrainingRows", true)).get("predictions");
        assertEquals(List.of("id", "body_mass_g", "predicted", "island"), out.columnNames());
        NumericColumn predicted = out.numeric("predicted");
        double[] x0 = {t.numeric("bill_length_mm").get(0), t.numeric("bill_depth_mm").get(0), t.numeric("flipper_length_mm").get(0)};
        assertEquals(m.predict(x0, 1)[0], predicted.get(0), 1e-12);
        double unpenalised = Math.abs(LinearModel.fromArtifact((ModelArtifact) run(new LinearRegressionNode(), Map.of("table", t), Map.of())
                .get("model")).coef()[2]);
        assertTrue(Math.abs(m.coef()[2]) < unpenalised, "ridge shrinks the flipper coefficient");
    }

    @Test
    void mlpClassifierNodeTrainsSavesAndPredicts() throws Exception {
        Table data = penguins();
        Map<String, Object> fit = run(new MlpClassifierNode(), Map.of("table", data),
                Map.of("hidden", "16", "learningRate", 0.01, "batchSize", 32, "patience", 5, "validationFraction", 0.2));
        ModelArtifact model = (ModelArtifact) fit.get("model");
        assertEquals("network", model.kind());
        Table out = (Table) run(new PredictNode(), Map.of("model", model, "table", data), Map.of("allowTrainingRows", true)).get("predictions");
        assertEquals(fit.get("predictions"), out);
        Predictions p = Predictions.of(out);
        int[] truth = p.labelCodes();
        int[] predicted = p.predictedCodes();
        int right = 0;
        for (int i = 0; i < truth.length; i++) {
            right += truth[i] == predicted[i] ? 1 : 0;
        }
        assertTrue(right > 0.95 * truth.length, right + " of " + truth.length);
        Report report = (Report) fit.get("report");
        Report.Figure curve = report.items().stream().filter(i -> i instanceof Report.Figure f && f.name().equals("mlp_training_curve"))
                .map(Report.Figure.class::cast).findFirst().orElseThrow();
        // drawn by XChart as PNG and SVG (the report writer writes both)
        assertTrue(new String(curve.svg(), java.nio.charset.StandardCharsets.UTF_8).contains("<title>MLP classifier training curve</title>"));
        assertTrue(reportText(report).contains("best validation loss"), reportText(report));
        Map<String, Object> again = run(new MlpClassifierNode(), Map.of("table", data),
                Map.of("hidden", "16", "learningRate", 0.01, "batchSize", 32, "patience", 5, "validationFraction", 0.2));
        assertEquals(model, again.get("model"), "the node seed makes training deterministic");
        assertMessage(() -> run(new MlpClassifierNode(), Map.of("table", data), Map.of("hidden", "16, x")), "whole numbers");
    }

    @Test
    void trainingStopsSoonAfterTheRunIsCancelled() throws Exception {
        Table data = penguins();
        Map<String, Object> params = Map.of("penalty", "none", "tol", 0.0, "maxIter", 1000);
        LogisticModel full = LogisticModel.fromArtifact((ModelArtifact) run(new LogisticRegressionNode(), Map.of("table", data), params).get("model"));
        assertTrue(full.fit().iterations() > 10, "uncancelled, the fit takes " + full.fit().iterations() + " iterations");
        AtomicInteger asked = new AtomicInteger();
        NodeRun.Builder b = NodeRun.builder(new LogisticRegressionNode().descriptor()).nodeId("lr").seed(7).input("table", data)
                .cancelled(() -> asked.incrementAndGet() > 3);
        params.forEach(b::parameter);
        CancellationException e = assertThrows(CancellationException.class, () -> b.build().execute(new LogisticRegressionNode()));
        assertTrue(e.getMessage().contains("'lr' was cancelled"), e.getMessage());
        assertEquals(4, asked.get(), "the solver asks once per iteration and stops at the first yes");

        AtomicInteger epochs = new AtomicInteger();
        NodeRun.Builder m = NodeRun.builder(new MlpClassifierNode().descriptor()).nodeId("mlp").seed(7).input("table", data)
                .parameter("hidden", "8").parameter("epochs", 500).parameter("patience", 500)
                .cancelled(() -> epochs.incrementAndGet() > 2);
        assertThrows(CancellationException.class, () -> m.build().execute(new MlpClassifierNode()));
        assertEquals(3, epochs.get(), "the MLP asks after every epoch");
    }

    @Test
    void predictingTheRowsOrSubjectsAModelWasFittedOnIsRefused() throws Exception {
        Table data = penguins();
        int n = data.rowCount();
        String[] subject = new String[n];
        for (int i = 0; i < n; i++) {
            subject[i] = "sub-" + i / 2;
        }
        Table withSubjects = data.with(new TextColumn("subject", ColumnRole.GROUP, subject));
        // subjects of two rows each; every third subject held out
        int[] train = java.util.stream.IntStream.range(0, n).filter(i -> i / 2 % 3 != 0).toArray();
        int[] test = java.util.stream.IntStream.range(0, n).filter(i -> i / 2 % 3 == 0).toArray();
        for (NodeType fit : List.of(new LogisticRegressionNode(), new MlpClassifierNode())) {
            Map<String, Object> params = fit instanceof MlpClassifierNode ? Map.of("hidden", "8", "epochs", 5) : Map.of();
            ModelArtifact model = (ModelArtifact) run(fit, Map.of("table", withSubjects.selectRows(train)), params).get("model");
            // held-out rows of other subjects: predicted
            assertEquals(test.length, ((Table) run(new PredictNode(), Map.of("model", model, "table", withSubjects.selectRows(test)), Map.of())
                    .get("predictions")).rowCount());
            // the training rows themselves: refused, naming a row
            assertMessage(() -> run(new PredictNode(), Map.of("model", model, "table", withSubjects), Map.of()),
                    train.length + " of the " + n + " rows to predict, e.g. 'p2' (subject 'sub-1'), were among the rows or subjects the model was fitted on");
            // a scan under a new id, of a subject that was in training, is refused too
            int[] shared = java.util.stream.IntStream.concat(java.util.stream.IntStream.of(2), java.util.Arrays.stream(test)).toArray();
            Table sharing = withSubjects.selectRows(shared);
            String[] otherIds = new String[sharing.rowCount()];
            for (int i = 0; i < otherIds.length; i++) {
                otherIds[i] = "scan-" + i;
            }
            Table renamed = sharing.with(new TextColumn("id", ColumnRole.ID, otherIds));
            assertMessage(() -> run(new PredictNode(), Map.of("model", model, "table", renamed), Map.of()), "1 of the " + renamed.rowCount()
                    + " rows to predict, e.g. 'scan-0' (subject 'sub-1')");
            assertEquals(renamed.rowCount(), ((Table) run(new PredictNode(), Map.of("model", model, "table", renamed),
                    Map.of("allowTrainingRows", true)).get("predictions")).rowCount());
        }
        // the record survives saving, and hides the ids (hashes only)
        ModelArtifact model = (ModelArtifact) run(new LogisticRegressionNode(), Map.of("table", withSubjects.selectRows(train)), Map.of()).get("model");
        Path file = Files.createTempFile("lr", ".safetensors");
        model.save(file);
        ModelArtifact loaded = ModelArtifact.load(file);
        Files.delete(file);
        assertMessage(() -> run(new PredictNode(), Map.of("model", loaded, "table", withSubjects), Map.of()), "were among the rows");
        assertFalse(loaded.metadata().toString().contains("sub-1"), "subject names are not stored");
    }

    @Test
    void mlpRegressorPredictsInTheTargetsUnit() throws Exception {
        Table data = penguins();
        // body mass in grams-like units from the other three measurements
        double[] mass = Arrays.stream(data.numeric("body_mass_g").toArray()).map(v -> 4200 + 800 * v).toArray();
        Table t = data.without(List.of("species", "body_mass_g")).with(NumericColumn.wrap("mass", ColumnRole.LABEL, mass));
        int n = t.rowCount();
        int[] train = java.util.stream.IntStream.range(0, n).filter(i -> i % 3 != 0).toArray();
        int[] test = java.util.stream.IntStream.range(0, n).filter(i -> i % 3 == 0).toArray();
        Map<String, Object> params = Map.of("hidden", "16", "learningRate", 0.01, "batchSize", 32, "patience", 10);
        Map<String, Object> fit = run(new MlpRegressorNode(), Map.of("table", t.selectRows(train)), params);
        ModelArtifact model = (ModelArtifact) fit.get("model");
        assertEquals("regression", model.metadata().get("task"));
        Table out = (Table) run(new PredictNode(), Map.of("model", model, "table", t.selectRows(test)), Map.of()).get("predictions");
        assertEquals(List.of("id", "mass", "predicted", "island"), out.columnNames());
        double[] y = out.numeric("mass").toArray();
        double[] hat = out.numeric("predicted").toArray();
        double mean = Arrays.stream(y).average().orElseThrow();
        double ssRes = 0;
        double ssTot = 0;
        for (int i = 0; i < y.length; i++) {
            ssRes += (y[i] - hat[i]) * (y[i] - hat[i]);
            ssTot += (y[i] - mean) * (y[i] - mean);
        }
        assertTrue(1 - ssRes / ssTot > 0.7, "held-out R² " + (1 - ssRes / ssTot));
        // the network alone (rebuilt from the artifact) outputs grams
        org.gyrus.nn.layers.Module net = org.gyrus.nn.layers.NetworkFile.rebuild(model.metadata().get("network"), model.tensors());
        Table first = t.selectRows(new int[] {test[0]});
        float[] x0 = {(float) first.numeric("bill_length_mm").get(0), (float) first.numeric("bill_depth_mm").get(0),
            (float) first.numeric("flipper_length_mm").get(0)};
        float direct;
        try (org.gyrus.nn.NoGrad ignored = org.gyrus.nn.Tensor.noGrad()) {
            direct = net.forward(org.gyrus.nn.Tensor.of(x0, 1, 3)).item();
        }
        assertEquals(hat[0], direct, 1e-3);
        assertTrue(reportText((Report) fit.get("report")).contains("Training R²"));
        assertEquals(model, run(new MlpRegressorNode(), Map.of("table", t.selectRows(train)), params).get("model"), "seeded");
        assertMessage(() -> run(new MlpRegressorNode(), Map.of("table", data), Map.of()), "'species' is not numeric");
    }

    @Test
    void badInputGetsAClearMessage() throws Exception {
        Table data = penguins();
        ModelArtifact model = (ModelArtifact) run(new LogisticRegressionNode(), Map.of("table", data), Map.of()).get("model");
        assertMessage(() -> run(new LogisticRegressionNode(), Map.of(), Map.of()), "neither is connected");
        assertMessage(() -> run(new LogisticRegressionNode(), Map.of("table", data.withRole("island", ColumnRole.FEATURE)), Map.of()),
                "'island' is categorical");
        assertMessage(() -> run(new LogisticRegressionNode(), Map.of("features", FeatureMatrix.fromTable(data)), Map.of()), "No labels");
        assertMessage(() -> run(new PredictNode(), Map.of("model", model, "table", data.without(List.of("body_mass_g"))), Map.of("allowTrainingRows", true)),
                "fitted on the features");
        assertMessage(() -> run(new PredictNode(), Map.of("model", ModelArtifact.builder("org.gyrus.reduce.pca").build(), "table", data), Map.of("allowTrainingRows", true)),
                "'org.gyrus.reduce.pca'");
        double[] bad = data.numeric("bill_depth_mm").toArray();
        bad[4] = Double.NaN;
        Table withNaN = data.with(NumericColumn.wrap("bill_depth_mm", ColumnRole.FEATURE, bad));
        assertMessage(() -> run(new PredictNode(), Map.of("model", model, "table", withNaN), Map.of("allowTrainingRows", true)), "'bill_depth_mm' is missing (NaN) for sample 'p4'");
        Table regression = data.without(List.of("species")).withRole("island", ColumnRole.LABEL);
        assertMessage(() -> run(new LinearRegressionNode(), Map.of("table", regression), Map.of()), "'island' is not numeric");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable e, String part) {
        Exception ex = assertThrows(Exception.class, e);
        Throwable t = ex;
        StringBuilder all = new StringBuilder();
        while (t != null) {
            all.append(t.getMessage()).append(" | ");
            t = t.getCause();
        }
        assertTrue(all.toString().contains(part), all.toString());
    }
}
