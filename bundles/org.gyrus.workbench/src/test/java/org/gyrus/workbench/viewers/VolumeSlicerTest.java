package org.gyrus.workbench.viewers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import org.gyrus.data.Volume;
import org.joml.Matrix4d;
import org.joml.Vector3d;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Slices in world orientation against nibabel's canonical reorientation, cursor and world coordinates. */
class VolumeSlicerTest {

    @ParameterizedTest
    @ValueSource(strings = {"anatomical", "reoriented"})
    void slicesMatchNibabelsCanonicalOrientationInTheNeurologicalConvention(String name) throws Exception {
        JsonNode ref = TestVolumes.reference(name);
        VolumeSlicer s = new VolumeSlicer(TestVolumes.load(name));
        assertEquals(ref.get("orientation").asText(), s.axes().code());
        long[] cursor = TestVolumes.cursor(ref);
        for (SlicePlane p : SlicePlane.values()) {
            float[] expected = TestVolumes.slice(ref, p);
            assertEquals(ref.get(p.name().toLowerCase()).get(0).size(), s.width(p), p + " width");
            assertArrayEquals(expected, s.slice(p, cursor, 0, Convention.NEUROLOGICAL), p.toString());
        }
        assertEquals(ref.get("value").asDouble(), s.value(cursor, 0));
        Vector3d w = s.world(cursor);
        assertEquals(ref.get("world").get(0).asDouble(), w.x, 1e-4);
        assertEquals(ref.get("world").get(1).asDouble(), w.y, 1e-4);
        assertEquals(ref.get("world").get(2).asDouble(), w.z, 1e-4);
        assertArrayEquals(cursor, s.voxelOf(w));
    }

    @Test
    void theRadiologicalConventionMirrorsAxialAndCoronalButNotSagittal() throws Exception {
        JsonNode ref = TestVolumes.reference("anatomical");
        VolumeSlicer s = new VolumeSlicer(TestVolumes.load("anatomical"));
        long[] cursor = TestVolumes.cursor(ref);
        for (SlicePlane p : SlicePlane.values()) {
            float[] neuro = s.slice(p, cursor, 0, Convention.NEUROLOGICAL);
            float[] radio = s.slice(p, cursor, 0, Convention.RADIOLOGICAL);
            int w = s.width(p);
            float[] mirrored = new float[neuro.length];
            for (int i = 0; i < neuro.length; i++) {
                mirrored[i] = neuro[(i / w) * w + (w - 1 - i % w)];
            }
            assertArrayEquals(p == SlicePlane.SAGITTAL ? neuro : mirrored, radio, p.toString());
        }
    }

    @Test
    void clickingAPixelMovesTheCursorThereAndTheCrosshairFollows() throws Exception {
        VolumeSlicer s = new VolumeSlicer(TestVolumes.load("anatomical"));
        long[] cursor = s.centre();
        for (Convention c : Convention.values()) {
            for (SlicePlane p : SlicePlane.values()) {
                long[] v = s.voxelAt(p, 3, 5, cursor, c);
                assertArrayEquals(new int[] {3, 5}, s.pixelOf(p, v, c));
                assertEquals(cursor[s.fixedVoxelAxis(p)], v[s.fixedVoxelAxis(p)], "the slice stays");
                // The pixel's value is the voxel's value.
                assertEquals(s.slice(p, cursor, 0, c)[5 * s.width(p) + 3], (float) s.value(v, 0));
            }
        }
        // anatomical is LAS: voxel i increases towards the left, so in the neurological convention
        // (left on the left) column 0 is the highest i.
        assertEquals(32, s.voxelAt(SlicePlane.AXIAL, 0, 0, cursor, Convention.NEUROLOGICAL)[0]);
        assertEquals(0, s.voxelAt(SlicePlane.AXIAL, 0, 0, cursor, Convention.RADIOLOGICAL)[0]);
        // Row 0 is the most anterior row (highest j, as j increases towards A).
        assertEquals(40, s.voxelAt(SlicePlane.AXIAL, 0, 0, cursor, Convention.NEUROLOGICAL)[1]);
    }

    @Test
    void anObliqueAffineIsShownInTheNearestOrthogonalOrientation() {
        // 20 degrees about z, voxel axes swapped (j runs along x, i along -y): "PRS" to the nearest axis.
        Matrix4d a = new Matrix4d().rotateZ(Math.toRadians(20)).mul(new Matrix4d(0, -1, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1));
        AxisMapping m = AxisMapping.of(a);
        assertEquals("PRS", m.code());
        assertEquals(1, m.voxelAxis(0));
        assertEquals(0, m.voxelAxis(1));
    }

    @Test
    void theTimeIndexPicksTheVolumeOfA4dSeries() {
        float[] v = new float[4 * 3 * 2 * 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = i / 24; // the time point
        }
        VolumeSlicer s = new VolumeSlicer(Volume.builder(v, 4, 3, 2, 3).build());
        assertEquals(3, s.timepoints());
        for (int t = 0; t < 3; t++) {
            for (float x : s.slice(SlicePlane.AXIAL, s.centre(), t, Convention.NEUROLOGICAL)) {
                assertEquals(t, x);
            }
        }
        assertEquals(2, s.value(new long[] {1, 1, 1}, 2));
    }

    @Test
    void theRobustRangeIgnoresOutliersAndNan() {
        float[] v = new float[10 * 10 * 10];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % 100;
        }
        v[0] = 1e9f;
        v[1] = Float.NaN;
        double[] r = new VolumeSlicer(Volume.builder(v, 10, 10, 10).build()).robustRange();
        assertEquals(2, r[0], 1);
        assertEquals(97, r[1], 1);
    }

    @Test
    void anOverlayOnAnotherGridIsRefusedSayingWhy() throws Exception {
        VolumeSlicer base = new VolumeSlicer(TestVolumes.load("anatomical"));
        VolumeSlicer other = new VolumeSlicer(TestVolumes.load("reoriented"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> base.checkSameGrid(other, "The overlay"));
        assertTrue(e.getMessage().contains("resample"), e.getMessage());
        base.checkSameGrid(new VolumeSlicer(TestVolumes.load("anatomical")), "The overlay");
        assertNotEquals(0, base.width(SlicePlane.AXIAL));
    }
}
