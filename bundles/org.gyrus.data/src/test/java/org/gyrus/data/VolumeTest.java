package org.gyrus.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.imglib2.img.Img;
import net.imglib2.img.cell.CellImg;
import net.imglib2.type.numeric.real.FloatType;

import org.joml.Matrix4d;
import org.junit.jupiter.api.Test;

class VolumeTest {

    @Test
    void keepsGeometryAndDerivesVoxelSizesFromTheAffine() {
        Matrix4d affine = new Matrix4d().translate(-90, -126, -72).rotateZ(Math.toRadians(30)).scale(2, 2, 2.5);
        Volume v = Volume.builder(new float[24], 2, 3, 4).affine(affine, XformCode.MNI_152)
                .units(SpatialUnit.MM, TemporalUnit.UNKNOWN).metadata("descrip", "test").build();
        assertArrayEquals(new long[] {2, 3, 4}, v.dimensions());
        assertEquals(XformCode.MNI_152, v.xformCode());
        assertArrayEquals(new double[] {2, 2, 2.5}, v.voxelSizes(), 1e-12);
        assertTrue(v.affine().equals(affine, 1e-12));
        assertEquals("test", v.metadata().get("descrip"));
    }

    @Test
    void flattensXFastest() {
        float[] data = new float[2 * 3];
        for (int i = 0; i < data.length; i++) {
            data[i] = i;
        }
        assertArrayEquals(data, Volume.builder(data, 2, 3).build().toFloatArray());
    }

    @Test
    void usesCellImagesBeyondTheArrayLimit() {
        assertTrue(!(Volume.floatImage(64, 64, 64) instanceof CellImg));
        // The real limit is 2^31 - 9 voxels; a small limit shows the switch without allocating 8 GB.
        Img<FloatType> cells = Volume.floatImageWithLimit(1000, 20, 20, 20);
        assertTrue(cells instanceof CellImg, cells.getClass().getName());
        assertEquals(8000, cells.size());
        cells.randomAccess().setPositionAndGet(19, 19, 19).set(7f);
        Volume v = Volume.builder(cells).build();
        assertEquals(7f, v.toFloatArray()[7999]);
    }

    @Test
    void refusesMoreThanFiveDimensionsAndBadSizes() {
        assertThrows(IllegalArgumentException.class, () -> Volume.builder(new float[1], 1, 1, 1, 1, 1, 1).build());
        assertThrows(IllegalArgumentException.class, () -> Volume.floatImage(10, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> Volume.builder(new float[4], 2, 2).voxelSizes(1, 1, 1).build());
    }

    @Test
    void xformCodesMapToNiftiIntegers() {
        assertEquals(XformCode.ALIGNED_ANAT, XformCode.of(2));
        assertEquals(4, XformCode.MNI_152.code());
        assertThrows(IllegalArgumentException.class, () -> XformCode.of(9));
        assertEquals(SpatialUnit.MM, SpatialUnit.of(2));
        assertEquals(TemporalUnit.SEC, TemporalUnit.of(8));
    }
}
