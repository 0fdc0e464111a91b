package org.gyrus.diffusion;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/**
 * The evidence on the MNI avg152 T1 template: a small diffusion model trained here (seeded,
 * about half a minute on two cores) on axial slices denoises held-back slices with Gaussian noise of
 * σ = 10 % of the intensity range better than Gaussian smoothing at its best σ: PSNR higher by at
 * least 1 dB, and a higher SSIM, on every held-back slice. Non-local means is printed beside them.
 */
class EvidenceTest {

    // slices 15..74 cropped to the head; every tenth from 30 is held back and never seen in training
    private static final int X0 = 8;
    private static final int Y0 = 8;
    private static final int W = 72;
    private static final int H = 88;
    private static final int[] HELD = {30, 40, 50, 60};

    @Test
    void diffusionBeatsTheBestGaussianSmoothingOnHeldBackSlices() {
        float[] v = Template.voxels();
        List<float[]> train = new ArrayList<>();
        for (int z = 15; z < 75; z++) {
            int zz = z;
            if (Arrays.stream(HELD).noneMatch(k -> k == zz)) {
                train.add(Template.slice(v, z, X0, Y0, W, H));
            }
        }
        int n = train.size();
        float[] data = new float[n * W * H];
        for (int i = 0; i < n; i++) {
            System.arraycopy(train.get(i), 0, data, i * W * H, W * H);
        }
        DiffusionTraining.Settings s = new DiffusionTraining.Settings(15, 4, 2e-3, 0.995, 1.0, Prediction.EPSILON, "linear", 1000,
                new int[] {8, 16}, 7);
        DiffusionModel model = DiffusionTraining.train(data, n, new int[] {1, H, W}, 0, 255, s, (d, t) -> { });
        double sigma = 0.1 * 255;
        DiffusionDenoiser denoiser = new DiffusionDenoiser(model, new DiffusionDenoiser.Settings("ddim", 3, 1, 3));
        int[] dims = {W, H};
        for (int z : HELD) {
            float[] clean = Template.slice(v, z, X0, Y0, W, H);
            float[] noisy = AddedNoise.add(clean, "gaussian", sigma, 100 + z);
            double bestPsnr = Double.NEGATIVE_INFINITY;
            double bestSsim = 0;
            double bestSigma = 0;
            for (double g = 0.5; g <= 3.0; g += 0.25) {
                float[] smoothed = GaussianSmoothing.smooth(noisy, dims, new double[] {g, g}, GaussianSmoothing.DEFAULT_TRUNCATE);
                double p = ImageQuality.psnr(clean, smoothed, 255);
                if (p > bestPsnr) {
                    bestPsnr = p;
                    bestSsim = ImageQuality.ssim(clean, smoothed, dims, 255);
                    bestSigma = g;
                }
            }
            float[] nlm = new NonLocalMeans(1, 5, 0.8 * sigma, sigma).denoise(noisy, dims);
            float[] d = denoiser.denoise(noisy, 1, new int[] {H, W}, sigma, (a, b) -> { });
            double psnr = ImageQuality.psnr(clean, d, 255);
            double ssim = ImageQuality.ssim(clean, d, dims, 255);
            System.out.printf(Locale.ROOT, "slice %d: noisy %.2f dB; Gaussian (sigma %.2f) %.2f dB, SSIM %.4f; NLM %.2f dB, SSIM %.4f; "
                    + "diffusion %.2f dB, SSIM %.4f%n", z, ImageQuality.psnr(clean, noisy, 255), bestSigma, bestPsnr, bestSsim,
                    ImageQuality.psnr(clean, nlm, 255), ImageQuality.ssim(clean, nlm, dims, 255), psnr, ssim);
            assertTrue(psnr >= bestPsnr + 1, "slice " + z + ": diffusion " + psnr + " dB vs best Gaussian " + bestPsnr + " dB");
            assertTrue(ssim > bestSsim, "slice " + z + ": diffusion SSIM " + ssim + " vs best Gaussian " + bestSsim);
        }
    }
}
