package org.gyrus.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.gyrus.data.ColumnRole;
import org.gyrus.data.Table;
import org.gyrus.data.Volume;
import org.gyrus.data.XformCode;
import org.joml.Matrix4d;
import org.junit.jupiter.api.Test;

class CohortGeneratorTest {

    private static CohortGenerator.Cohort cohort(long seed, int threads) throws InterruptedException {
        return new CohortGenerator(40, 32, 0.5, 0.10, 0.04, seed).generate(threads);
    }

    @Test
    void sameSeedGivesTheSameCohortWhateverTheThreadCount() throws InterruptedException {
        CohortGenerator.Cohort a = cohort(7, 1);
        CohortGenerator.Cohort b = cohort(7, 2);
        assertEquals(a.clinical(), b.clinical());
        for (String id : a.volumes().ids()) {
            assertArrayEquals(a.volumes().get(id).toFloatArray(), b.volumes().get(id).toFloatArray(), id);
        }
        CohortGenerator.Cohort c = cohort(8, 2);
        assertTrue(!a.clinical().equals(c.clinical()));
    }

    @Test
    void clinicalTableIsLinkedByIdWithTheRequestedLabelsAndAboutTenPercentMissing() throws InterruptedException {
        CohortGenerator.Cohort cohort = new CohortGenerator(400, 8, 0.25, 0.10, 0.04, 3).generate(2);
        Table t = cohort.clinical();
        assertEquals(List.of("subject_id", "age", "sex", "site", "scanner", "memory_score", "attention_score", "lesion"),
                t.columnNames());
        assertEquals(ColumnRole.ID, t.column("subject_id").role());
        assertEquals(ColumnRole.LABEL, t.column("lesion").role());
        for (int i = 0; i < t.rowCount(); i++) {
            assertEquals(cohort.volumes().ids().get(i), t.column("subject_id").format(i));
        }
        double lesions = 0;
        for (int i = 0; i < t.rowCount(); i++) {
            lesions += t.numeric("lesion").get(i);
        }
        assertEquals(100, lesions, "exactly a quarter of 400 subjects carry a lesion");
        long cells = 6L * t.rowCount();
        double missing = (double) t.missingCount() / cells;
        assertTrue(missing > 0.07 && missing < 0.13, "missing fraction " + missing);
        assertEquals(0, t.column("subject_id").missingCount());
        assertEquals(0, t.column("lesion").missingCount());
        // Missing at random given site: site C loses more cells than site A.
        assertTrue(missingShare(t, "site-C") > 1.5 * missingShare(t, "site-A"),
                missingShare(t, "site-C") + " vs " + missingShare(t, "site-A"));
    }

    private static double missingShare(Table t, String site) {
        int rows = 0;
        int missing = 0;
        for (int i = 0; i < t.rowCount(); i++) {
            if (site.equals(t.categorical("site").get(i))) {
                rows++;
                for (String c : List.of("age", "sex", "scanner", "memory_score", "attention_score")) {
                    missing += t.column(c).isMissing(i) ? 1 : 0;
                }
            }
        }
        return (double) missing / rows;
    }

    @Test
    void phantomsHaveTissueContrastAnObliqueAffineAndVisibleLesions() throws InterruptedException {
        CohortGenerator.Cohort cohort = new CohortGenerator(6, 48, 0.5, 0.1, 0.0, 11).generate(2);
        Volume mask = cohort.brainMask();
        float[] m = mask.toFloatArray();
        Table t = cohort.clinical();
        double[] lesionMean = new double[2];
        int[] count = new int[2];
        for (int s = 0; s < 6; s++) {
            Volume v = cohort.volumes().get(t.column("subject_id").format(s));
            assertEquals(XformCode.SCANNER_ANAT, v.xformCode());
            Matrix4d a = v.affine();
            assertTrue(Math.abs(a.m10()) > 0.1 && Math.abs(a.m21()) > 0.1, "the grid is oblique: " + a);
            assertEquals(220.0 / 48, v.voxelSizes()[0], 1e-9);
            float[] x = v.toFloatArray();
            assertEquals(0f, x[0], "noise-free corners are background");
            int white = 0;
            int grey = 0;
            int darkInBrain = 0;
            for (int i = 0; i < x.length; i++) {
                if (m[i] > 0) {
                    float r = x[i];
                    if (r > 0.85f) white++;
                    if (r > 0.5f && r < 0.75f) grey++;
                    if (r > 0.3f && r < 0.5f) darkInBrain++;
                }
            }
            assertTrue(white > 1000 && grey > 1000, "white " + white + ", grey " + grey);
            int label = (int) t.numeric("lesion").get(s);
            lesionMean[label] += darkInBrain;
            count[label]++;
        }
        assertEquals(3, count[1]);
        assertTrue(lesionMean[1] / count[1] > lesionMean[0] / count[0] + 20,
                "lesions add dark voxels inside the brain: " + lesionMean[1] / 3 + " vs " + lesionMean[0] / 3);
    }

    @Test
    void theSpecStepKnowsTheClinicalColumnsAndTheGridBeforeGenerating() throws InterruptedException {
        CohortGenerator g = new CohortGenerator(12, 16, 0.5, 0.10, 0.04, 5);
        CohortGenerator.Cohort cohort = g.generate(1);
        assertEquals(org.gyrus.data.TableSpec.of(cohort.clinical()), CohortGenerator.clinicalSpec());
        String first = cohort.volumes().ids().get(0);
        assertEquals(org.gyrus.data.VolumeSpec.of(cohort.volumes().get(first)), g.grid());
        assertEquals(org.gyrus.data.VolumeSpec.of(cohort.brainMask()), g.grid());
    }
}
