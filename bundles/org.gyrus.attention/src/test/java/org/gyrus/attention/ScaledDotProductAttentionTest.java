package org.gyrus.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The lecture's worked example (testdata/lecture_attention_example.json): Q = K = V = embeddings + positions. */
class ScaledDotProductAttentionTest {

    static void assertMatrix(String what, double[][] expected, double[][] actual, double tol) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertEquals(expected[i][j], actual[i][j], tol, what + " [" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void reproducesTheLectureExample() {
        JsonNode ref = Fixtures.json("lecture_attention_example.json");
        double[][] x = Fixtures.matrix(ref.get("input"));
        ScaledDotProductAttention.Result r = ScaledDotProductAttention.compute(x, x, x, null, 1.0);
        assertMatrix("scores", Fixtures.matrix(ref.get("scores_QKt")), r.scores(), 1e-6);
        assertMatrix("scaled", Fixtures.matrix(ref.get("scaled_scores")), r.scaled(), 1e-6);
        assertMatrix("softmax", Fixtures.matrix(ref.get("softmax")), r.weights(), 1e-6);
        assertMatrix("output", Fixtures.matrix(ref.get("output_softmax_times_V")), r.output(), 1e-6);
        // The slide's rounded numbers, row 1.
        assertEquals(0.2077, r.weights()[0][0], 5e-5);
        assertEquals(0.3041, r.weights()[0][1], 5e-5);
        assertEquals(0.4882, r.weights()[0][2], 5e-5);
    }

    @Test
    void temperatureAndMaskChangeTheWeights() {
        double[][] x = Fixtures.matrix(Fixtures.json("lecture_attention_example.json").get("input"));
        double[][] sharp = ScaledDotProductAttention.compute(x, x, x, null, 0.5).weights();
        double[][] plain = ScaledDotProductAttention.compute(x, x, x, null, 1.0).weights();
        assertTrue(sharp[2][2] > plain[2][2] + 0.05, "a lower temperature sharpens: " + sharp[2][2] + " vs " + plain[2][2]);
        boolean[][] causal = {{true, false, false}, {true, true, false}, {true, true, true}};
        ScaledDotProductAttention.Result m = ScaledDotProductAttention.compute(x, x, x, causal, 1.0);
        assertEquals(1.0, m.weights()[0][0], 1e-12);
        assertEquals(0.0, m.weights()[1][2], 0.0);
        assertEquals(x[0][1], m.output()[0][1], 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScaledDotProductAttention.compute(x, x, x,
                new boolean[][] {{false, false, false}, {true, true, true}, {true, true, true}}, 1.0));
        assertTrue(e.getMessage().contains("query 1"), e.getMessage());
    }
}
