package org.gyrus.learn.nodes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

import org.gyrus.data.CategoricalColumn;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.Predictions;
import org.gyrus.data.Report;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.gyrus.learn.ClassifierNetwork;
import org.gyrus.nn.NoGrad;
import org.gyrus.nn.Tensor;
import org.gyrus.nn.layers.Module;
import org.gyrus.nn.layers.NetworkFile;
import org.gyrus.pipeline.NodeRun;
import org.junit.jupiter.api.Test;

/** The CNN image classifier on scikit-learn's 8×8 digits (testdata/digits.csv.gz). */
class CnnClassifierNodeTest {

    /** The first {@code n} digits, values / 16, shaped [1, 8, 8], with their labels. */
    private record Digits(FeatureMatrix images, Table labels) {
        Digits rows(int from, int to) {
            int[] r = java.util.stream.IntStream.range(from, to).toArray();
            float[] v = images.values();
            float[] out = java.util.Arrays.copyOfRange(v, from * 64, to * 64);
            return new Digits(new FeatureMatrix(out, images.rowIds().subList(from, to), images.featureNames()).withSampleShape(1, 8, 8),
                    labels.selectRows(r));
        }
    }

    private static Digits digits() throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(Path.of("testdata",
                "digits.csv.gz"))), StandardCharsets.US_ASCII))) {
            for (String l = in.readLine(); l != null; l = in.readLine()) {
                lines.add(l);
            }
        }
        int n = lines.size();
        float[] v = new float[n * 64];
        String[] ids = new String[n];
        String[] y = new String[n];
        for (int i = 0; i < n; i++) {
            String[] c = lines.get(i).split(",");
            for (int j = 0; j < 64; j++) {
                v[i * 64 + j] = Float.parseFloat(c[j]) / 16;
            }
            y[i] = "d" + c[64];
            ids[i] = "img" + i;
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < 64; j++) {
            names.add("px" + j / 8 + "_" + j % 8);
        }
        return new Digits(new FeatureMatrix(v, List.of(ids), names).withSampleShape(1, 8, 8),
                Table.of(new TextColumn("id", ColumnRole.ID, ids), CategoricalColumn.of("digit", ColumnRole.LABEL, y)));
    }

    private static NodeRun.Builder fit(Digits d, Map<String, Object> params) {
        NodeRun.Builder b = NodeRun.builder(new CnnClassifierNode().descriptor()).nodeId("cnn").seed(5)
                .input("features", d.images()).input("labels", d.labels()).parameter("epochs", 12).parameter("batchSize", 32)
                .parameter("learningRate", 0.005);
        params.forEach(b::parameter);
        return b;
    }

    @Test
    void learnsDigitsSavesASelfDescribingNetworkAndPredictsHeldOutImages() throws Exception {
        Digits all = digits();
        Digits train = all.rows(0, 900);
        Digits test = all.rows(900, 1300);
        Map<String, Object> out = fit(train, Map.of()).build().execute(new CnnClassifierNode());
        ModelArtifact model = (ModelArtifact) out.get("model");
        assertEquals(NetworkFile.ARTIFACT_KIND, model.kind());
        assertEquals(List.of(1, 8, 8), model.metadata().get("sample_shape"));
        assertEquals(ClassifierNetwork.CNN, model.metadata().get("trained_by"));
        Table predicted = (Table) NodeRun.builder(new PredictNode().descriptor()).input("model", model).input("features", test.images())
                .input("labels", test.labels()).build().execute(new PredictNode()).get("predictions");
        Predictions p = Predictions.of(predicted);
        assertEquals(10, p.classes().size());
        int right = 0;
        int[] truth = p.labelCodes();
        int[] guess = p.predictedCodes();
        for (int i = 0; i < truth.length; i++) {
            right += truth[i] == guess[i] ? 1 : 0;
        }
        assertTrue(right > 0.9 * truth.length, "held-out accuracy " + right + " / " + truth.length);

        // the artifact alone rebuilds the network (no code of this bundle): the same logits as the model's probabilities
        Module rebuilt = NetworkFile.rebuild(model.metadata().get(NetworkFile.ARTIFACT_ENTRY), model.tensors());
        rebuilt.eval();
        float[] logits;
        try (NoGrad ignored = Tensor.noGrad()) {
            logits = rebuilt.forward(Tensor.of(java.util.Arrays.copyOf(test.images().values(), 64), 1, 1, 8, 8)).toArray();
        }
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        for (float l : logits) {
            sum += Math.exp(l - max);
        }
        for (int k = 0; k < 10; k++) {
            assertEquals(Math.exp(logits[k] - max) / sum, p.probabilities(k)[0], 1e-6);
        }
        Report report = (Report) out.get("report");
        assertTrue(report.items().stream().anyMatch(i -> i instanceof Report.Figure f && f.name().equals("cnn_training_curve")));
        // seeded: the same network again; another seed, another network
        assertEquals(model, fit(train, Map.of()).build().execute(new CnnClassifierNode()).get("model"));
        NodeRun.Builder other = fit(train, Map.of("epochs", 1));
        assertTrue(!model.equals(other.seed(6).build().execute(new CnnClassifierNode()).get("model")));
    }

    @Test
    void volumesTrainTooAndBadInputIsRefusedClearly() throws Exception {
        // 3-D patches 1×4×4×4: the class is whether the bright voxel lies in the upper half
        java.util.Random r = new java.util.Random(3);
        int n = 120;
        float[] v = new float[n * 64];
        String[] ids = new String[n];
        String[] y = new String[n];
        for (int i = 0; i < n; i++) {
            int at = r.nextInt(64);
            v[i * 64 + at] = 1;
            y[i] = at >= 32 ? "upper" : "lower";
            ids[i] = "p" + i;
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < 64; j++) {
            names.add("v" + j);
        }
        Digits patches = new Digits(new FeatureMatrix(v, List.of(ids), names).withSampleShape(1, 4, 4, 4),
                Table.of(new TextColumn("id", ColumnRole.ID, ids), CategoricalColumn.of("half", ColumnRole.LABEL, y)));
        ModelArtifact m = (ModelArtifact) fit(patches, Map.of("channels", "4", "epochs", 2)).build().execute(new CnnClassifierNode()).get("model");
        assertEquals(List.of(1, 4, 4, 4), m.metadata().get("sample_shape"));

        Digits flat = new Digits(new FeatureMatrix(v, List.of(ids), names), patches.labels());
        Exception e = assertThrows(IllegalArgumentException.class, () -> fit(flat, Map.of()).build().execute(new CnnClassifierNode()));
        assertTrue(e.getMessage().contains("give the feature matrix a sample shape"), e.getMessage());
        assertEquals(List.of(1, 8, 8), fit(flat, Map.of("sampleShape", "1, 8, 8", "epochs", 1)).build().execute(new CnnClassifierNode())
                .get("model") instanceof ModelArtifact a ? a.metadata().get("sample_shape") : null);
        e = assertThrows(IllegalArgumentException.class, () -> fit(flat, Map.of("sampleShape", "1, 8, 9")).build().execute(new CnnClassifierNode()));
        assertTrue(e.getMessage().contains("does not hold the 64 features"), e.getMessage());

        AtomicInteger asked = new AtomicInteger();
        assertThrows(CancellationException.class, () -> fit(patches, Map.of("epochs", 50, "patience", 50))
                .cancelled(() -> asked.incrementAndGet() > 1).build().execute(new CnnClassifierNode()));
        assertEquals(2, asked.get(), "asked once per epoch, stopped at the first yes");
    }

    @Test
    void crossValidatesTheCnnOnImages() throws Exception {
        Digits d = digits().rows(0, 360);
        NodeRun.Builder b = NodeRun.builder(new CrossValidateNode().descriptor()).nodeId("cv").seed(5).input("features", d.images())
                .input("labels", d.labels()).parameter("learner", "cnn-classifier").parameter("folds", 3).parameter("epochs", 10)
                .parameter("batchSize", 32).parameter("learningRate", 0.005).parameter("standardize", false);
        Table oof = (Table) b.build().execute(new CrossValidateNode()).get("predictions");
        Predictions p = Predictions.of(oof);
        assertEquals(360, oof.rowCount());
        assertEquals(3, java.util.Arrays.stream(oof.numeric("fold").toArray()).distinct().count());
        int right = 0;
        for (int i = 0; i < p.labelCodes().length; i++) {
            right += p.labelCodes()[i] == p.predictedCodes()[i] ? 1 : 0;
        }
        // each image predicted by a CNN trained on the other two folds (240 images): far above chance (0.1)
        assertTrue(right > 0.7 * 360, "out-of-fold accuracy " + right + " / 360");
        // without a sample shape there are no images to convolve
        FeatureMatrix flat = new FeatureMatrix(d.images().values(), d.images().rowIds(), d.images().featureNames());
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> NodeRun.builder(new CrossValidateNode().descriptor())
                .input("features", flat).input("labels", d.labels()).parameter("learner", "cnn-classifier").build().execute(new CrossValidateNode()));
        assertTrue(e.getMessage().contains("needs images"), e.getMessage());
        Exception wrong = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> NodeRun.builder(new CrossValidateNode().descriptor())
                .input("features", flat).input("labels", d.labels()).parameter("learner", "cnn-classifier").parameter("sampleShape", "1, 4, 4")
                .build().execute(new CrossValidateNode()));
        assertTrue(wrong.getMessage().contains("does not hold the 64 features"), wrong.getMessage());
    }
}
