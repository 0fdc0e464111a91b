package org.gyrus.data;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.joml.Matrix4dc;

/**
 * A mask on a voxel grid that turns volumes into features and back: one feature per voxel where
 * the mask is non-zero and not NaN, voxels in x-fastest order. Features are named
 * {@code v<x>_<y>_<z>}, with one more index for each further dimension of more than one voxel
 * ({@code v<x>_<y>_<z>_<t>} for 4-D data), so the way back needs no other information. Volumes
 * must lie on the mask's grid: the same shape and the same voxel-to-world affine.
 */
public final class VolumeMask {

    /** The largest difference, in world units (mm), between two affines' entries on one grid. */
    public static final double AFFINE_TOLERANCE = 1e-3;

    private static final Pattern VOXEL_NAME = Pattern.compile("v\\d+(_\\d+)*");

    private final Volume mask;
    private final String name;
    private final long[] dims;
    private final int[] voxels;

    /**
     * The mask's in-mask voxels.
     *
     * @param mask the mask volume
     * @param name how messages call the mask, for example {@code "the mask (input 'mask')"}
     * @throws IllegalArgumentException if the mask selects no voxel or has more voxels than features can index
     */
    public VolumeMask(Volume mask, String name) {
        this.mask = mask;
        this.name = name;
        this.dims = mask.dimensions();
        long n = mask.voxelCount();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(capitalised(name) + " has " + n + " voxels, more than features can index");
        }
        float[] m = mask.toFloatArray();
        int count = 0;
        for (float v : m) {
            if (inside(v)) {
                count++;
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException(capitalised(name) + " selects no voxel (every value is 0 or NaN)");
        }
        voxels = new int[count];
        int k = 0;
        for (int i = 0; i < m.length; i++) {
            if (inside(m[i])) {
                voxels[k++] = i;
            }
        }
    }

    private static boolean inside(float maskValue) {
        return maskValue != 0 && !Float.isNaN(maskValue);
    }

    /** The mask volume. */
    public Volume volume() {
        return mask;
    }

    /** The number of voxels inside the mask: the number of features. */
    public int size() {
        return voxels.length;
    }

    /** The feature names in mask order. */
    public List<String> featureNames() {
        List<String> names = new ArrayList<>(voxels.length);
        StringBuilder sb = new StringBuilder();
        for (int index : voxels) {
            sb.setLength(0);
            sb.append('v');
            long rest = index;
            for (int d = 0; d < Math.max(3, dims.length); d++) {
                long size = d < dims.length ? dims[d] : 1;
                if (d < 3 || size > 1) {
                    sb.append(d == 0 ? "" : "_").append(rest % size);
                }
                rest /= size;
            }
            names.add(sb.toString());
        }
        return names;
    }

    /**
     * Checks that {@code volume} lies on the mask's grid.
     *
     * @param what how messages call the volume, for example {@code "volume 'sub-01' (input 'volumes')"}
     * @throws IllegalArgumentException naming the volume and the mask when the shape or the affine differs
     */
    public void checkGrid(Volume volume, String what) {
        if (!Arrays.equals(volume.dimensions(), dims)) {
            throw new IllegalArgumentException(capitalised(what) + " is " + Arrays.toString(volume.dimensions()) + " voxels but "
                    + name + " is " + Arrays.toString(dims) + ": they are not on one grid");
        }
        double diff = largestDifference(volume.affine(), mask.affine());
        if (diff > AFFINE_TOLERANCE) {
            throw new IllegalArgumentException(capitalised(what) + " has the shape of " + name + " but lies on another grid: "
                    + "its voxel-to-world affine " + show(volume.affine()) + " differs from the mask's " + show(mask.affine())
                    + " by up to " + number(diff)
                    + ". Resample the volumes onto the mask's grid, or make the mask on theirs");
        }
    }

    private static double largestDifference(Matrix4dc a, Matrix4dc b) {
        double most = 0;
        for (int c = 0; c < 4; c++) {
            for (int r = 0; r < 4; r++) {
                most = Math.max(most, Math.abs(a.get(c, r) - b.get(c, r)));
            }
        }
        return most;
    }

