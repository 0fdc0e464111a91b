package org.gyrus.io.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.gyrus.data.Volume;
import org.gyrus.data.XformCode;
import org.gyrus.io.nifti.NiftiReader;
import org.joml.Matrix4d;
import org.junit.jupiter.api.Test;

/** Automatic masks: mean volume, threshold, Otsu. Masking volumes into features is tested with org.gyrus.data.VolumeMask. */
class VolumeMasksTest {

    private static Volume vol(float... v) {
        return Volume.builder(v, 2, 2, 1).affine(new Matrix4d().scaling(2), XformCode.MNI_152).build();
    }

    @Test
    void otsuSeparatesTwoPopulations() throws Exception {
        float[] v = new float[1000];
        for (int i = 0; i < v.length; i++) {
            v[i] = i < 600 ? 10 + (i % 7) : 100 + (i % 11);
        }
        Volume vol = Volume.builder(v, 10, 10, 10).build();
        double t = VolumeMasks.otsuThreshold(vol.image(), 256);
        assertTrue(t > 16 && t <= 100, "threshold " + t);
        float[] mask = VolumeMasks.otsu(vol).toFloatArray();
        int inside = 0;
        for (float x : mask) {
            inside += (int) x;
        }
        assertEquals(400, inside);
        // On the MNI template the automatic mask keeps the head, not the background.
        Volume avg = NiftiReader.read(Path.of("testdata/nifti/avg152T1_LR_nifti.nii.gz"));
        float[] brain = VolumeMasks.otsu(avg).toFloatArray();
        int n = 0;
        for (float x : brain) {
            n += (int) x;
        }
        assertTrue(n > 0.2 * brain.length && n < 0.7 * brain.length, "in-mask fraction " + (double) n / brain.length);
    }

    @Test
    void meanAndThreshold() {
        Volume mean = VolumeMasks.mean(List.of(vol(0, 2, 4, 6), vol(2, 2, 2, 2)));
        assertArrayEquals(new float[] {1, 2, 3, 4}, mean.toFloatArray());
        assertArrayEquals(new float[] {0, 0, 1, 1}, VolumeMasks.threshold(mean, 2.5).toFloatArray());
    }
}
