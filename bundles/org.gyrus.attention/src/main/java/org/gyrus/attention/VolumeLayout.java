package org.gyrus.attention;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import net.imglib2.img.array.ArrayImgs;

import org.gyrus.data.Volume;
import org.gyrus.data.VolumeSet;
import org.gyrus.nn.layers.MaskedPatchEmbedding;
import org.gyrus.nn.layers.Module;
import org.joml.Matrix4d;
import org.joml.Vector3d;

/**
 * Tokens from 3-D patches inside a mask: the grid is tiled with cubes of {@code patch³} voxels and
 * every cube with at least a quarter of its voxels inside the mask is a token (subject × patches).
 * A token's values are its voxels, standardised per subject over the mask (voxels outside the mask
 * are 0); its position is the world coordinate (mm) of the cube's centre, encoded by sines and
 * cosines ({@link MaskedPatchEmbedding}), so the encoding follows the anatomy rather than the
 * voxel grid. Attention per token goes back to the cube's voxels inside the mask, in the mask's
 * world space.
 *
 * @param grid    the mask's size in voxels (x, y, z)
 * @param affine  the voxel-to-world affine, 16 values row by row
 * @param patch   the cube's side in voxels
 * @param origins the first voxel of each cube, {@code 3 × patches} values (x, y, z)
 */
public record VolumeLayout(int[] grid, double[] affine, int patch, int[] origins) implements InputLayout {

    /** A cube is a token when at least this share of its voxels lies inside the mask. */
    static final double MIN_INSIDE = 0.25;

    /**
     * The cubes of a mask.
     *
     * @throws IllegalArgumentException if the mask is not 3-D or no cube is inside it
     */
    public static VolumeLayout of(Volume mask, int patch) {
        long[] d = mask.dimensions();
        if (d.length < 3 || Arrays.stream(d, 3, d.length).anyMatch(s -> s != 1)) {
            throw new IllegalArgumentException("The mask must be a 3-D volume, got dimensions " + Arrays.toString(d));
        }
        if (patch < 1) {
            throw new IllegalArgumentException("The patch size must be at least 1 voxel, got " + patch);
        }
        int[] g = {(int) d[0], (int) d[1], (int) d[2]};
        boolean[] in = inside(mask);
        List<Integer> origins = new ArrayList<>();
        for (int z = 0; z < g[2]; z += patch) {
            for (int y = 0; y < g[1]; y += patch) {
                for (int x = 0; x < g[0]; x += patch) {
                    int count = 0;
                    for (int k = z; k < Math.min(z + patch, g[2]); k++) {
                        for (int j = y; j < Math.min(y + patch, g[1]); j++) {
                            for (int i = x; i < Math.min(x + patch, g[0]); i++) {
                                if (in[(k * g[1] + j) * g[0] + i]) {
                                    count++;
                                }
                            }
                        }
                    }
                    if (count > 0 && count >= MIN_INSIDE * patch * patch * patch) {
                        origins.add(x);
                        origins.add(y);
                        origins.add(z);
                    }
                }
            }
        }
        if (origins.isEmpty()) {
            throw new IllegalArgumentException("No " + patch + "³-voxel patch has a quarter of its voxels inside the mask: choose a "
                    + "smaller patch size or a larger mask");
        }
        return new VolumeLayout(g, rows(mask.affine()), patch, origins.stream().mapToInt(Integer::intValue).toArray());
    }

    private static boolean[] inside(Volume mask) {
        float[] m = mask.toFloatArray();
        boolean[] in = new boolean[m.length];
        for (int i = 0; i < m.length; i++) {
            in[i] = m[i] != 0 && !Float.isNaN(m[i]);
        }
        return in;
    }

    private static double[] rows(Matrix4d a) {
        double[] r = new double[16];
        for (int row = 0; row < 4; row++) {
            for (int col = 0; col < 4; col++) {
                r[row * 4 + col] = a.get(col, row);
            }
        }
        return r;
    }

    /** @return voxels per patch */
    public int patchVoxels() {
        return patch * patch * patch;
    }

    /** @return the world coordinates (mm) of the patch centres, 3 per patch */
    public float[] coordinates() {
        Matrix4d a = new Matrix4d();
        a.set(affine[0], affine[4], affine[8], affine[12], affine[1], affine[5], affine[9], affine[13],
                affine[2], affine[6], affine[10], affine[14], affine[3], affine[7], affine[11], affine[15]);
        float[] c = new float[origins.length];
        double half = (patch - 1) / 2.0;
        for (int p = 0; p < tokens(); p++) {
            Vector3d v = a.transformPosition(new Vector3d(origins[3 * p] + half, origins[3 * p + 1] + half, origins[3 * p + 2] + half));
            c[3 * p] = (float) v.x;
            c[3 * p + 1] = (float) v.y;
            c[3 * p + 2] = (float) v.z;
        }
        return c;
    }

