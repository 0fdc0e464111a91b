package org.gyrus.reduce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.Volume;
import org.gyrus.data.VolumeSet;
import org.joml.Matrix4d;
import org.gyrus.data.XformCode;
import org.junit.jupiter.api.Test;

/** Volumes → features → volumes through a mask. */
class MaskedVolumesTest {

    private static final long[] DIMS = {3, 2, 2};

    private static Volume mask() {
        float[] m = {1, 0, 1, 1, 1, 0, 0, 2, -1, 0, 1, 1}; // any non-zero value is inside
        return Volume.builder(m, DIMS).affine(new Matrix4d().scaling(2, 2, 3).setTranslation(-10, 5, 1), XformCode.SCANNER_ANAT).build();
    }

    @Test
    void roundTripKeepsMaskVoxelsAndGeometry() {
        Volume mask = mask();
        float[] a = new float[12];
        float[] b = new float[12];
        for (int i = 0; i < 12; i++) {
            a[i] = i + 1;
            b[i] = -(i + 1);
        }
        VolumeSet set = VolumeSet.of(Map.of("a", Volume.builder(a, DIMS).build()));
        MaskedVolumes masked = new MaskedVolumes(mask);
        assertEquals(8, masked.size());
        FeatureMatrix x = masked.toFeatures(set);
        assertArrayEquals(new float[] {1, 3, 4, 5, 8, 9, 11, 12}, x.toArray());
        assertEquals(List.of("v0_0_0", "v2_0_0", "v0_1_0", "v1_1_0", "v1_0_1", "v2_0_1", "v1_1_1", "v2_1_1"), x.featureNames());
        Volume back = masked.toVolumes(x).get("a");
        assertArrayEquals(new float[] {1, 0, 3, 4, 5, 0, 0, 8, 9, 0, 11, 12}, back.toFloatArray());
        assertEquals(mask.affine(), back.affine());
        assertEquals(XformCode.SCANNER_ANAT, back.xformCode());
        assertArrayEquals(new long[] {3, 2, 2}, back.dimensions());
    }

    @Test
    void voxelNamedFeaturesGoBackToTheirVoxelInAnyOrder() {
        MaskedVolumes masked = new MaskedVolumes(mask());
        List<String> names = new ArrayList<>(masked.featureNames());
        Collections.reverse(names);
        float[] values = {8, 7, 6, 5, 4, 3, 2, 1};
        Volume v = masked.toVolumes(new FeatureMatrix(values, List.of("r"), names)).get("r");
        assertArrayEquals(new float[] {1, 0, 2, 3, 4, 0, 0, 5, 6, 0, 7, 8}, v.toFloatArray());
        // other names: mask order
        List<String> plain = List.of("a", "b", "c", "d", "e", "f", "g", "h");
        Volume p = masked.toVolumes(new FeatureMatrix(values, List.of("r"), plain)).get("r");
        assertArrayEquals(new float[] {8, 0, 7, 6, 5, 0, 0, 4, 3, 0, 2, 1}, p.toFloatArray());
        List<String> outside = new ArrayList<>(masked.featureNames());
        outside.set(0, "v1_0_0");
        assertThrows(IllegalArgumentException.class, () -> masked.toVolumes(new FeatureMatrix(values, List.of("r"), outside)));
    }

    @Test
    void refusesMismatches() {
        MaskedVolumes masked = new MaskedVolumes(mask());
        assertThrows(IllegalArgumentException.class, () -> masked.toVolumes(new FeatureMatrix(new float[3], List.of("r"), List.of("a", "b", "c"))));
        VolumeSet wrong = VolumeSet.of(Map.of("a", Volume.builder(new float[8], 2, 2, 2).build()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> masked.toFeatures(wrong));
        assertEquals("Volume 'a' is [2, 2, 2] voxels but the mask is [3, 2, 2]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MaskedVolumes(Volume.builder(new float[8], 2, 2, 2).build()));
    }
}
