package org.gyrus.attention.nodes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import org.gyrus.attention.Fixtures;
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
import org.gyrus.data.Volume;
import org.gyrus.data.VolumeSet;
import org.gyrus.nn.layers.NetworkFile;
import org.gyrus.pipeline.NodeRun;
import org.gyrus.pipeline.NodeType;
import org.junit.jupiter.api.Test;

/** The node components, run without a framework through {@link NodeRun}. */
class NodesTest {

    static Map<String, Object> run(NodeType node, Map<String, Object> inputs, Map<String, Object> params) {
        NodeRun.Builder b = NodeRun.builder(node.descriptor()).seed(7);
        inputs.forEach(b::input);
        params.forEach(b::parameter);
        try {
            return b.build().execute(node);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> small(Map<String, Object> extra) {
        Map<String, Object> p = new HashMap<>(Map.of("depth", 1, "heads", 2, "width", 8, "feedForward", 16, "epochs", 6, "warmupEpochs", 1,
                "batchSize", 16, "validationFraction", 0.0, "dropout", 0.0));
        p.putAll(extra);
        return p;
    }

    /** 80 subjects: two numeric features, one categorical; the label follows x1 and the site; a group column. */
    static Table table() {
        Random r = new Random(5);
        int n = 80;
        String[] ids = new String[n];
        double[] x1 = new double[n];
        double[] x2 = new double[n];
        int[] site = new int[n];
        String[] label = new String[n];
        String[] group = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "s" + i;
            x1[i] = r.nextGaussian();
            x2[i] = r.nextGaussian();
            site[i] = r.nextInt(3);
            label[i] = x1[i] + (site[i] == 2 ? 1 : 0) > 0.6 ? "yes" : "no";
            group[i] = i % 2 == 0 ? "even" : "odd";
        }
        return Table.of(new TextColumn("id", ColumnRole.ID, ids), new NumericColumn("x1", ColumnRole.FEATURE, x1),
                new NumericColumn("x2", ColumnRole.FEATURE, x2), new CategoricalColumn("site", ColumnRole.FEATURE, List.of("A", "B", "C"), site),
                new TextColumn("outcome", ColumnRole.LABEL, label), new TextColumn("cohort", ColumnRole.GROUP, group));
    }

    @Test
    void scaledDotProductNodeGivesTheLectureNumbersAndAHeatMap() {
        JsonNode ref = Fixtures.json("lecture_attention_example.json");
        double[][] x = Fixtures.matrix(ref.get("input"));
        String[] tokens = {"I", "like", "neuroscience"};
        List<Column> cols = new ArrayList<>();
        cols.add(new TextColumn("token", ColumnRole.ID, tokens));
        for (int j = 0; j < 3; j++) {
            double[] c = {x[0][j], x[1][j], x[2][j]};
            cols.add(new NumericColumn("e" + j, ColumnRole.FEATURE, c));
        }
        Table input = new Table(cols);
        Map<String, Object> out = run(new ScaledDotProductAttentionNode(), Map.of("queries", input), Map.of());
        Table w = (Table) out.get("weights");
        double[][] softmax = Fixtures.matrix(ref.get("softmax"));
        double[][] output = Fixtures.matrix(ref.get("output_softmax_times_V"));
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(softmax[i][j], ((NumericColumn) w.find(tokens[j]).orElseThrow()).get(i), 1e-6);
                assertEquals(output[i][j], ((NumericColumn) ((Table) out.get("output")).find("out_" + (j + 1)).orElseThrow()).get(i), 1e-6);
            }
        }
        Report report = (Report) out.get("report");
        assertTrue(report.items().stream().anyMatch(it -> it instanceof Report.Figure f && f.png().length > 1000));

        Map<String, Object> hot = run(new ScaledDotProductAttentionNode(), Map.of("queries", input), Map.of("temperature", 4.0));
        double flat = ((NumericColumn) ((Table) hot.get("weights")).find("neuroscience").orElseThrow()).get(2);
        assertTrue(flat < softmax[2][2] - 0.2, "temperature 4 flattens: " + flat);
        Map<String, Object> rnd = run(new ScaledDotProductAttentionNode(), Map.of("queries", input), Map.of("projection", "RANDOM", "width", 4));
        assertNotEquals(softmax[0][0], ((NumericColumn) ((Table) rnd.get("weights")).find("I").orElseThrow()).get(0), 1e-3);
        Table blockAll = Table.of(new NumericColumn("a", ColumnRole.FEATURE, new double[] {0, 1, 1}),
                new NumericColumn("b", ColumnRole.FEATURE, new double[] {0, 1, 1}), new NumericColumn("c", ColumnRole.FEATURE, new double[] {0, 1, 1}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(new ScaledDotProductAttentionNode(), Map.of("queries", input, "mask", blockAll), Map.of()));
        assertTrue(e.getMessage().contains("blocks every key for query 1"), e.getMessage());
    }

