package org.gyrus.io.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.Volume;
import org.gyrus.data.VolumeSet;

/**
 * Volumes and a mask to a feature matrix of in-mask voxels (one row per subject, one column per
 * voxel, x fastest), and back: a feature row to a volume that is 0 outside the mask. Feature names
 * are the voxel indices {@code v<x>_<y>_<z>}, so the way back needs no other information.
 */
public final class VolumeFeatures {

    private VolumeFeatures() {
    }

    /** The in-mask voxel indices (flat, x fastest) of a mask: non-zero, non-NaN voxels. */
    public static int[] maskIndices(Volume mask) {
        long n = mask.voxelCount();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("The mask has " + n + " voxels, more than features can index");
        }
        int[] idx = new int[(int) n];
        int k = 0;
        int i = 0;
        for (RealType<?> t : Views.flatIterable(mask.image())) {
            double v = t.getRealDouble();
            if (v != 0 && !Double.isNaN(v)) {
                idx[k++] = i;
            }
            i++;
        }
        return Arrays.copyOf(idx, k);
    }

    /**
     * The feature matrix of the volumes' in-mask voxels, rows in the set's order.
     *
     * @throws IllegalArgumentException naming the subject when a volume's shape differs from the mask's
     */
    public static FeatureMatrix toFeatures(VolumeSet volumes, Volume mask) {
        int[] idx = maskIndices(mask);
        if (idx.length == 0) {
            throw new IllegalArgumentException("The mask is empty: no voxel is inside it");
        }
        long[] dims = mask.dimensions();
        List<String> ids = volumes.ids();
        float[] data = new float[Math.multiplyExact(ids.size(), idx.length)];
        for (int r = 0; r < ids.size(); r++) {
            Volume v = volumes.get(ids.get(r));
            if (!Arrays.equals(dims, v.dimensions())) {
                throw new IllegalArgumentException("Subject '" + ids.get(r) + "': volume shape " + Arrays.toString(v.dimensions())
                        + " differs from the mask's " + Arrays.toString(dims));
            }
            int i = 0;
            int k = 0;
            int base = r * idx.length;
            for (RealType<?> t : Views.flatIterable(v.image())) {
                if (k < idx.length && idx[k] == i) {
                    data[base + k++] = t.getRealFloat();
                }
                i++;
            }
        }
        return new FeatureMatrix(data, ids, names(idx, dims));
    }

    /** Names {@code v<x>_<y>_<z>} (more indices for more dimensions) of flat voxel indices. */
    static List<String> names(int[] idx, long[] dims) {
        List<String> out = new ArrayList<>(idx.length);
        StringBuilder sb = new StringBuilder();
        for (int f : idx) {
            sb.setLength(0);
            sb.append('v');
            long rest = f;
            for (int d = 0; d < dims.length; d++) {
                if (d > 0) {
                    sb.append('_');
                }
                sb.append(rest % dims[d]);
                rest /= dims[d];
            }
            out.add(sb.toString());
        }
        return out;
    }

    /**
     * One volume per feature row, on the mask's grid (affine, voxel sizes), 0 outside the mask.
     *
     * @throws IllegalArgumentException if the matrix does not have one column per in-mask voxel
     */
    public static VolumeSet toVolumes(FeatureMatrix features, Volume mask) {
        int[] idx = maskIndices(mask);
        if (features.cols() != idx.length) {
            throw new IllegalArgumentException("The features have " + features.cols() + " columns but the mask has "
                    + idx.length + " voxels; use the mask the features were made with");
        }
        Map<String, Volume> out = new LinkedHashMap<>();
        float[] all = features.toArray();
        for (int r = 0; r < features.rows(); r++) {
            float[] v = new float[Math.toIntExact(mask.voxelCount())];
            for (int k = 0; k < idx.length; k++) {
                v[idx[k]] = all[r * idx.length + k];
            }
            String id = features.rowIds().get(r);
            out.put(id, mask.toBuilder(ArrayImgs.floats(v, mask.dimensions())).metadata("features.row", id).build());
        }
        return VolumeSet.of(out);
    }
}
