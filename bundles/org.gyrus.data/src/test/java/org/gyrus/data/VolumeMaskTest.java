package org.gyrus.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.joml.Matrix4d;
import org.junit.jupiter.api.Test;

/** Volumes → features → volumes through a mask, on one grid. */
class VolumeMaskTest {

    private static final long[] DIMS = {3, 2, 2};
    private static final Matrix4d GRID = new Matrix4d().scaling(2, 2, 3).setTranslation(-10, 5, 1);

    private static Volume onGrid(float[] values, long... dims) {
        return Volume.builder(values, dims).affine(GRID, XformCode.SCANNER_ANAT).build();
    }

    private static VolumeMask mask() {
        float[] m = {1, 0, 1, 1, 1, 0, 0, 2, -1, 0, 1, Float.NaN}; // any non-zero value is inside, NaN is not
        return new VolumeMask(onGrid(m, DIMS), "the mask");
    }

    @Test
    void inMaskVoxelsBecomeFeaturesAndComeBackOnTheMasksGrid() {
        float[] a = new float[12];
        float[] b = new float[12];
        for (int i = 0; i < 12; i++) {
            a[i] = i + 1;
            b[i] = -(i + 1);
        }
        Map<String, Volume> m = new LinkedHashMap<>();
        m.put("a", onGrid(a, DIMS));
        m.put("b", onGrid(b, DIMS));
        VolumeMask mask = mask();
        assertEquals(7, mask.size());
        FeatureMatrix x = mask.toFeatures(VolumeSet.of(m), "the set");
        assertEquals(List.of("a", "b"), x.rowIds());
        assertArrayEquals(new float[] {1, 3, 4, 5, 8, 9, 11, -1, -3, -4, -5, -8, -9, -11}, x.toArray());
        assertEquals(List.of("v0_0_0", "v2_0_0", "v0_1_0", "v1_1_0", "v1_0_1", "v2_0_1", "v1_1_1"), x.featureNames());
        Volume back = mask.toVolumes(x).get("b");
        assertArrayEquals(new float[] {-1, 0, -3, -4, -5, 0, 0, -8, -9, 0, -11, 0}, back.toFloatArray());
        assertEquals(GRID, back.affine());
        assertEquals(XformCode.SCANNER_ANAT, back.xformCode());
        assertArrayEquals(DIMS, back.dimensions());
    }

    @Test
    void voxelNamedFeaturesGoBackToTheirVoxelInAnyOrder() {
        VolumeMask mask = mask();
        List<String> names = new ArrayList<>(mask.featureNames());
        Collections.reverse(names);
        float[] values = {7, 6, 5, 4, 3, 2, 1};
        Volume v = mask.toVolumes(new FeatureMatrix(values, List.of("r"), names)).get("r");
        assertArrayEquals(new float[] {1, 0, 2, 3, 4, 0, 0, 5, 6, 0, 7, 0}, v.toFloatArray());
        // Other names: mask order.
        List<String> plain = List.of("a", "b", "c", "d", "e", "f", "g");
        Volume p = mask.toVolumes(new FeatureMatrix(values, List.of("r"), plain)).get("r");
        assertArrayEquals(new float[] {7, 0, 6, 5, 4, 0, 0, 3, 2, 0, 1, 0}, p.toFloatArray());
        List<String> outside = new ArrayList<>(mask.featureNames());
        outside.set(0, "v1_0_0");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mask.toVolumes(new FeatureMatrix(values, List.of("r"), outside)));
        assertEquals("Feature 'v1_0_0' names a voxel outside the mask", e.getMessage());
    }

    @Test
    void fourDimensionalDataIsNamedWithATimeIndexAndGoesBack() {
        // 2 × 1 × 1 voxels × 3 time points; the mask keeps voxel x=1 at t=0 and t=2, and x=0 at t=1.
        long[] dims = {2, 1, 1, 3};
        VolumeMask mask = new VolumeMask(onGrid(new float[] {0, 1, 1, 0, 0, 1}, dims), "the mask");
        assertEquals(List.of("v1_0_0_0", "v0_0_0_1", "v1_0_0_2"), mask.featureNames());
        FeatureMatrix x = mask.toFeatures(VolumeSet.of(Map.of("s", onGrid(new float[] {10, 11, 12, 13, 14, 15}, dims))), "the set");
        assertArrayEquals(new float[] {11, 12, 15}, x.toArray());
        List<String> shuffled = List.of("v1_0_0_2", "v1_0_0_0", "v0_0_0_1");
        Volume back = mask.toVolumes(new FeatureMatrix(new float[] {15, 11, 12}, List.of("s"), shuffled)).get("s");
        assertArrayEquals(new float[] {0, 11, 12, 0, 0, 15}, back.toFloatArray());
    }

    @Test
    void singletonTrailingDimensionsAndPlanesNameVoxelsByXYZ() {
        VolumeMask threeD = new VolumeMask(onGrid(new float[] {0, 1, 1, 1}, 2, 2, 1, 1), "the mask");
        assertEquals(List.of("v1_0_0", "v0_1_0", "v1_1_0"), threeD.featureNames());
        VolumeMask plane = new VolumeMask(onGrid(new float[] {0, 1, 1, 1}, 2, 2), "the mask");
        assertEquals(List.of("v1_0_0", "v0_1_0", "v1_1_0"), plane.featureNames());
    }

    @Test
    void volumesOnAnotherGridAreRefusedNamingBoth() {
        VolumeMask mask = mask();
        VolumeSet otherShape = VolumeSet.of(Map.of("sub-01", onGrid(new float[8], 2, 2, 2)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mask.toFeatures(otherShape, "input 'volumes'"));
        assertEquals("Volume 'sub-01' (input 'volumes') is [2, 2, 2] voxels but the mask is [3, 2, 2]: they are not on one grid",
                e.getMessage());

        Matrix4d moved = new Matrix4d(GRID).translateLocal(0, 0, 3); // one slice further up
        VolumeSet otherGrid = VolumeSet.of(Map.of("sub-02", Volume.builder(new float[12], DIMS).affine(moved, XformCode.SCANNER_ANAT).build()));
        e = assertThrows(IllegalArgumentException.class, () -> mask.toFeatures(otherGrid, "input 'volumes'"));
        assertTrue(e.getMessage().startsWith("Volume 'sub-02' (input 'volumes') has the shape of the mask but lies on another grid: "
                + "its voxel-to-world affine [2 0 0 -10; 0 2 0 5; 0 0 3 4] differs from the mask's [2 0 0 -10; 0 2 0 5; 0 0 3 1] by up to 3"),
                e.getMessage());

        // The rounding of an affine stored in float32 is no other grid.
        Matrix4d rounded = new Matrix4d(GRID).m30((float) (GRID.m30() + 1e-6));
        VolumeSet same = VolumeSet.of(Map.of("sub-03", Volume.builder(new float[12], DIMS).affine(rounded, XformCode.SCANNER_ANAT).build()));
        assertEquals(1, mask.toFeatures(same, "input 'volumes'").rows());
    }

    @Test
    void refusesAnEmptyMaskAndFeaturesOfAnotherMask() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new VolumeMask(onGrid(new float[] {0, Float.NaN, 0, 0}, 2, 2), "the mask (input 'mask')"));
        assertEquals("The mask (input 'mask') selects no voxel (every value is 0 or NaN)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> mask().toVolumes(new FeatureMatrix(new float[3], List.of("r"), List.of("a", "b", "c"))));
        assertEquals("The features have 3 columns but the mask selects 7 voxels; use the mask the features were made with", e.getMessage());
    }
}
