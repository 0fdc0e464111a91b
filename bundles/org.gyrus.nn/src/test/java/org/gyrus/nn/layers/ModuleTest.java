package org.gyrus.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gyrus.nn.Tensor;
import org.gyrus.nn.io.Safetensors;
import org.gyrus.nn.io.TensorData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleTest {

    @TempDir
    Path dir;

    @Test
    void parameterNamesAndLayoutsFollowPyTorch() {
        TransformerEncoderLayer layer = new TransformerEncoderLayer(8, 2, 16, 0.1f,
                TransformerEncoderLayer.FeedForwardActivation.GELU, true, 1e-5f, new Random(1));
        Map<String, Tensor> p = layer.namedParameters();
        assertEquals(List.of("self_attn.in_proj_weight", "self_attn.in_proj_bias", "self_attn.out_proj.weight",
                "self_attn.out_proj.bias", "linear1.weight", "linear1.bias", "linear2.weight", "linear2.bias",
                "norm1.weight", "norm1.bias", "norm2.weight", "norm2.bias"), List.copyOf(p.keySet()));
        assertArrayEquals(new int[] {24, 8}, p.get("self_attn.in_proj_weight").shape());
        assertArrayEquals(new int[] {16, 8}, p.get("linear1.weight").shape());
        assertEquals(24 * 8 + 24 + 64 + 8 + 128 + 16 + 128 + 8 + 32, layer.parameterCount());
    }

    @Test
    void saveAndLoadRoundTrip() throws IOException {
        Sequential a = new Sequential(new Linear(4, 3, new Random(1)), Activation.gelu(), new Linear(3, 2, new Random(2)));
        Sequential b = new Sequential(new Linear(4, 3, new Random(3)), Activation.gelu(), new Linear(3, 2, new Random(4)));
        Path f = dir.resolve("m.safetensors");
        a.save(f, Map.of("arch", "mlp"));
        assertEquals(Map.of("arch", "mlp"), Safetensors.readMetadata(f));
        Tensor x = Tensor.randn(new Random(9), 5, 4);
        assertNotEquals(a.forward(x).data()[0], b.forward(x).data()[0]);
        b.load(f);
        assertArrayEquals(a.forward(x).data(), b.forward(x).data());
    }

    @Test
    void loadRefusesMismatchedStateNamingTheProblems() {
        Linear l = new Linear(3, 2, new Random(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> l.loadStateDict(Map.of(
                "weight", TensorData.ofFloats(new float[6], 3, 2), "extra", TensorData.ofFloats(new float[1], 1))));
        assertTrue(e.getMessage().contains("weight has shape [3, 2]"), e.getMessage());
        assertTrue(e.getMessage().contains("missing bias"), e.getMessage());
        assertTrue(e.getMessage().contains("unexpected extra"), e.getMessage());
    }

    @Test
    void linearDefaultInitStaysInPyTorchBounds() {
        Linear l = new Linear(100, 50, new Random(3));
        double bound = 1 / Math.sqrt(100);
        double max = 0;
        for (float v : l.weight().data()) {
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max <= bound && max > 0.95 * bound, "weights uniform in +-1/sqrt(fanIn): " + max);
        // Same seed, same weights.
        assertArrayEquals(l.weight().data(), new Linear(100, 50, new Random(3)).weight().data());
    }

    @Test
    void initialisersHaveTheirVariance() {
        Tensor w = Tensor.zeros(400, 300);
        Init.kaimingNormal(w, 0, new Random(1));
        assertEquals(Math.sqrt(2.0 / 300), std(w), 0.01 * Math.sqrt(2.0 / 300) * 3);
        Init.xavierUniform(w, 1, new Random(2));
        assertEquals(Math.sqrt(2.0 / 700), std(w), 0.03 * Math.sqrt(2.0 / 700));
        Init.xavierNormal(w, 1, new Random(2));
        assertEquals(Math.sqrt(2.0 / 700), std(w), 0.03 * Math.sqrt(2.0 / 700));
        Init.kaimingUniform(w, 0, new Random(2));
        assertEquals(Math.sqrt(2.0 / 300), std(w), 0.03 * Math.sqrt(2.0 / 300));
    }

    private static double std(Tensor t) {
        double s = 0;
        double s2 = 0;
        for (float v : t.data()) {
            s += v;
            s2 += v * v;
        }
        int n = t.size();
        return Math.sqrt(s2 / n - (s / n) * (s / n));
    }

    @Test
    void dropoutIsSeededAndOnlyActiveInTraining() {
        Tensor x = Tensor.full(1f, 1000);
        Dropout d = new Dropout(0.25f, new Random(5));
        float[] y = d.forward(x).data();
        int zeros = 0;
        for (float v : y) {
            assertTrue(v == 0f || Math.abs(v - 1f / 0.75f) < 1e-6);
            zeros += v == 0f ? 1 : 0;
        }
        assertTrue(zeros > 200 && zeros < 300, "about a quarter dropped: " + zeros);
        assertArrayEquals(y, new Dropout(0.25f, new Random(5)).forward(x).data());
        d.eval();
        assertArrayEquals(x.data(), d.forward(x).data());
    }

    @Test
    void causalMaskBlocksTheFuture() {
        MultiHeadAttention mha = new MultiHeadAttention(8, 2, 0f, new Random(1));
        Tensor x = Tensor.randn(new Random(2), 2, 4, 8);
        MultiHeadAttention.Result r = mha.selfAttention(x, MultiHeadAttention.causalMask(4));
        float[] w = r.weights().data();
        for (int bh = 0; bh < 4; bh++) {
            for (int i = 0; i < 4; i++) {
                double rowSum = 0;
                for (int j = 0; j < 4; j++) {
                    float v = w[(bh * 4 + i) * 4 + j];
                    if (j > i) {
                        assertEquals(0f, v);
                    }
                    rowSum += v;
                }
                assertEquals(1.0, rowSum, 1e-6);
            }
        }
        // The first position attends only to itself, so changing later tokens leaves its output alone.
        Tensor x2 = x.copy();
        x2.data()[8 * 3] += 5f;
        float[] a = r.output().data();
        float[] b = mha.selfAttention(x2, MultiHeadAttention.causalMask(4)).output().data();
        for (int j = 0; j < 8; j++) {
            assertEquals(a[j], b[j], 1e-6);
        }
    }

    @Test
    void crossAttentionEqualsSelfAttentionOnTheSameInput() {
        MultiHeadAttention mha = new MultiHeadAttention(8, 4, 0f, new Random(1));
        Tensor x = Tensor.randn(new Random(2), 2, 3, 8);
        float[] self = mha.selfAttention(x, null).output().data();
        float[] cross = mha.attend(x, x.copy(), x.copy(), null).output().data();
        for (int i = 0; i < self.length; i++) {
            assertEquals(self[i], cross[i], 1e-5);
        }
    }

    @Test
    void positionalEncodingIsTheSinusoidTable() {
        Tensor pe = PositionalEncoding.table(50, 16);
        assertEquals(0f, pe.get(0, 0));
        assertEquals(1f, pe.get(0, 1));
        assertEquals(Math.sin(7), pe.get(7, 0), 1e-6);
        assertEquals(Math.cos(7 / Math.pow(10000, 2.0 / 16)), pe.get(7, 3), 1e-6);
        Tensor x = Tensor.zeros(2, 10, 16);
        Tensor y = new PositionalEncoding(50, 16).forward(x);
        assertEquals(pe.get(9, 5), y.get(1, 9, 5));
    }

    @Test
    void embeddingLooksUpRowsAndTrainsThem() {
        Embedding e = new Embedding(5, 3, new Random(1));
        Tensor out = e.lookup(new int[] {4, 0, 4, 2}, 2, 2);
        assertArrayEquals(new int[] {2, 2, 3}, out.shape());
        Tensor w = e.namedParameters().get("weight");
        assertEquals(w.get(4, 1), out.get(0, 0, 1));
        out.sum().backward();
        assertEquals(2f, w.grad()[4 * 3]);
        assertEquals(0f, w.grad()[3 * 3]);
    }
}