    private static String show(Matrix4dc a) {
        StringBuilder sb = new StringBuilder("[");
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                sb.append(c == 0 ? "" : " ").append(number(a.get(c, r)));
            }
            sb.append(r < 2 ? "; " : "]");
        }
        return sb.toString();
    }

    /** Six significant digits without trailing zeros: 2, -10, 0.5. */
    private static String number(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /**
     * The in-mask voxels of every volume of the set, one row per volume in the set's order.
     *
     * @param setName how messages call the set, for example {@code "input 'volumes'"}
     * @throws IllegalArgumentException naming the volume whose grid differs from the mask's
     */
    public FeatureMatrix toFeatures(VolumeSet volumes, String setName) {
        List<String> ids = volumes.ids();
        float[] data = new float[Math.multiplyExact(ids.size(), voxels.length)];
        for (int r = 0; r < ids.size(); r++) {
            Volume v = volumes.get(ids.get(r));
            checkGrid(v, "volume '" + ids.get(r) + "' (" + setName + ")");
            float[] all = v.toFloatArray();
            for (int j = 0; j < voxels.length; j++) {
                data[r * voxels.length + j] = all[voxels[j]];
            }
        }
        return new FeatureMatrix(data, ids, featureNames());
    }

    /**
     * One volume per row of {@code features}, keyed by row id, on the mask's grid, 0 outside the
     * mask. Features named after voxels go back to their voxel whatever their order (features made
     * through another mask on this grid fit too); features with other names are taken in mask order.
     *
     * @throws IllegalArgumentException if there is not one feature per mask voxel, or a feature names a voxel outside the mask
     */
    public VolumeSet toVolumes(FeatureMatrix features) {
        if (features.cols() != voxels.length) {
            throw new IllegalArgumentException("The features have " + features.cols() + " columns but " + name + " selects "
                    + voxels.length + " voxels; use the mask the features were made with");
        }
        int[] target = targets(features.featureNames());
        float[] data = features.toArray();
        Map<String, Volume> out = new LinkedHashMap<>();
        for (int r = 0; r < features.rows(); r++) {
            String id = features.rowIds().get(r);
            out.put(id, toVolume(data, r * voxels.length, target, "row " + id));
        }
        return VolumeSet.of(out);
    }

    /** A volume on the mask's grid holding {@code values[offset .. offset + size())} in the mask voxels, in mask order. */
    public Volume toVolume(float[] values, int offset, String description) {
        return toVolume(values, offset, voxels, description);
    }

    /** The voxel index of each feature: by its name when every name is a voxel name, else the mask order. */
    private int[] targets(List<String> names) {
        for (String n : names) {
            if (!VOXEL_NAME.matcher(n).matches()) {
                return voxels;
            }
        }
        boolean[] inMask = new boolean[Math.toIntExact(mask.voxelCount())];
        for (int v : voxels) {
            inMask[v] = true;
        }
        int[] target = new int[names.size()];
        for (int j = 0; j < target.length; j++) {
            long index = voxelIndex(names.get(j));
            if (index < 0 || !inMask[(int) index]) {
                throw new IllegalArgumentException("Feature '" + names.get(j) + "' names a voxel outside " + name);
            }
            target[j] = (int) index;
        }
        return target;
    }

    /** The flat index of a voxel name made by {@link #featureNames()}, or -1 if it names no voxel of the grid. */
    private long voxelIndex(String featureName) {
        String[] parts = featureName.substring(1).split("_");
        long index = 0;
        long stride = 1;
        int k = 0;
        for (int d = 0; d < Math.max(3, dims.length); d++) {
            long size = d < dims.length ? dims[d] : 1;
            if (d < 3 || size > 1) {
                if (k >= parts.length) {
                    return -1;
                }
                long i;
                try {
                    i = Long.parseLong(parts[k++]);
                } catch (NumberFormatException e) {
                    return -1;
                }
                if (i >= size) {
                    return -1;
                }
                index += i * stride;
            }
            stride *= size;
        }
        return k == parts.length ? index : -1;
    }

    private Volume toVolume(float[] values, int offset, int[] target, String description) {
        float[] image = new float[Math.toIntExact(mask.voxelCount())];
        for (int j = 0; j < target.length; j++) {
            image[target[j]] = values[offset + j];
        }
        return Volume.builder(image, dims).affine(mask.affine(), mask.xformCode()).voxelSizes(mask.voxelSizes())
                .units(mask.spatialUnit(), mask.temporalUnit()).metadata("description", description).build();
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
