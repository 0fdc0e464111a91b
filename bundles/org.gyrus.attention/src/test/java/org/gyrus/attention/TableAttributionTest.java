package org.gyrus.attention;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Evidence that the attention maps mean something: a synthetic table of twenty standard-normal
 * features whose label depends on two of them only ({@code f05 + f16 > 0}); the FT-Transformer's
 * attention rollout must rank those two first in at least 90 % of the seeds tried.
 */
class TableAttributionTest {

    static final int FEATURES = 20;
    static final int A = 4;
    static final int B = 15;
    static final int SEEDS = 10;

    static final TransformerSettings SETTINGS = new TransformerSettings(1, 2, 16, 32, 0.0, true, 5e-3, 1e-4, 2, 30, 50, 0.0, 0, false, false);

    @Test
    void rolloutRanksTheTwoInformativeFeaturesFirst() {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < FEATURES; j++) {
            names.add(String.format("f%02d", j + 1));
        }
        TableLayout layout = TableLayout.numeric(names);
        int hits = 0;
        StringBuilder log = new StringBuilder();
        for (int seed = 1; seed <= SEEDS; seed++) {
            Random r = new Random(1000 + seed);
            int n = 300;
            float[] x = new float[n * FEATURES];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < FEATURES; j++) {
                    x[i * FEATURES + j] = (float) r.nextGaussian();
                }
                y[i] = x[i * FEATURES + A] + x[i * FEATURES + B] > 0 ? 1 : 0;
            }
            TransformerModel model = TransformerTraining.classifier(layout, x, new Labels(List.of("0", "1"), y), SETTINGS, seed, null);
            double[] m = AttentionMaps.of(model, x).meanRollout();
            int rankA = rank(m, A);
            int rankB = rank(m, B);
            boolean hit = Math.max(rankA, rankB) == 2;
            hits += hit ? 1 : 0;
            log.append(String.format("seed %d: ranks %d, %d%n", seed, rankA, rankB));
        }
        System.out.print(log);
        assertTrue(hits >= 0.9 * SEEDS, hits + " of " + SEEDS + " seeds ranked both informative features first:\n" + log);
    }

    private static int rank(double[] m, int j) {
        int above = 0;
        for (double v : m) {
            if (v > m[j]) {
                above++;
            }
        }
        return above + 1;
    }
}