    /**
     * The patches of each volume, standardised per subject over the mask.
     *
     * @param volumes the subjects' volumes, on the mask's grid
     * @param ids     which subjects, in order
     * @param mask    the mask the layout was made from
     * @return {@code ids.size() × patches × patchVoxels} values
     * @throws IllegalArgumentException naming a subject whose volume is not on the grid, or the mask
     *     when it gives other patches than the model's
     */
    public float[] encode(VolumeSet volumes, List<String> ids, Volume mask) {
        requireSameMask(mask);
        boolean[] in = inside(mask);
        int pv = patchVoxels();
        int per = tokens() * pv;
        float[] x = new float[ids.size() * per];
        for (int s = 0; s < ids.size(); s++) {
            Volume v = volumes.get(ids.get(s));
            long[] d = v.dimensions();
            if (d.length < 3 || d[0] != grid[0] || d[1] != grid[1] || d[2] != grid[2] || Arrays.stream(d, 3, d.length).anyMatch(e -> e != 1)
                    || !sameAffine(rows(v.affine()))) {
                throw new IllegalArgumentException("The volume of subject '" + ids.get(s) + "' is not on the mask's grid (dimensions "
                        + Arrays.toString(d) + " against " + Arrays.toString(grid) + ", or another affine): resample it first");
            }
            float[] data = v.toFloatArray();
            double sum = 0;
            double sq = 0;
            int count = 0;
            for (int i = 0; i < in.length; i++) {
                if (in[i]) {
                    if (!Float.isFinite(data[i])) {
                        throw new IllegalArgumentException("The volume of subject '" + ids.get(s) + "' has a value that is not finite inside the mask");
                    }
                    sum += data[i];
                    sq += (double) data[i] * data[i];
                    count++;
                }
            }
            double mean = sum / count;
            double sd = Math.sqrt(Math.max(sq / count - mean * mean, 0));
            double scale = sd > 0 ? 1 / sd : 1;
            for (int p = 0; p < tokens(); p++) {
                int base = s * per + p * pv;
                int q = 0;
                for (int k = 0; k < patch; k++) {
                    for (int j = 0; j < patch; j++) {
                        for (int i = 0; i < patch; i++, q++) {
                            int xi = origins[3 * p] + i;
                            int yj = origins[3 * p + 1] + j;
                            int zk = origins[3 * p + 2] + k;
                            if (xi < grid[0] && yj < grid[1] && zk < grid[2]) {
                                int idx = (zk * grid[1] + yj) * grid[0] + xi;
                                if (in[idx]) {
                                    x[base + q] = (float) ((data[idx] - mean) * scale);
                                }
                            }
                        }
                    }
                }
            }
        }
        return x;
    }

    /**
     * A map on the mask's grid and in its world space: each patch's value in its voxels inside the
     * mask, 0 elsewhere.
     *
     * @param perPatch one value per patch
     * @param mask     the mask
     * @param what     the volume's description
     */
    public Volume toVolume(double[] perPatch, Volume mask, String what) {
        boolean[] in = inside(mask);
        float[] out = new float[in.length];
        for (int p = 0; p < tokens(); p++) {
            for (int k = 0; k < patch; k++) {
                for (int j = 0; j < patch; j++) {
                    for (int i = 0; i < patch; i++) {
                        int xi = origins[3 * p] + i;
                        int yj = origins[3 * p + 1] + j;
                        int zk = origins[3 * p + 2] + k;
                        if (xi < grid[0] && yj < grid[1] && zk < grid[2]) {
                            int idx = (zk * grid[1] + yj) * grid[0] + xi;
                            if (in[idx]) {
                                out[idx] = (float) perPatch[p];
                            }
                        }
                    }
                }
            }
        }
        return mask.toBuilder(ArrayImgs.floats(out, grid[0], grid[1], grid[2])).metadata("description", what).build();
    }

    /**
     * @throws IllegalArgumentException if the mask is not the one the layout was made from
     */
    public void requireSameMask(Volume mask) {
        VolumeLayout other = of(mask, patch);
        if (!Arrays.equals(grid, other.grid) || !Arrays.equals(origins, other.origins) || !sameAffine(other.affine)) {
            throw new IllegalArgumentException("The mask gives other patches than the mask the model was fitted with (grid "
                    + Arrays.toString(other.grid) + " against " + Arrays.toString(grid) + ", " + other.tokens() + " patches against "
                    + tokens() + "): use the same mask");
        }
    }

    private boolean sameAffine(double[] other) {
        for (int i = 0; i < 16; i++) {
            if (Math.abs(other[i] - affine[i]) > 1e-4 * (1 + Math.abs(affine[i]))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String kind() {
        return "volume";
    }

    @Override
    public int tokens() {
        return origins.length / 3;
    }

    @Override
    public List<String> tokenNames() {
        List<String> names = new ArrayList<>();
        for (int p = 0; p < tokens(); p++) {
            names.add("patch_" + origins[3 * p] + "_" + origins[3 * p + 1] + "_" + origins[3 * p + 2]);
        }
        return names;
    }

    @Override
    public int[] sampleShape() {
        return new int[] {tokens(), patchVoxels()};
    }

    @Override
    public boolean learnedPositions() {
        return false;
    }

    @Override
    public Module tokenizer(int width, Random random) {
        return new MaskedPatchEmbedding(tokens(), patchVoxels(), width, 1000f, coordinates(), random);
    }

    @Override
    public Map<String, Object> toMetadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind());
        m.put("grid", InputLayout.list(grid));
        m.put("affine", Arrays.stream(affine).boxed().toList());
        m.put("patch", patch);
        m.put("origins", InputLayout.list(origins));
        return m;
    }

    static VolumeLayout fromMetadata(Map<?, ?> m) {
        return new VolumeLayout(InputLayout.ints(m.get("grid")), InputLayout.doubles(m.get("affine")), ((Number) m.get("patch")).intValue(),
                InputLayout.ints(m.get("origins")));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VolumeLayout v && Arrays.equals(grid, v.grid) && Arrays.equals(affine, v.affine) && patch == v.patch
                && Arrays.equals(origins, v.origins);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(origins) * 31 + patch;
    }

    @Override
    public String toString() {
        return "VolumeLayout[grid " + Arrays.toString(grid) + ", patch " + patch + ", " + tokens() + " patches]";
    }
}
