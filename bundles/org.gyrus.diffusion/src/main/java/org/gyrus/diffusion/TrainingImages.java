package org.gyrus.diffusion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Training images cut from 3-D volumes (x fastest, then y, then z): whole axial slices, 2-D
 * patches of axial slices, or 3-D patches, kept only where a mask has voxels (a slice with any
 * mask voxel; a patch whose centre is in the mask), patches every half patch. Images come out
 * channels first with one channel: 1×H×W (H = y, W = x) or 1×D×H×W.
 */
public final class TrainingImages {

    private final int[] shape;
    private final List<float[]> images = new ArrayList<>();

    /**
     * @param dims  2 for slices or 2-D patches, 3 for 3-D patches
     * @param patch the patch side in voxels; 0 for whole axial slices (2-D only)
     * @param grid  the volumes' grid x, y, z
     */
    public TrainingImages(int dims, int patch, int[] grid) {
        if (dims != 2 && dims != 3) {
            throw new IllegalArgumentException("Training images are 2-D slices or patches, or 3-D patches, not " + dims + "-D");
        }
        if (patch == 0 && dims == 3) {
            throw new IllegalArgumentException("3-D training images need a patch size");
        }
        for (int d = 0; d < dims; d++) {
            if (patch > grid[d]) {
                throw new IllegalArgumentException("The patch size " + patch + " exceeds the volumes' grid " + Arrays.toString(grid));
            }
        }
        shape = patch == 0 ? new int[] {1, grid[1], grid[0]} : dims == 2 ? new int[] {1, patch, patch} : new int[] {1, patch, patch, patch};
        this.grid = grid.clone();
        this.patch = patch;
    }

    private final int[] grid;
    private final int patch;

    private TrainingImages(int[] shape) {
        this.shape = shape.clone();
        this.grid = null;
        this.patch = -1;
    }

    /** Images given as rows (each of {@code shape}, channels first). */
    public static TrainingImages ofRows(float[] values, int n, int[] shape) {
        TrainingImages t = new TrainingImages(shape);
        int size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        for (int i = 0; i < n; i++) {
            t.images.add(Arrays.copyOfRange(values, i * size, (i + 1) * size));
        }
        return t;
    }

    /** Adds the images of one volume, inside {@code mask} (same grid) or everywhere when it is null. */
    public void add(float[] volume, boolean[] mask) {
        int nx = grid[0];
        int ny = grid[1];
        int nz = grid[2];
        int plane = nx * ny;
        if (patch == 0) {
            for (int z = 0; z < nz; z++) {
                if (mask == null || any(mask, z * plane, (z + 1) * plane)) {
                    images.add(Arrays.copyOfRange(volume, z * plane, (z + 1) * plane));
                }
            }
            return;
        }
        int[] sx = DiffusionDenoiser.starts(nx, patch);
        int[] sy = DiffusionDenoiser.starts(ny, patch);
        int[] sz = shape.length == 3 ? rangeOf(nz) : DiffusionDenoiser.starts(nz, patch);
        int h = patch / 2;
        for (int z0 : sz) {
            for (int y0 : sy) {
                for (int x0 : sx) {
                    int cz = shape.length == 3 ? z0 : z0 + h;
                    if (mask != null && !mask[(cz * ny + y0 + h) * nx + x0 + h]) {
                        continue;
                    }
                    int depth = shape.length == 3 ? 1 : patch;
                    float[] p = new float[depth * patch * patch];
                    for (int z = 0; z < depth; z++) {
                        for (int y = 0; y < patch; y++) {
                            System.arraycopy(volume, ((z0 + z) * ny + y0 + y) * nx + x0, p, (z * patch + y) * patch, patch);
                        }
                    }
                    images.add(p);
                }
            }
        }
    }

    /** Keeps a seeded random subset of at most {@code max} images (0: all). */
    public void limit(int max, long seed) {
        if (max <= 0 || images.size() <= max) {
            return;
        }
        Random r = new Random(seed);
        for (int i = images.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            float[] t = images.get(i);
            images.set(i, images.get(j));
            images.set(j, t);
        }
        images.subList(max, images.size()).clear();
    }

    /** The shape of one image. */
    public int[] shape() {
        return shape.clone();
    }

    /** The number of images. */
    public int count() {
        return images.size();
    }

    /** All images one after the other. */
    public float[] values() {
        int size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        float[] out = new float[images.size() * size];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i), 0, out, i * size, size);
        }
        return out;
    }

    private static boolean any(boolean[] m, int from, int to) {
        for (int i = from; i < to; i++) {
            if (m[i]) {
                return true;
            }
        }
        return false;
    }

    private static int[] rangeOf(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
