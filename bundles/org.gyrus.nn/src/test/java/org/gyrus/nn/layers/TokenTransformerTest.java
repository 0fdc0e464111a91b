package org.gyrus.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.gyrus.nn.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenTransformerTest {

    @TempDir
    Path dir;

    static TokenTransformer.Settings settings(boolean normFirst, boolean learned) {
        return new TokenTransformer.Settings(12, 2, 3, 24, 0f, true, normFirst, 1e-5f, learned, 3);
    }

    static TokenTransformer table() {
        return new TokenTransformer(new FeatureTokenizer(3, new int[] {2, 4}, 12, new Random(1)), 5, settings(true, false), new Random(2));
    }

    static TokenTransformer image() {
        return new TokenTransformer(new PatchEmbedding(2, 1, new int[] {8, 8}, new int[] {2, 2}, 12, new Random(3)), 16,
                settings(false, true), new Random(4));
    }

    static TokenTransformer volume() {
        float[] coords = {0, 0, 0, 10, -5, 3, 20, 7, -12, -30, 2, 8};
        return new TokenTransformer(new MaskedPatchEmbedding(4, 8, 12, 1000f, coords, new Random(5)), 4, settings(true, true),
                new Random(6));
    }

    /** Descriptions naming every transformer type, for the format's coverage check. */
    static String describedTransformers() {
        return NetworkFile.describe(table()) + NetworkFile.describe(image()) + NetworkFile.describe(volume());
    }

    @Test
    void transformersRoundTripThroughNetworkFilesWithTheirAttention() throws IOException {
        Random r = new Random(9);
        Tensor tableRows = Tensor.of(new float[] {0.5f, -1f, 2f, 1f, 3f, 1.5f, 0f, -0.2f, Float.NaN, 7f}, 2, 5);
        Object[][] cases = {{table(), tableRows}, {image(), Tensor.randn(r, 2, 1, 8, 8)}, {volume(), Tensor.randn(r, 2, 32)}};
        for (Object[] c : cases) {
            TokenTransformer net = (TokenTransformer) c[0];
            Tensor x = (Tensor) c[1];
            Path f = dir.resolve("t.safetensors");
            NetworkFile.save(net, f, Map.of());
            Module back = NetworkFile.load(f);
            assertEquals(NetworkFile.describe(net), NetworkFile.describe(back));
            net.eval();
            TokenTransformer.Result a = net.forwardWithAttention(x);
            TokenTransformer.Result b = ((TokenTransformer) back).forwardWithAttention(x);
            assertArrayEquals(a.output().data(), b.output().data());
            assertEquals(2, a.weights().size());
            int t = net.tokens() + 1;
            assertArrayEquals(new int[] {2, 3, t, t}, a.weights().get(0).shape());
            float[] w = a.weights().get(1).data();
            for (int row = 0; row < w.length / t; row++) {
                double sum = 0;
                for (int j = 0; j < t; j++) {
                    sum += w[row * t + j];
                }
                assertEquals(1.0, sum, 1e-5);
            }
        }
    }

    @Test
    void worldCoordinatesChangeTheVolumeTokens() {
        TokenTransformer net = volume();
        net.eval();
        Tensor x = Tensor.randn(new Random(1), 1, 32);
        float[] before = net.forward(x).data();
        net.namedBuffers().get("tokenizer.coordinates").data()[0] = 50f;
        assertNotEquals(before[0], net.forward(x).data()[0]);
    }

    @Test
    void unknownCategoryTakesTheExtraRowAndGradientsReachTheTokens() {
        FeatureTokenizer tok = new FeatureTokenizer(1, new int[] {2}, 4, new Random(1));
        Tensor a = tok.forward(Tensor.of(new float[] {0f, 5f}, 1, 2));
        Tensor b = tok.forward(Tensor.of(new float[] {0f, Float.NaN}, 1, 2));
        assertArrayEquals(a.data(), b.data());
        TokenTransformer net = table();
        Tensor y = net.forward(Tensor.of(new float[] {0.5f, -1f, 2f, 1f, 3f}, 1, 5));
        y.sum().backward();
        assertTrue(net.namedParameters().get("tokenizer.numeric_weight").grad() != null);
        assertTrue(java.util.Arrays.stream(toDoubles(net.namedParameters().get("cls_token").grad())).anyMatch(v -> v != 0));
    }

    @Test
    void badDescriptionsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetworkFile.build(
                "{\"format\":\"gyrus-network\",\"version\":1,\"module\":{\"type\":\"TokenTransformer\",\"tokens\":2,\"d_model\":4,"
                        + "\"depth\":1,\"nhead\":1,\"num_outputs\":1,\"positional\":\"rotary\",\"tokenizer\":{\"type\":\"FeatureTokenizer\","
                        + "\"n_numeric\":2,\"d_token\":4}}}"));
        assertTrue(e.getMessage().contains("positional") && e.getMessage().contains("rotary"), e.getMessage());
    }

    private static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
