package org.gyrus.workbench.viewers;

import org.joml.Matrix4dc;

/**
 * Which world axis (RAS+: x to the patient's right, y anterior, z superior) each voxel axis of a
 * volume runs along, to the nearest axis, and in which direction: nibabel's
 * {@code io_orientation}. Viewers show slices in this orientation without resampling, as FSLeyes,
 * MRIcron and nilearn do by default; an oblique affine is shown in the orthogonal orientation
 * nearest to it (the world coordinate under the cursor is still the exact one).
 */
public final class AxisMapping {

    private static final String POSITIVE = "RAS";
    private static final String NEGATIVE = "LPI";

    private final int[] worldOfVoxel = new int[3];
    private final int[] voxelOfWorld = new int[3];
    private final int[] sign = new int[3];

    private AxisMapping() {
    }

    /**
     * The mapping of an affine: the voxel axis and world axis whose (normalised) direction cosine
     * is largest are paired first, then the largest of the rest, and so on. A degenerate affine
     * (a zero column) pairs the remaining axes in order.
     */
    public static AxisMapping of(Matrix4dc affine) {
        double[][] c = new double[3][3]; // c[voxel][world]
        for (int v = 0; v < 3; v++) {
            double norm = 0;
            for (int w = 0; w < 3; w++) {
                c[v][w] = affine.getRowColumn(w, v);
                norm += c[v][w] * c[v][w];
            }
            norm = Math.sqrt(norm);
            for (int w = 0; w < 3; w++) {
                c[v][w] = norm > 0 ? c[v][w] / norm : 0;
            }
        }
        AxisMapping m = new AxisMapping();
        boolean[] voxelUsed = new boolean[3];
        boolean[] worldUsed = new boolean[3];
        for (int round = 0; round < 3; round++) {
            int bestV = -1;
            int bestW = -1;
            double best = -1;
            for (int v = 0; v < 3; v++) {
                for (int w = 0; w < 3; w++) {
                    if (!voxelUsed[v] && !worldUsed[w] && Math.abs(c[v][w]) > best) {
                        best = Math.abs(c[v][w]);
                        bestV = v;
                        bestW = w;
                    }
                }
            }
            voxelUsed[bestV] = true;
            worldUsed[bestW] = true;
            m.worldOfVoxel[bestV] = bestW;
            m.voxelOfWorld[bestW] = bestV;
            m.sign[bestV] = c[bestV][bestW] < 0 ? -1 : 1;
        }
        return m;
    }

    /** The world axis (0 = R, 1 = A, 2 = S) that voxel axis {@code v} runs along. */
    public int worldAxis(int voxelAxis) {
        return worldOfVoxel[voxelAxis];
    }

    /** The voxel axis that runs along world axis {@code w}. */
    public int voxelAxis(int worldAxis) {
        return voxelOfWorld[worldAxis];
    }

    /** +1 if increasing voxel index along {@code voxelAxis} goes towards R, A or S; -1 if away. */
    public int sign(int voxelAxis) {
        return sign[voxelAxis];
    }

    /** The orientation code: the direction each voxel axis increases towards ("RAS", "LPS", "LAS"...). */
    public String code() {
        StringBuilder sb = new StringBuilder();
        for (int v = 0; v < 3; v++) {
            sb.append((sign[v] > 0 ? POSITIVE : NEGATIVE).charAt(worldOfVoxel[v]));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return code();
    }
}
