package org.gyrus.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import org.joml.Matrix4d;
import org.joml.Matrix4dc;

/**
 * The grid of a {@link Volume} before it exists: its dimensions and, when known, its voxel-to-world
 * affine. Two volumes are on the same grid when both agree.
 */
public final class VolumeSpec implements DataSpec {

    /** How far two affines may differ, per element, and still be the same grid (as nibabel's allclose, in mm). */
    private static final double AFFINE_TOLERANCE = 1e-4;

    private final long[] dimensions;
    private final Matrix4d affine;

    /**
     * @param dimensions the size of each axis
     * @param affine     the voxel-to-world affine, or {@code null} when not known
     */
    public VolumeSpec(long[] dimensions, Matrix4dc affine) {
        this.dimensions = dimensions.clone();
        this.affine = affine == null ? null : new Matrix4d(affine);
    }

    /** The exact spec of an existing volume. */
    public static VolumeSpec of(Volume v) {
        return new VolumeSpec(v.dimensions(), v.affine());
    }

    /** The size of each axis. */
    public long[] dimensions() {
        return dimensions.clone();
    }

    /** The affine, when known. */
    public Optional<Matrix4dc> affine() {
        return Optional.ofNullable(affine);
    }

    /**
     * Why a volume of this spec and one of {@code other} are not on one grid, or empty when they
     * may be: the spatial dimensions (the first three) differ, or both affines are known and differ.
     */
    public Optional<String> gridMismatch(VolumeSpec other) {
        long[] a = Arrays.copyOf(dimensions, Math.min(3, dimensions.length));
        long[] b = Arrays.copyOf(other.dimensions, Math.min(3, other.dimensions.length));
        if (!Arrays.equals(a, b)) {
            return Optional.of("the grids differ: " + Arrays.toString(a) + " voxels against " + Arrays.toString(b));
        }
        if (affine != null && other.affine != null && !affine.equals(other.affine, AFFINE_TOLERANCE)) {
            return Optional.of("the grids have the same size but different affines (voxel-to-world matrices)");
        }
        return Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VolumeSpec v && Arrays.equals(v.dimensions, dimensions) && Objects.equals(v.affine, affine);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dimensions) * 31 + Objects.hashCode(affine);
    }

    @Override
    public String toString() {
        return "VolumeSpec" + Arrays.toString(dimensions) + (affine == null ? "" : " with affine");
    }
}
