package org.gyrus.diffusion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Noisy, Gaussian-smoothed, non-local-means and diffusion-denoised versions of a clean 3-D volume
 * at several noise levels, each scored by PSNR and SSIM against the clean volume, for the whole
 * volume and per axial slice. Every denoiser is given the true noise level; Gaussian smoothing is
 * shown at its best σ (by PSNR) among those offered, an oracle choice that favours the baseline.
 * The noise is σ = level × (max − min of the clean volume), seeded by the seed and the level.
 */
public final class DenoisingEvaluation {

    /** The methods, in the order of the results. */
    public static final List<String> METHODS = List.of("noisy", "gaussian", "non-local-means", "diffusion");

    /**
     * The settings.
     *
     * @param levels          noise levels as fractions of the clean intensity range
     * @param noise           gaussian or rician
     * @param gaussianSigmas  the Gaussian smoothing σ to try, in voxels
     * @param nlmPatch        non-local means patch radius
     * @param nlmSearch       non-local means search radius
     * @param nlmH            non-local means h as a multiple of σ
     * @param diffusion       the diffusion denoiser's settings
     * @param seed            seed of the noise
     */
    public record Settings(double[] levels, String noise, double[] gaussianSigmas, int nlmPatch, int nlmSearch, double nlmH,
                           DiffusionDenoiser.Settings diffusion, long seed) {
        /** Checks the values. */
        public Settings {
            if (levels.length == 0 || Arrays.stream(levels).anyMatch(l -> !(l > 0))) {
                throw new IllegalArgumentException("Denoising evaluation: give one or more positive noise levels");
            }
            if (gaussianSigmas.length == 0 || Arrays.stream(gaussianSigmas).anyMatch(l -> !(l > 0))) {
                throw new IllegalArgumentException("Denoising evaluation: give one or more positive Gaussian sigmas");
            }
        }
    }

    /**
     * One method at one level.
     *
     * @param level  the noise level (fraction of the range)
     * @param sigma  the noise σ in intensity units
     * @param method one of {@link #METHODS}
     * @param detail the method's setting (the chosen Gaussian σ, the diffusion timestep)
     * @param psnr   PSNR of the whole volume, dB
     * @param ssim   SSIM of the whole volume (3-D)
     * @param slicePsnr PSNR per axial slice
     * @param sliceSsim SSIM per axial slice
     * @param output the volume
     */
    public record Result(double level, double sigma, String method, String detail, double psnr, double ssim, double[] slicePsnr,
                         double[] sliceSsim, float[] output) {
    }

    private DenoisingEvaluation() {
    }

    /**
     * Runs the evaluation. Without a model the diffusion rows are left out.
     *
     * @param clean the clean volume, x fastest; each side at least 11 voxels (SSIM's window)
     * @param dims  x, y, z
     */
    public static List<Result> run(float[] clean, int[] dims, DiffusionModel model, Settings s, Sampler.Monitor monitor) {
        double range = AddedNoise.range(clean);
        if (!(range > 0)) {
            throw new IllegalArgumentException("Denoising evaluation: the clean volume is constant");
        }
        List<Result> out = new ArrayList<>();
        int perLevel = model == null ? 3 : 4;
        int done = 0;
        int total = s.levels().length * perLevel;
        for (int li = 0; li < s.levels().length; li++) {
            double level = s.levels()[li];
            double sigma = level * range;
            // seeded by the level, not its position: the same level gets the same noise in any list
            float[] noisy = AddedNoise.add(clean, s.noise(), sigma, s.seed() + Math.round(level * 1e6));
            out.add(score(clean, dims, range, level, sigma, "noisy", "", noisy));
            monitor.step(++done, total);
            Result best = null;
            for (double g : s.gaussianSigmas()) {
                float[] smoothed = GaussianSmoothing.smooth(noisy, dims, new double[] {g, g, g}, GaussianSmoothing.DEFAULT_TRUNCATE);
                double p = ImageQuality.psnr(clean, smoothed, range);
                if (best == null || p > best.psnr()) {
                    best = new Result(level, sigma, "gaussian", "sigma " + g + " voxels", p, 0, null, null, smoothed);
                }
            }
            out.add(score(clean, dims, range, level, sigma, "gaussian", best.detail(), best.output()));
            monitor.step(++done, total);
            NonLocalMeans nlm = new NonLocalMeans(s.nlmPatch(), s.nlmSearch(), s.nlmH() * sigma, sigma);
            int plane = dims[0] * dims[1];
            float[] n = new float[noisy.length];
            for (int z = 0; z < dims[2]; z++) {
                float[] d = nlm.denoise(Arrays.copyOfRange(noisy, z * plane, (z + 1) * plane), new int[] {dims[0], dims[1]});
                System.arraycopy(d, 0, n, z * plane, plane);
            }
            out.add(score(clean, dims, range, level, sigma, "non-local-means", "slices, patch " + s.nlmPatch() + ", search "
                    + s.nlmSearch() + ", h " + s.nlmH() + " sigma", n));
            monitor.step(++done, total);
            if (model != null) {
                DiffusionDenoiser denoiser = new DiffusionDenoiser(model, s.diffusion());
                float[] d = denoiser.denoiseVolume(noisy, dims, sigma, (a, b) -> { });
                int t = DiffusionDenoiser.matchingTimestep(model.schedule(), model.toModelSigma(sigma) * s.diffusion().strength());
                out.add(score(clean, dims, range, level, sigma, "diffusion", s.diffusion().method() + ", from t = " + t, d));
                monitor.step(++done, total);
            }
        }
        return out;
    }

    private static Result score(float[] clean, int[] dims, double range, double level, double sigma, String method, String detail, float[] v) {
        return new Result(level, sigma, method, detail, ImageQuality.psnr(clean, v, range), ImageQuality.ssim(clean, v, dims, range),
                ImageQuality.psnrPerSlice(clean, v, dims, range), ImageQuality.ssimPerSlice(clean, v, dims, range), v);
    }
}
