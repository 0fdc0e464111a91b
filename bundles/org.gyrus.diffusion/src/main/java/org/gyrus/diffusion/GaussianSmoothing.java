package org.gyrus.diffusion;

/**
 * Separable Gaussian smoothing of 1-D to 3-D images, as scipy.ndimage.gaussian_filter with its
 * defaults: a sampled Gaussian normalised to sum 1, cut at {@code truncate}·σ (radius
 * {@code (int)(truncate·σ + 0.5)}), boundary mode 'reflect'. Computed in double.
 */
public final class GaussianSmoothing {

    /** scipy's default truncation, in standard deviations. */
    public static final double DEFAULT_TRUNCATE = 4.0;

    private GaussianSmoothing() {
    }

    /**
     * Smooths a flat image (x fastest) of the given dimensions with σ in voxels per axis (0 leaves
     * that axis alone).
     */
    public static float[] smooth(float[] image, int[] dims, double[] sigmaVoxels, double truncate) {
        double[] work = new double[image.length];
        for (int i = 0; i < image.length; i++) {
            work[i] = image[i];
        }
        work = smooth(work, dims, sigmaVoxels, truncate);
        float[] out = new float[image.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) work[i];
        }
        return out;
    }

    /** As {@link #smooth(float[], int[], double[], double)} on doubles; returns a new array. */
    public static double[] smooth(double[] image, int[] dims, double[] sigmaVoxels, double truncate) {
        Grid g = new Grid(dims, image.length, "Gaussian smoothing");
        if (sigmaVoxels.length != dims.length) {
            throw new IllegalArgumentException("Gaussian smoothing: " + sigmaVoxels.length + " sigmas given for an image of "
                    + dims.length + " dimensions");
        }
        if (!(truncate > 0)) {
            throw new IllegalArgumentException("Gaussian smoothing: truncate must be positive, not " + truncate);
        }
        double[] cur = image.clone();
        double[] next = new double[cur.length];
        for (int d = 0; d < dims.length; d++) {
            double s = sigmaVoxels[d];
            if (!(s >= 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("Gaussian smoothing: sigma along axis " + d + " is " + s + ", it must be 0 or more");
            }
            if (s <= 1e-15) {
                continue; // scipy skips such axes too
            }
            along(cur, next, g, d, kernel(s, truncate));
            double[] t = cur;
            cur = next;
            next = t;
        }
        return cur;
    }

    /** σ in voxels from σ in millimetres and the voxel sizes (in millimetres). */
    public static double[] sigmaInVoxels(double[] sigmaMm, double[] voxelSizes) {
        double[] out = new double[sigmaMm.length];
        for (int d = 0; d < out.length; d++) {
            if (!(voxelSizes[d] > 0)) {
                throw new IllegalArgumentException("Gaussian smoothing: the voxel size along axis " + d + " is " + voxelSizes[d]
                        + "; give sigma in voxels instead");
            }
            out[d] = sigmaMm[d] / voxelSizes[d];
        }
        return out;
    }

    /** The 1-D kernel of scipy's gaussian_filter1d: exp(−x²/2σ²) for |x| ≤ radius, normalised to sum 1. */
    static double[] kernel(double sigma, double truncate) {
        int radius = (int) (truncate * sigma + 0.5);
        double[] k = new double[2 * radius + 1];
        double sum = 0;
        for (int x = -radius; x <= radius; x++) {
            k[x + radius] = Math.exp(-0.5 / (sigma * sigma) * x * x);
            sum += k[x + radius];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        return k;
    }

    private static void along(double[] in, double[] out, Grid g, int axis, double[] k) {
        int n = g.dim(axis);
        int stride = g.stride(axis);
        int radius = k.length / 2;
        double[] line = new double[n];
        int[] src = new int[n + 2 * radius];
        for (int i = 0; i < src.length; i++) {
            src[i] = Grid.reflect(i - radius, n);
        }
        int outer = g.size / (n * stride);
        for (int o = 0; o < outer; o++) {
            for (int inner = 0; inner < stride; inner++) {
                int base = o * n * stride + inner;
                for (int i = 0; i < n; i++) {
                    line[i] = in[base + i * stride];
                }
                for (int i = 0; i < n; i++) {
                    double s = 0;
                    for (int j = 0; j < k.length; j++) {
                        s += k[j] * line[src[i + j]];
                    }
                    out[base + i * stride] = s;
                }
            }
        }
    }
}
