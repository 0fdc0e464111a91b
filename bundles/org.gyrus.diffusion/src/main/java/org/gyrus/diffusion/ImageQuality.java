package org.gyrus.diffusion;

import java.util.Arrays;

/**
 * Full-reference image quality: PSNR and SSIM of a test image against a clean one, for a whole
 * image or per slice (slices along the last axis). SSIM is Wang et al. 2004 as scikit-image 0.19's
 * {@code structural_similarity(gaussian_weights=True, sigma=1.5, use_sample_covariance=False)}:
 * Gaussian-weighted local statistics (truncated at 3.5 σ, 'reflect' boundary), K1 = 0.01,
 * K2 = 0.03, and the mean of the SSIM map without its outer 5 voxels.
 */
public final class ImageQuality {

    private static final double SIGMA = 1.5;
    private static final double TRUNCATE = 3.5;
    /** The window skimage derives from σ and truncate: 2·(int)(3.5·1.5 + 0.5) + 1. */
    static final int WINDOW = 2 * (int) (TRUNCATE * SIGMA + 0.5) + 1;

    private ImageQuality() {
    }

    /** Peak signal-to-noise ratio in dB: 10 log10(range² / mean squared error); infinite for identical images. */
    public static double psnr(float[] clean, float[] test, double dataRange) {
        check(clean, test, dataRange, "PSNR");
        double mse = 0;
        for (int i = 0; i < clean.length; i++) {
            double d = (double) clean[i] - test[i];
            mse += d * d;
        }
        mse /= clean.length;
        return 10 * Math.log10(dataRange * dataRange / mse);
    }

    /** The mean structural similarity of a 2-D or 3-D image (each side at least 11 voxels). */
    public static double ssim(float[] clean, float[] test, int[] dims, double dataRange) {
        check(clean, test, dataRange, "SSIM");
        Grid g = new Grid(dims, clean.length, "SSIM");
        if (dims.length < 2) {
            throw new IllegalArgumentException("SSIM needs a 2-D or 3-D image");
        }
        for (int d : dims) {
            if (d < WINDOW) {
                throw new IllegalArgumentException("SSIM: the image " + Arrays.toString(dims) + " is smaller than the "
                        + WINDOW + "-voxel window along some axis");
            }
        }
        int n = clean.length;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] xx = new double[n];
        double[] yy = new double[n];
        double[] xy = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = clean[i];
            y[i] = test[i];
            xx[i] = x[i] * x[i];
            yy[i] = y[i] * y[i];
            xy[i] = x[i] * y[i];
        }
        double[] sigmas = new double[dims.length];
        Arrays.fill(sigmas, SIGMA);
        double[] ux = GaussianSmoothing.smooth(x, dims, sigmas, TRUNCATE);
        double[] uy = GaussianSmoothing.smooth(y, dims, sigmas, TRUNCATE);
        double[] uxx = GaussianSmoothing.smooth(xx, dims, sigmas, TRUNCATE);
        double[] uyy = GaussianSmoothing.smooth(yy, dims, sigmas, TRUNCATE);
        double[] uxy = GaussianSmoothing.smooth(xy, dims, sigmas, TRUNCATE);
        double c1 = Math.pow(0.01 * dataRange, 2);
        double c2 = Math.pow(0.03 * dataRange, 2);
        int pad = (WINDOW - 1) / 2;
        double sum = 0;
        long count = 0;
        int nx = g.dim(0);
        int ny = g.dim(1);
        int nz = g.dim(2);
        for (int z = dims.length > 2 ? pad : 0; z < (dims.length > 2 ? nz - pad : 1); z++) {
            for (int yy0 = pad; yy0 < ny - pad; yy0++) {
                for (int x0 = pad; x0 < nx - pad; x0++) {
                    int i = (z * ny + yy0) * nx + x0;
                    double vx = uxx[i] - ux[i] * ux[i];
                    double vy = uyy[i] - uy[i] * uy[i];
                    double vxy = uxy[i] - ux[i] * uy[i];
                    sum += (2 * ux[i] * uy[i] + c1) * (2 * vxy + c2)
                            / ((ux[i] * ux[i] + uy[i] * uy[i] + c1) * (vx + vy + c2));
                    count++;
                }
            }
        }
        return sum / count;
    }

    /** SSIM of each 2-D slice along the last axis of a 3-D image. */
    public static double[] ssimPerSlice(float[] clean, float[] test, int[] dims, double dataRange) {
        return perSlice(clean, test, dims, (a, b, d2) -> ssim(a, b, d2, dataRange), "SSIM");
    }

    /** PSNR of each 2-D slice along the last axis of a 3-D image. */
    public static double[] psnrPerSlice(float[] clean, float[] test, int[] dims, double dataRange) {
        return perSlice(clean, test, dims, (a, b, d2) -> psnr(a, b, dataRange), "PSNR");
    }

    private interface SliceMeasure {
        double of(float[] clean, float[] test, int[] dims);
    }

    private static double[] perSlice(float[] clean, float[] test, int[] dims, SliceMeasure m, String what) {
        new Grid(dims, clean.length, what);
        if (dims.length != 3) {
            throw new IllegalArgumentException(what + " per slice needs a 3-D image, not " + dims.length + "-D");
        }
        int plane = dims[0] * dims[1];
        double[] out = new double[dims[2]];
        for (int z = 0; z < dims[2]; z++) {
            out[z] = m.of(Arrays.copyOfRange(clean, z * plane, (z + 1) * plane),
                    Arrays.copyOfRange(test, z * plane, (z + 1) * plane), new int[] {dims[0], dims[1]});
        }
        return out;
    }

    private static void check(float[] clean, float[] test, double dataRange, String what) {
        if (clean.length != test.length) {
            throw new IllegalArgumentException(what + ": the images differ in size (" + clean.length + " and " + test.length + " voxels)");
        }
        if (clean.length == 0) {
            throw new IllegalArgumentException(what + ": the images are empty");
        }
        if (!(dataRange > 0) || Double.isInfinite(dataRange)) {
            throw new IllegalArgumentException(what + ": the data range must be positive, not " + dataRange);
        }
    }
}
