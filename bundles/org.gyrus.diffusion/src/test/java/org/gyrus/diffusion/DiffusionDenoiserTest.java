package org.gyrus.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** The SDEdit-style denoiser: the starting timestep, slices and patches. */
class DiffusionDenoiserTest {

    @Test
    void theStartingTimestepIsTheFirstWhoseNoiseReachesTheImages() {
        NoiseSchedule s = NoiseSchedule.named("linear", 1000);
        for (double sigma : new double[] {0.05, 0.2, 0.5, 2}) {
            int t = DiffusionDenoiser.matchingTimestep(s, sigma);
            double a = s.alphaCumprod(t);
            double before = s.alphaCumprod(t - 1);
            assertTrue(Math.sqrt((1 - a) / a) >= sigma && Math.sqrt((1 - before) / before) < sigma, "sigma " + sigma + ": t " + t);
        }
        assertEquals(999, DiffusionDenoiser.matchingTimestep(s, 1e6));
        assertEquals(0, DiffusionDenoiser.matchingTimestep(s, 1e-6));
    }

    @Test
    void patchesCoverTheVolumeEveryHalfPatch() {
        assertArrayEquals(new int[] {0, 4}, DiffusionDenoiser.starts(12, 8));
        assertArrayEquals(new int[] {0, 1}, DiffusionDenoiser.starts(9, 8));
        assertArrayEquals(new int[] {0}, DiffusionDenoiser.starts(8, 8));
        assertArrayEquals(new int[] {0, 4, 8, 12, 13}, DiffusionDenoiser.starts(21, 8));
    }

    @Test
    void aVolumeIsDenoisedSliceBySliceWithATwoDimensionalModel() {
        DiffusionModel m = DiffusionTrainingTest.train(DiffusionTrainingTest.settings(2, 0.9, 1, Prediction.EPSILON, 3));
        int size = DiffusionTrainingTest.SIZE;
        float[] clean = Disks.images(3, size, 4);
        float[] noisy = AddedNoise.add(clean, "gaussian", 20, 8);
        DiffusionDenoiser d = new DiffusionDenoiser(m, new DiffusionDenoiser.Settings("ddim", 2, 1, 1));
        float[] volume = d.denoiseVolume(noisy, new int[] {size, size, 3}, 20, (a, b) -> { });
        float[] batch = d.denoise(noisy, 3, new int[] {size, size}, 20, (a, b) -> { });
        assertArrayEquals(batch, volume, 0f, "slices are the batch's images");
        // one slice at a time gives the same (DDIM, no extra noise: deterministic)
        float[] first = d.denoise(Arrays.copyOf(noisy, size * size), 1, new int[] {size, size}, 20, (a, b) -> { });
        assertArrayEquals(Arrays.copyOf(batch, size * size), first, 1e-4f);
        assertNotEquals(ImageQuality.psnr(clean, noisy, 200), ImageQuality.psnr(clean, volume, 200));
        float[] stronger = new DiffusionDenoiser(m, new DiffusionDenoiser.Settings("ddim", 2, 3, 1)).denoiseVolume(noisy,
                new int[] {size, size, 3}, 20, (a, b) -> { });
        assertTrue(maxDiff(volume, stronger) > 1, "strength changes the result");
        float[] ddpm = new DiffusionDenoiser(m, new DiffusionDenoiser.Settings("ddpm", 1, 1, 1)).denoiseVolume(noisy,
                new int[] {size, size, 3}, 20, (a, b) -> { });
        assertTrue(maxDiff(volume, ddpm) > 1, "DDPM differs from DDIM");
    }

    @Test
    void aThreeDimensionalModelDenoisesOverlappingPatchesBlended() {
        int p = 8;
        float[] cube = new float[12 * 12 * 12];
        for (int z = 0; z < 12; z++) {
            for (int y = 0; y < 12; y++) {
                for (int x = 0; x < 12; x++) {
                    cube[(z * 12 + y) * 12 + x] = Math.abs(x - 6) + Math.abs(y - 6) + Math.abs(z - 6) < 6 ? 150 : 10;
                }
            }
        }
        TrainingImages images = new TrainingImages(3, p, new int[] {12, 12, 12});
        images.add(cube, null);
        assertEquals(8, images.count(), "patches at 0 and 4 along each axis");
        assertArrayEquals(new int[] {1, p, p, p}, images.shape());
        DiffusionModel m = DiffusionTraining.train(images.values(), images.count(), images.shape(), 0, 160,
                new DiffusionTraining.Settings(1, 4, 1e-3, 0, 1, Prediction.EPSILON, "linear", 1000, new int[] {4}, 2), (a, b) -> { });
        int[] dims = {11, 10, 9};
        float[] vol = new float[11 * 10 * 9];
        Arrays.fill(vol, 80);
        float[] noisy = AddedNoise.add(vol, "gaussian", 8, 1);
        DiffusionDenoiser d = new DiffusionDenoiser(m, new DiffusionDenoiser.Settings("ddim", 1, 1, 1));
        float[] out = d.denoiseVolume(noisy, dims, 8, (a, b) -> { });
        assertEquals(vol.length, out.length);
        assertTrue(Arrays.stream(toDoubles(out)).allMatch(Double::isFinite));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> d.denoiseVolume(new float[7 * 10 * 9], new int[] {7, 10, 9}, 8, (a, b) -> { }));
        assertEquals("Diffusion denoising: the volume [7, 10, 9] is smaller than the model's patch [8, 8, 8] (z, y, x)", e.getMessage());
    }

    @Test
    void slicesInsideTheMaskAreTheTrainingImages() {
        int[] grid = {6, 5, 4};
        float[] v = new float[6 * 5 * 4];
        boolean[] mask = new boolean[v.length];
        mask[(2 * 5 + 2) * 6 + 3] = true; // one voxel in slice 2
        TrainingImages slices = new TrainingImages(2, 0, grid);
        slices.add(v, mask);
        assertEquals(1, slices.count());
        assertArrayEquals(new int[] {1, 5, 6}, slices.shape());
        slices.add(v, null);
        assertEquals(5, slices.count());
        slices.limit(2, 1);
        assertEquals(2, slices.count());
    }

    private static double maxDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    private static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
