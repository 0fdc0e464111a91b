package org.gyrus.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Fold assignments against scikit-learn 1.2.1 (testdata/folds_reference.json, written by testdata/make_folds_reference.py). */
class FoldsTest {

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(v -> out.add(v.asText()));
        return out;
    }

    @Test
    void foldsAreScikitLearns() throws IOException {
        JsonNode ref = new ObjectMapper().readTree(java.nio.file.Path.of("testdata", "folds_reference.json").toFile());
        int[] seen = new int[3];
        for (JsonNode c : ref.get("cases")) {
            int n = c.get("n").asInt();
            int k = c.get("k").asInt();
            boolean shuffle = c.get("shuffle").asBoolean();
            long seed = c.get("seed").asLong();
            int[] expected = new int[n];
            for (int i = 0; i < n; i++) {
                expected[i] = c.get("folds").get(i).asInt();
            }
            String kind = c.get("kind").asText();
            int[] ours = switch (kind) {
                case "kfold" -> Folds.kFold(n, k, shuffle, seed);
                case "stratified" -> Folds.stratified(strings(c.get("labels")), k, shuffle, seed);
                case "grouped" -> Folds.grouped(strings(c.get("groups")), Comparator.naturalOrder(), k);
                default -> throw new AssertionError(kind);
            };
            assertArrayEquals(expected, ours, kind + " n=" + n + " k=" + k + " shuffle=" + shuffle + " seed=" + seed);
            seen[kind.equals("kfold") ? 0 : kind.equals("stratified") ? 1 : 2]++;
        }
        assertTrue(seen[0] >= 15 && seen[1] >= 12 && seen[2] >= 5, java.util.Arrays.toString(seen));
    }

    @Test
    void theSeedDecidesTheShuffleAndNothingElse() {
        assertArrayEquals(Folds.kFold(50, 5, true, 3), Folds.kFold(50, 5, true, 3));
        assertFalse(java.util.Arrays.equals(Folds.kFold(50, 5, true, 3), Folds.kFold(50, 5, true, 4)));
        List<String> y = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            y.add(i % 3 == 0 ? "pos" : "neg");
        }
        assertFalse(java.util.Arrays.equals(Folds.stratified(y, 5, true, 3), Folds.stratified(y, 5, true, 4)));
        assertArrayEquals(Folds.stratified(y, 5, false, 3), Folds.stratified(y, 5, false, 4), "without shuffle the seed is unused");
    }

    @Test
    void groupsStayWholeAndBadSettingsAreRefused() {
        List<String> g = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            g.add("sub-" + (i % 9));
        }
        int[] fold = Folds.grouped(g, Comparator.naturalOrder(), 4);
        for (int i = 0; i < 40; i++) {
            for (int j = 0; j < 40; j++) {
                if (g.get(i).equals(g.get(j))) {
                    assertEquals(fold[i], fold[j], "a subject in two folds");
                }
            }
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Folds.grouped(g, Comparator.naturalOrder(), 10)).getMessage()
                .contains("10 grouped folds of 9 groups"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Folds.kFold(3, 4, false, 0)).getMessage().contains("4 folds of 3 rows"));
        assertThrows(IllegalArgumentException.class, () -> Folds.kFold(10, 2, true, -1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Folds.stratified(List.of("a", "a", "b", "b", "c"), 3, false, 0))
                .getMessage().contains("every class has fewer rows"));
    }
}