    @Test
    void modelProjectionsAreTheTrainedFirstLayersInProjection() {
        Random r = new Random(2);
        int n = 40;
        List<Column> cols = new ArrayList<>();
        String[] ids = new String[n];
        String[] label = new String[n];
        double[][] x = new double[6][n];
        for (int i = 0; i < n; i++) {
            ids[i] = "t" + i;
            for (int j = 0; j < 6; j++) {
                x[j][i] = r.nextGaussian();
            }
            label[i] = x[0][i] > 0 ? "a" : "b";
        }
        cols.add(new TextColumn("id", ColumnRole.ID, ids));
        for (int j = 0; j < 6; j++) {
            cols.add(new NumericColumn("v" + j, ColumnRole.FEATURE, x[j]));
        }
        cols.add(new TextColumn("y", ColumnRole.LABEL, label));
        Table t = new Table(cols);
        ModelArtifact model = (ModelArtifact) run(new TransformerFitNode(), Map.of("table", t), small(Map.of("width", 6, "heads", 1))).get("model");
        Table tokens = t.selectRows(new int[] {0, 1, 2, 3});
        Map<String, Object> out = run(new ScaledDotProductAttentionNode(), Map.of("queries", tokens, "model", model), Map.of("projection", "MODEL"));
        float[] w = model.tensor("layers.0.self_attn.in_proj_weight").toFloats();
        float[] b = model.tensor("layers.0.self_attn.in_proj_bias").toFloats();
        double[][] q = new double[4][6];
        double[][] k = new double[4][6];
        for (int i = 0; i < 4; i++) {
            for (int o = 0; o < 6; o++) {
                q[i][o] = b[o];
                k[i][o] = b[6 + o];
                for (int c = 0; c < 6; c++) {
                    q[i][o] += w[o * 6 + c] * x[c][i];
                    k[i][o] += w[(6 + o) * 6 + c] * x[c][i];
                }
            }
        }
        double[][] expected = org.gyrus.attention.ScaledDotProductAttention.compute(q, k, q, null, 1).weights();
        Table weights = (Table) out.get("weights");
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(expected[i][j], ((NumericColumn) weights.find(ids[j]).orElseThrow()).get(i), 1e-5);
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(new ScaledDotProductAttentionNode(),
                Map.of("queries", tokens.without(List.of("v5")), "model", model), Map.of("projection", "MODEL")));
        assertTrue(e.getMessage().contains("width 6"), e.getMessage());
    }

    @Test
    void fitPredictAndMapsOnATableWithCategories() {
        Table t = table();
        Map<String, Object> fit = run(new TransformerFitNode(), Map.of("table", t), small(Map.of("epochs", 30, "learningRate", 0.01)));
        ModelArtifact model = (ModelArtifact) fit.get("model");
        assertEquals(NetworkFile.ARTIFACT_KIND, model.kind());
        assertTrue(model.tensors().containsKey("tokenizer.category_embeddings.weight"));
        Predictions fitted = Predictions.of((Table) fit.get("predictions"));
        assertEquals(List.of("no", "yes"), fitted.classes());
        assertTrue(((Table) fit.get("predictions")).find("cohort").isPresent(), "the group column is carried");
        int[] truth = fitted.labelCodes();
        int[] predicted = fitted.predictedCodes();
        int right = 0;
        for (int i = 0; i < truth.length; i++) {
            right += truth[i] == predicted[i] ? 1 : 0;
        }
        assertTrue(right >= 0.85 * truth.length, "training accuracy " + right + " / " + truth.length);

        Map<String, Object> pred = run(new TransformerPredictNode(), Map.of("model", model, "table", t), Map.of());
        assertArrayEquals(fitted.probabilities(1), Predictions.of((Table) pred.get("predictions")).probabilities(1), 1e-9);

        Map<String, Object> maps = run(new AttentionMapsNode(), Map.of("model", model, "table", t), Map.of());
        Table attribution = (Table) maps.get("attribution");
        assertEquals(List.of("x1", "x2", "site"), List.of(((TextColumn) attribution.find("token").orElseThrow()).get(0),
                ((TextColumn) attribution.find("token").orElseThrow()).get(1), ((TextColumn) attribution.find("token").orElseThrow()).get(2)));
        Table attention = (Table) maps.get("attention");
        assertEquals(80 * (1 * 2 + 1), attention.rowCount());
        NumericColumn share = (NumericColumn) attribution.find("share").orElseThrow();
        assertEquals(1.0, share.get(0) + share.get(1) + share.get(2), 1e-9);
        assertTrue(share.get(1) < Math.max(share.get(0), share.get(2)), "x2, unrelated to the label, is not the most attended: " + attribution);

        Table missingColumn = t.without(List.of("x2"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(new TransformerPredictNode(), Map.of("model", model, "table", missingColumn), Map.of()));
        assertTrue(e.getMessage().contains("'x2'"), e.getMessage());
    }

    @Test
    void regressionPredictsTheNumberItWasTrainedOn() {
        Table t = table();
        double[] target = new double[t.rowCount()];
        NumericColumn x1 = (NumericColumn) t.find("x1").orElseThrow();
        for (int i = 0; i < target.length; i++) {
            target[i] = 50 + 10 * x1.get(i);
        }
        Table numeric = t.without(List.of("outcome")).with(new NumericColumn("score", ColumnRole.LABEL, target));
        Map<String, Object> fit = run(new TransformerFitNode(), Map.of("table", numeric),
                small(Map.of("task", "REGRESSION", "epochs", 40, "learningRate", 0.01)));
        Table p = (Table) fit.get("predictions");
        NumericColumn predicted = (NumericColumn) p.find(Predictions.PREDICTED).orElseThrow();
        double sse = 0;
        double sst = 0;
        for (int i = 0; i < target.length; i++) {
            sse += Math.pow(predicted.get(i) - target[i], 2);
            sst += Math.pow(target[i] - 50, 2);
        }
        assertTrue(1 - sse / sst > 0.8, "training R² " + (1 - sse / sst));
        assertEquals("regression", ((ModelArtifact) fit.get("model")).metadata().get("task"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(new TransformerFitNode(), Map.of("table", t), small(Map.of("task", "REGRESSION"))));
        assertTrue(e.getMessage().contains("'outcome' is not numeric"), e.getMessage());
    }

    private static double[] probabilities(Map<String, Object> fit) {
        return Predictions.of((Table) fit.get("predictions")).probabilities(1);
    }

    @Test
    void everyOptionChangesTheModel() {
        Table t = table();
        double[] base = probabilities(run(new TransformerFitNode(), Map.of("table", t), small(Map.of())));
        for (Map<String, Object> option : List.<Map<String, Object>>of(Map.of("classWeights", "BALANCED"), Map.of("norm", "POST"),
                Map.of("warmupEpochs", 4), Map.of("dropout", 0.3), Map.of("depth", 2), Map.of("heads", 4), Map.of("width", 12),
                Map.of("feedForward", 4), Map.of("learningRate", 0.01), Map.of("weightDecay", 0.5))) {
            double[] other = probabilities(run(new TransformerFitNode(), Map.of("table", t), small(option)));
            double diff = 0;
            for (int i = 0; i < base.length; i++) {
                diff = Math.max(diff, Math.abs(base[i] - other[i]));
            }
            assertTrue(diff > 1e-4, option + " did not change the predictions");
        }
        Map<String, Object> early = run(new TransformerFitNode(), Map.of("table", t),
                small(Map.of("epochs", 200, "validationFraction", 0.25, "patience", 2, "learningRate", 0.05)));
        ModelArtifact m = (ModelArtifact) early.get("model");
        assertEquals("EARLY_STOPPED", m.metadata().get("stop"));
        assertTrue(((List<?>) m.metadata().get("train_loss")).size() < 200);
        Report report = (Report) early.get("report");
        assertTrue(report.items().stream().anyMatch(it -> it instanceof Report.Text x && x.body().contains("stopped early")));
    }

    @Test
    void imagesGetPatchesAndOverlays() {
        Fixtures.Digits d = Fixtures.Digits.load();
        int n = 120;
        float[] x = new float[n * 64];
        System.arraycopy(d.x(), 0, x, 0, x.length);
        List<String> ids = new ArrayList<>();
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            ids.add("img" + i);
            labels[i] = Integer.toString(d.labels()[i]);
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < 64; j++) {
            names.add("p" + j);
        }
        FeatureMatrix images = new FeatureMatrix(x, ids, names).withSampleShape(1, 8, 8);
        Table labelTable = Table.of(new TextColumn("id", ColumnRole.ID, ids.toArray(String[]::new)), new TextColumn("digit", ColumnRole.LABEL, labels));
        Map<String, Object> fit = run(new TransformerFitNode(), Map.of("features", images, "labels", labelTable),
                small(Map.of("patchSize", 2, "epochs", 2)));
        ModelArtifact model = (ModelArtifact) fit.get("model");
        assertArrayEquals(new int[] {1, 8, 8}, org.gyrus.attention.InputLayout.ints(model.metadata().get("sample_shape")),
                "the sample shape is in the metadata, for the adversarial nodes");
        assertEquals(10, Predictions.of((Table) fit.get("predictions")).classes().size());
        Map<String, Object> maps = run(new AttentionMapsNode(), Map.of("model", model, "features", images), Map.of("shown", 4));
        assertEquals(16, ((Table) maps.get("attribution")).rowCount());
        assertTrue(((Report) maps.get("report")).items().stream().anyMatch(it -> it instanceof Report.Figure f && f.name().equals("attention_overlays")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(new TransformerFitNode(),
                Map.of("features", images, "labels", labelTable), small(Map.of("patchSize", 3))));
        assertTrue(e.getMessage().contains("not a whole number of 3 × 3 patches"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> run(new TransformerFitNode(),
                Map.of("features", images, "table", labelTable), small(Map.of())));
        assertTrue(e.getMessage().contains("Connect exactly one"), e.getMessage());
    }

    @Test
    void volumeMapsLiveInTheMasksWorldSpace() {
        Volume mask = org.gyrus.attention.VolumeLayoutTestSupport.mask();
        Random r = new Random(8);
        Map<String, Volume> vols = new java.util.LinkedHashMap<>();
        String[] ids = new String[12];
        String[] labels = new String[12];
        for (int s = 0; s < 12; s++) {
            float[] v = new float[512];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) r.nextGaussian() + (s % 2 == 1 && i < 64 ? 2 : 0);
            }
            ids[s] = "sub" + s;
            labels[s] = Integer.toString(s % 2);
            vols.put(ids[s], mask.toBuilder(net.imglib2.img.array.ArrayImgs.floats(v, 8, 8, 8)).build());
        }
        VolumeSet set = VolumeSet.of(vols);
        Table labelTable = Table.of(new TextColumn("id", ColumnRole.ID, ids), new TextColumn("lesion", ColumnRole.LABEL, labels));
        Map<String, Object> fit = run(new TransformerFitNode(), Map.of("volumes", set, "mask", mask, "labels", labelTable),
                small(Map.of("patchSize", 2, "width", 12, "epochs", 3)));
        ModelArtifact model = (ModelArtifact) fit.get("model");
        Map<String, Object> out = run(new AttentionVolumeMapNode(), Map.of("model", model, "volumes", set, "mask", mask), Map.of());
        Volume map = (Volume) out.get("map");
        assertArrayEquals(mask.dimensions(), map.dimensions());
        assertTrue(map.affine().equals(mask.affine(), 1e-12));
        float[] m = map.toFloatArray();
        float[] in = mask.toFloatArray();
        boolean positiveInside = false;
        for (int i = 0; i < m.length; i++) {
            if (in[i] == 0) {
                assertEquals(0f, m[i], "no attention outside the mask");
            }
            positiveInside |= in[i] != 0 && m[i] > 0;
        }
        assertTrue(positiveInside);
        assertEquals(12, ((VolumeSet) out.get("maps")).size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(new AttentionVolumeMapNode(),
                Map.of("model", model, "volumes", set, "mask", org.gyrus.attention.VolumeLayoutTestSupport.otherMask()), Map.of()));
        assertTrue(e.getMessage().contains("same mask"), e.getMessage());
        Map<String, Object> pred = run(new TransformerPredictNode(), Map.of("model", model, "volumes", set, "mask", mask, "labels", labelTable), Map.of());
        assertEquals(12, ((Table) pred.get("predictions")).rowCount());
        assertFalse(((Table) pred.get("predictions")).find("proba_1").isEmpty());
    }
}
