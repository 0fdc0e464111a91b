package org.gyrus.diffusion;

import org.gyrus.nn.linalg.Parallel;

/**
 * Non-local means denoising (Buades, Coll and Morel 2005) of 2-D and 3-D images, with the
 * definition of scikit-image 0.19's {@code denoise_nl_means(fast_mode=False)}: each voxel becomes
 * the weighted mean of the voxels within {@code searchRadius} (the window clipped to the image),
 * weighted by exp(−max(0, Σ w (p − q)² − 2σ²)) over patches of side 2·patchRadius+1 (patches
 * 'reflect'-padded at the border), where the patch weights w are a Gaussian of standard deviation
 * patchRadius/2 normalised to sum 1/h². As in scikit-image, a patch comparison stops with weight 0
 * once the partial distance after a full row (2-D) or plane (3-D) of the patch exceeds 5.
 * <p>
 * Rows run in parallel under the thread budget of {@link Parallel}; the result does not depend on it.
 * <p>
 * One difference, on purpose: scikit-image evaluates the exponential with Schraudolph's fast
 * approximation (errors of a few percent in the weights); this class uses the exact exponential.
 */
public final class NonLocalMeans {

    private static final double DISTANCE_CUTOFF = 5.0;

    private final int patchRadius;
    private final int searchRadius;
    private final double h;
    private final double sigma;

    /**
     * @param patchRadius  half the patch side (scikit-image's patch_size = 2·patchRadius + 1)
     * @param searchRadius the largest offset searched along each axis (scikit-image's patch_distance)
     * @param h            the cut-off distance in intensity units: larger smooths more
     * @param sigma        the expected noise standard deviation, subtracted from patch distances (0 for none)
     */
    public NonLocalMeans(int patchRadius, int searchRadius, double h, double sigma) {
        if (patchRadius < 0 || searchRadius < 0) {
            throw new IllegalArgumentException("Non-local means: patch and search radius must be 0 or more, not "
                    + patchRadius + " and " + searchRadius);
        }
        if (!(h > 0) || Double.isInfinite(h)) {
            throw new IllegalArgumentException("Non-local means: h must be positive, not " + h);
        }
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("Non-local means: sigma must be 0 or more, not " + sigma);
        }
        this.patchRadius = patchRadius;
        this.searchRadius = searchRadius;
        this.h = h;
        this.sigma = sigma;
    }

    /** Denoises a 2-D or 3-D image (x fastest); returns a new array. */
    public float[] denoise(float[] image, int[] dims) {
        Grid g = new Grid(dims, image.length, "Non-local means");
        if (dims.length < 2) {
            throw new IllegalArgumentException("Non-local means needs a 2-D or 3-D image");
        }
        int three = dims.length == 3 ? 1 : 0;
        int r = patchRadius;
        int nx = g.dim(0);
        int ny = g.dim(1);
        int nz = g.dim(2);
        int rz = r * three;
        // the padded image, as numpy.pad(mode='reflect')... which is scipy's 'mirror' (d c b | a b c d)
        int px = nx + 2 * r;
        int py = ny + 2 * r;
        int pz = nz + 2 * rz;
        double[] padded = new double[px * py * pz];
        for (int z = 0; z < pz; z++) {
            int sz = mirror(z - rz, nz);
            for (int y = 0; y < py; y++) {
                int sy = mirror(y - r, ny);
                for (int x = 0; x < px; x++) {
                    padded[(z * py + y) * px + x] = image[(sz * ny + sy) * nx + mirror(x - r, nx)];
                }
            }
        }
        int side = 2 * r + 1;
        int sideZ = 2 * rz + 1;
        double[] w = new double[side * side * sideZ];
        double a = (side - 1) / 4.0;
        double sum = 0;
        for (int k = -rz; k <= rz; k++) {
            for (int j = -r; j <= r; j++) {
                for (int i = -r; i <= r; i++) {
                    double v = Math.exp(-(i * i + j * j + k * k) / (2 * a * a));
                    w[((k + rz) * side + j + r) * side + i + r] = v;
                    sum += v;
                }
            }
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= sum * h * h;
        }
        double var2 = 2 * sigma * sigma;
        int d = searchRadius;
        float[] out = new float[image.length];
        // every voxel is computed on its own, so rows can run in any order on any number of threads
        Parallel.forParts(nz * ny, row -> {
            int z = row / ny;
            int y = row % ny;
            for (int x = 0; x < nx; x++) {
                double value = 0;
                double weightSum = 0;
                for (int qz = Math.max(0, z - d * three); qz <= Math.min(nz - 1, z + d * three); qz++) {
                    for (int qy = Math.max(0, y - d); qy <= Math.min(ny - 1, y + d); qy++) {
                        for (int qx = Math.max(0, x - d); qx <= Math.min(nx - 1, x + d); qx++) {
                            double weight = weight(padded, px, py, x, y, z, qx, qy, qz, w, side, sideZ, var2, three == 1);
                            weightSum += weight;
                            value += weight * padded[((qz + rz) * py + qy + r) * px + qx + r];
                        }
                    }
                }
                out[(z * ny + y) * nx + x] = (float) (value / weightSum);
            }
        });
        return out;
    }

    /** exp(−max(0, distance)) of the patches at (x, y, z) and (qx, qy, qz) of the padded image (patch corners). */
    private static double weight(double[] p, int px, int py, int x, int y, int z, int qx, int qy, int qz,
            double[] w, int side, int sideZ, double var2, boolean cutOnPlanes) {
        double distance = 0;
        int wi = 0;
        for (int k = 0; k < sideZ; k++) {
            if (cutOnPlanes && distance > DISTANCE_CUTOFF) {
                return 0;
            }
            for (int j = 0; j < side; j++) {
                if (!cutOnPlanes && distance > DISTANCE_CUTOFF) {
                    return 0;
                }
                int a = ((z + k) * py + y + j) * px + x;
                int b = ((qz + k) * py + qy + j) * px + qx;
                for (int i = 0; i < side; i++) {
                    double diff = p[a + i] - p[b + i];
                    distance += w[wi++] * (diff * diff - var2);
                }
            }
        }
        return Math.exp(-Math.max(0, distance));
    }

    // numpy.pad's 'reflect' leaves the edge sample out: d c b | a b c d | c b a
    private static int mirror(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * n - 2;
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }
}
