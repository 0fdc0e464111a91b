package org.gyrus.diffusion.nodes;

import java.util.Arrays;
import java.util.function.Function;

import net.imglib2.img.array.ArrayImgs;

import org.gyrus.data.Volume;
import org.gyrus.pipeline.NodeContext;

/**
 * A volume's voxels as spatial frames (its first three dimensions or fewer) in flat float arrays,
 * and the way back to a volume on the same grid and affine.
 */
final class VolumeFrames {

    static final String CATEGORY = "Denoising";

    final Volume volume;
    final int[] spatial;
    final int frameSize;
    final int frames;
    private final float[] data;

    VolumeFrames(Volume volume, String node) {
        this.volume = volume;
        long[] dims = volume.dimensions();
        int n = Math.min(3, dims.length);
        spatial = new int[n];
        long size = 1;
        for (int d = 0; d < n; d++) {
            spatial[d] = Math.toIntExact(dims[d]);
            size *= dims[d];
        }
        if (volume.voxelCount() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(node + ": the volume " + Arrays.toString(dims) + " is too large for one array");
        }
        frameSize = (int) size;
        frames = (int) (volume.voxelCount() / size);
        data = volume.toFloatArray();
    }

    /** The voxels of frame f (x fastest). */
    float[] frame(int f) {
        return Arrays.copyOfRange(data, f * frameSize, (f + 1) * frameSize);
    }

    /** A new volume on this one's grid and affine whose frames are {@code filter} of this one's, with progress and cancellation between frames. */
    Volume map(NodeContext context, Function<float[], float[]> filter) {
        float[] out = new float[data.length];
        for (int f = 0; f < frames; f++) {
            context.checkCancelled();
            System.arraycopy(filter.apply(frame(f)), 0, out, f * frameSize, frameSize);
            context.progress((f + 1.0) / frames);
        }
        return volume.toBuilder(ArrayImgs.floats(out, volume.dimensions())).build();
    }

    /** Parses "2" or "1.5, 1.5, 3" into one value per spatial axis. */
    static double[] perAxis(String text, int axes, String what) {
        String[] parts = text.trim().split("\\s*,\\s*");
        if (parts.length != 1 && parts.length != axes) {
            throw new IllegalArgumentException(what + ": give one value or " + axes + " (one per axis), not '" + text + "'");
        }
        double[] out = new double[axes];
        for (int d = 0; d < axes; d++) {
            try {
                out[d] = Double.parseDouble(parts[parts.length == 1 ? 0 : d]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + ": '" + text + "' is not a number or a comma-separated list of numbers", e);
            }
        }
        return out;
    }
}
