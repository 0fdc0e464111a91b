package org.gyrus.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.gyrus.data.NumericColumn;
import org.gyrus.data.Volume;
import org.gyrus.samples.CohortGenerator;
import org.junit.jupiter.api.Test;

/**
 * Evidence that a volume transformer's attention means something: on the samples bundle's
 * synthetic cohort (lesion vs no lesion), the attention rollout, put back into the mask's world
 * space, is higher inside each lesion than in the brain on average (ratio > 1 = more than chance).
 *
 * <p>The lesion region is found without the generator's internals: the same cohort generated
 * without noise (same seed, so the same anatomy, bias field and lesions), and in each lesion
 * subject the voxels far darker than the healthy subjects at that voxel (z below -5).
 */
class CohortLesionTest {

    static final int SUBJECTS = 64;
    static final int SIZE = 32;
    static final long SEED = 20261201;
    static final TransformerSettings SETTINGS = new TransformerSettings(1, 2, 32, 64, 0.1, true, 3e-3, 1e-4, 3, 60, 8, 0.0, 0, false, false);

    @Test
    void attentionMapOverlapsTheLesionsMoreThanChance() throws InterruptedException {
        CohortGenerator.Cohort cohort = new CohortGenerator(SUBJECTS, SIZE, 0.5, 0.1, 0.04, SEED).generate(1);
        CohortGenerator.Cohort clean = new CohortGenerator(SUBJECTS, SIZE, 0.5, 0.1, 0.0, SEED).generate(1);
        Volume mask = cohort.brainMask();
        List<String> ids = cohort.volumes().ids();
        NumericColumn lesionColumn = (NumericColumn) cohort.clinical().find("lesion").orElseThrow();
        int[] y = new int[SUBJECTS];
        for (int i = 0; i < SUBJECTS; i++) {
            y[i] = (int) lesionColumn.get(i);
        }
        VolumeLayout layout = VolumeLayout.of(mask, 4);
        float[] x = layout.encode(cohort.volumes(), ids, mask);
        TransformerModel model = TransformerTraining.classifier(layout, x, new Labels(List.of("0", "1"), y), SETTINGS, 3, null);
        AttentionMaps maps = AttentionMaps.of(model, x);

        float[] in = mask.toFloatArray();
        boolean[][] lesions = lesionRegions(clean, ids, y, in);
        List<Double> ratios = new ArrayList<>();
        for (int s = 0; s < SUBJECTS; s++) {
            if (y[s] == 0) {
                continue;
            }
            float[] map = layout.toVolume(maps.rollout()[s], mask, "rollout").toFloatArray();
            double inside = 0;
            double all = 0;
            int nInside = 0;
            int nAll = 0;
            for (int v = 0; v < map.length; v++) {
                if (in[v] != 0) {
                    all += map[v];
                    nAll++;
                    if (lesions[s][v]) {
                        inside += map[v];
                        nInside++;
                    }
                }
            }
            assertTrue(nInside > 0, "no lesion voxel found for " + ids.get(s));
            ratios.add((inside / nInside) / (all / nAll));
        }
        double mean = ratios.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        long above = ratios.stream().filter(r -> r > 1).count();
        System.out.printf("cohort lesion overlap: %d tokens, mean attention inside the lesion / mean in the brain = %.3f "
                + "(chance 1); above chance in %d of %d lesion subjects; train loss %.4f at epoch %d%n", layout.tokens(), mean, above,
                ratios.size(), model.history().trainLoss().get(model.history().trainLoss().size() - 1), model.history().trainLoss().size());
        assertEquals(SUBJECTS / 2, ratios.size());
        assertTrue(mean > 1, "mean lesion overlap ratio " + mean + " is not above chance (1)");
    }

    /** Per lesion subject, voxels of the noise-free volume far darker than the healthy subjects there. */
    static boolean[][] lesionRegions(CohortGenerator.Cohort clean, List<String> ids, int[] y, float[] in) {
        int voxels = in.length;
        double[] mean = new double[voxels];
        double[] sq = new double[voxels];
        int healthy = 0;
        for (int s = 0; s < ids.size(); s++) {
            if (y[s] == 0) {
                float[] v = clean.volumes().get(ids.get(s)).toFloatArray();
                for (int i = 0; i < voxels; i++) {
                    mean[i] += v[i];
                    sq[i] += (double) v[i] * v[i];
                }
                healthy++;
            }
        }
        boolean[][] out = new boolean[ids.size()][];
        for (int s = 0; s < ids.size(); s++) {
            if (y[s] == 0) {
                continue;
            }
            float[] v = clean.volumes().get(ids.get(s)).toFloatArray();
            out[s] = new boolean[voxels];
            for (int i = 0; i < voxels; i++) {
                double m = mean[i] / healthy;
                double sd = Math.sqrt(Math.max(sq[i] / healthy - m * m, 0)) + 0.02;
                out[s][i] = in[i] != 0 && (v[i] - m) / sd < -5;
            }
        }
        return out;
    }
}
