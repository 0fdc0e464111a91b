package org.gyrus.reduce;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.Volume;
import org.gyrus.data.VolumeSet;

/**
 * Volumes to features and back through a mask: one row per volume, one feature per voxel inside
 * the mask (mask value non-zero, as the I/O bundle's Volumes to Features), voxels in x-fastest order, named {@code v<x>_<y>_<z>}. The way back
 * fills the mask voxels of a volume on the mask's grid (its affine) and leaves the outside 0, so
 * reconstructions and component maps can be viewed and saved as images. Features named
 * {@code v<x>_<y>_<z>} go back to their voxel whatever their order (features made by another
 * masking node with that naming fit too); other names are taken in mask order.
 */
public final class MaskedVolumes {

    private final Volume mask;
    private final long[] dims;
    private final int[] voxels;

    /**
     * A mapping over the voxels of {@code mask} (3-D, or with singleton trailing dimensions).
     *
     * @throws IllegalArgumentException if the mask selects no voxel
     */
    public MaskedVolumes(Volume mask) {
        this.mask = mask;
        this.dims = mask.dimensions();
        float[] m = mask.toFloatArray();
        int count = 0;
        for (float v : m) {
            if (inside(v)) {
                count++;
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("The mask selects no voxel (every value is 0)");
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

    /** The number of voxels inside the mask: the number of features. */
    public int size() {
        return voxels.length;
    }

    /** The feature names, {@code v<x>_<y>_<z>} in mask order. */
    public List<String> featureNames() {
        List<String> names = new ArrayList<>(voxels.length);
        long nx = dims[0];
        long ny = dims.length > 1 ? dims[1] : 1;
        for (int index : voxels) {
            long x = index % nx;
            long y = (index / nx) % ny;
            long z = index / (nx * ny);
            names.add("v" + x + "_" + y + "_" + z);
        }
        return names;
    }

    /**
     * The masked voxels of every volume of the set, one row per volume in the set's order.
     *
     * @throws IllegalArgumentException naming the volume whose grid differs from the mask's
     */
    public FeatureMatrix toFeatures(VolumeSet volumes) {
        List<String> ids = volumes.ids();
        float[] data = new float[Math.multiplyExact(ids.size(), voxels.length)];
        for (int r = 0; r < ids.size(); r++) {
            Volume v = volumes.get(ids.get(r));
            if (!Arrays.equals(v.dimensions(), dims)) {
                throw new IllegalArgumentException("Volume '" + ids.get(r) + "' is " + Arrays.toString(v.dimensions())
                        + " voxels but the mask is " + Arrays.toString(dims));
            }
            float[] all = v.toFloatArray();
            for (int j = 0; j < voxels.length; j++) {
                data[r * voxels.length + j] = all[voxels[j]];
            }
        }
        return new FeatureMatrix(data, ids, featureNames());
    }

    /**
     * One volume per row of {@code features} (its columns the mask voxels in order), keyed by row id.
     *
     * @throws IllegalArgumentException if the number of features is not the number of mask voxels
     */
    public VolumeSet toVolumes(FeatureMatrix features) {
        if (features.cols() != voxels.length) {
            throw new IllegalArgumentException("The features have " + features.cols() + " columns but the mask selects "
                    + voxels.length + " voxels");
        }
        int[] target = targets(features.featureNames());
        float[] data = features.toArray();
        Map<String, Volume> out = new LinkedHashMap<>();
        for (int r = 0; r < features.rows(); r++) {
            out.put(features.rowIds().get(r), toVolume(data, r * voxels.length, target, "row " + features.rowIds().get(r)));
        }
        return VolumeSet.of(out);
    }

    /** The voxel index of each feature: by its v&lt;x&gt;_&lt;y&gt;_&lt;z&gt; name when all have one, else the mask order. */
    private int[] targets(List<String> names) {
        long nx = dims[0];
        long ny = dims.length > 1 ? dims[1] : 1;
        long nz = dims.length > 2 ? dims[2] : 1;
        int[] target = new int[names.size()];
        boolean[] inMask = new boolean[Math.toIntExact(nx * ny * nz)];
        for (int v : voxels) {
            inMask[v] = true;
        }
        for (int j = 0; j < target.length; j++) {
            Matcher m = VOXEL_NAME.matcher(names.get(j));
            if (!m.matches()) {
                return voxels.clone();
            }
            long x = Long.parseLong(m.group(1));
            long y = Long.parseLong(m.group(2));
            long z = Long.parseLong(m.group(3));
            long index = x + nx * (y + ny * z);
            if (x >= nx || y >= ny || z >= nz || !inMask[(int) index]) {
                throw new IllegalArgumentException("Feature '" + names.get(j) + "' names a voxel outside the mask");
            }
            target[j] = (int) index;
        }
        return target;
    }

    private static final Pattern VOXEL_NAME = Pattern.compile("v(\\d+)_(\\d+)_(\\d+)");

    /** A volume on the mask's grid holding {@code values[offset..offset+size())} in the mask voxels, in mask order. */
    public Volume toVolume(float[] values, int offset, String description) {
        return toVolume(values, offset, voxels, description);
    }

    private Volume toVolume(float[] values, int offset, int[] target, String description) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        float[] image = new float[Math.toIntExact(n)];
        for (int j = 0; j < target.length; j++) {
            image[target[j]] = values[offset + j];
        }
        return Volume.builder(image, dims).affine(mask.affine(), mask.xformCode()).voxelSizes(mask.voxelSizes())
                .units(mask.spatialUnit(), mask.temporalUnit()).metadata("description", description).build();
    }
}
