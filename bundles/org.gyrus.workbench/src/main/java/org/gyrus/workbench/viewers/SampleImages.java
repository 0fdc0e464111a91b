package org.gyrus.workbench.viewers;

import java.util.Arrays;

import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.Volume;
import org.gyrus.data.XformCode;
import org.joml.Matrix4d;

/**
 * The rows of a feature matrix with a sample shape (images and patches, channels first: 1×H×W,
 * C×H×W, C×D×H×W) as one volume whose time axis is the sample, so the volume viewer shows them
 * with its time slider picking the row. Width runs along x, height along y with the image's first
 * row at the top of the axial view (the affine flips y), depth along z. Of several channels the
 * first is shown.
 */
public final class SampleImages {

    private SampleImages() {
    }

    /** Whether the matrix's rows are images or patches (a sample shape of two or more spatial dimensions). */
    public static boolean applies(FeatureMatrix m) {
        return m.hasSampleShape() && spatial(m.sampleShape()).length >= 2 && m.rows() > 0;
    }

    /** The sample shape's spatial sizes (the channel dropped): [H, W] or [D, H, W]. */
    private static int[] spatial(int[] shape) {
        return shape.length >= 3 ? Arrays.copyOfRange(shape, 1, shape.length) : shape;
    }

    /**
     * The rows as a W × H × D × rows volume (D = 1 for images).
     *
     * @throws IllegalArgumentException if the rows have no image shape
     */
    public static Volume asVolume(FeatureMatrix m) {
        if (!applies(m)) {
            throw new IllegalArgumentException("The rows of this matrix are not images: sample shape "
                    + Arrays.toString(m.sampleShape()));
        }
        int[] shape = m.sampleShape();
        int[] s = spatial(shape);
        int w = s[s.length - 1];
        int h = s[s.length - 2];
        int d = s.length > 2 ? s[0] : 1;
        int channels = shape.length >= 3 ? shape[0] : 1;
        int perChannel = w * h * d;
        float[] values = m.values();
        float[] data;
        if (channels == 1) {
            data = values; // rows are already x fastest, then y, z, and one row per time point
        } else {
            data = new float[perChannel * m.rows()];
            for (int r = 0; r < m.rows(); r++) {
                System.arraycopy(values, r * m.cols(), data, r * perChannel, perChannel);
            }
        }
        Matrix4d flipY = new Matrix4d().m11(-1).m31(h - 1);
        return Volume.builder(data, w, h, d, m.rows()).affine(flipY, XformCode.UNKNOWN).build();
    }
}
