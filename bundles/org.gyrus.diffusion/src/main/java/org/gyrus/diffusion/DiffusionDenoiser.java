package org.gyrus.diffusion;

import java.util.Arrays;
import java.util.Random;

/**
 * Denoises images with a trained diffusion model, SDEdit-style (Meng et al. 2022): an image with
 * Gaussian noise of standard deviation σ, scaled by √ᾱ_t, is a draw of x_t for the timestep t* whose
 * noise-to-signal ratio √((1−ᾱ_t)/ᾱ_t) first reaches σ (on the model's [−1, 1] scale); {@code strength}
 * above 1 starts later and tops the noise up to that timestep's level. The reverse process (DDIM
 * with η = 0, or DDPM) then runs from there to x₀. Volumes are denoised slice by slice with a 2-D
 * model (axial slices, any size) or in overlapping patches of the model's size with a 3-D model,
 * blended with weights that fall off towards each patch's border.
 */
public final class DiffusionDenoiser {

    /**
     * The settings.
     *
     * @param method   ddim or ddpm
     * @param steps    DDIM steps from t* (ignored for DDPM, which takes every step)
     * @param strength the start level as a multiple of the image's noise level (1: t*)
     * @param seed     seed of the noise (DDPM, and strength above 1)
     */
    public record Settings(String method, int steps, double strength, long seed) {
        /** Checks the values. */
        public Settings {
            if (!method.equals("ddim") && !method.equals("ddpm")) {
                throw new IllegalArgumentException("Diffusion denoising: method must be ddim or ddpm, not '" + method + "'");
            }
            if (steps < 1 || !(strength >= 1)) {
                throw new IllegalArgumentException("Diffusion denoising: steps must be at least 1 and strength at least 1");
            }
        }
    }

    private final DiffusionModel model;
    private final Settings settings;

    /** A denoiser with the given model and settings. */
    public DiffusionDenoiser(DiffusionModel model, Settings settings) {
        this.model = model;
        this.settings = settings;
    }

    /** The first timestep whose noise-to-signal ratio √((1−ᾱ)/ᾱ) reaches {@code sigma} (the last one if none does). */
    public static int matchingTimestep(NoiseSchedule schedule, double sigma) {
        double target = sigma * sigma;
        for (int t = 0; t < schedule.steps(); t++) {
            double a = schedule.alphaCumprod(t);
            if ((1 - a) / a >= target) {
                return t;
            }
        }
        return schedule.steps() - 1;
    }

    /**
     * Denoises a batch of images of one shape.
     *
     * @param images  n images, intensity units, channels first (C×H×W or C×D×H×W), one after the other; not modified
     * @param spatial the spatial size of each (H, W or D, H, W)
     * @param sigma   the noise standard deviation in intensity units
     * @return the denoised images
     */
    public float[] denoise(float[] images, int n, int[] spatial, double sigma, Sampler.Monitor monitor) {
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("Diffusion denoising: the noise level must be positive, not " + sigma);
        }
        float[] x = images.clone();
        model.toModelScale(x);
        NoiseSchedule schedule = model.schedule();
        double s = model.toModelSigma(sigma);
        int t = matchingTimestep(schedule, s * settings.strength());
        double a = schedule.alphaCumprod(t);
        double scale = Math.sqrt(a);
        double extra = Math.sqrt(Math.max(0, 1 - a - a * s * s));
        Random random = new Random(settings.seed());
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (scale * x[i] + (extra > 0 ? extra * random.nextGaussian() : 0));
        }
        Sampler sampler = model.sampler();
        Sampler.Model net = model.asSamplerModel(spatial);
        Sampler.Noise noise = out -> {
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) random.nextGaussian();
            }
        };
        if (settings.method().equals("ddpm")) {
            sampler.ddpm(net, x, n, t, noise, monitor);
        } else {
            sampler.ddim(net, x, n, Sampler.timestepsFrom(t, settings.steps()), 0, noise, monitor);
        }
        model.toIntensities(x);
        return x;
    }

    /**
     * Denoises a single-channel 3-D volume (x fastest, then y, then z): each axial slice with a 2-D
     * model, overlapping patches with a 3-D one.
     */
    public float[] denoiseVolume(float[] volume, int[] dims, double sigma, Sampler.Monitor monitor) {
        if (dims.length != 3 || volume.length != dims[0] * dims[1] * dims[2]) {
            throw new IllegalArgumentException("Diffusion denoising: expected a 3-D volume of " + Arrays.toString(dims));
        }
        if (model.sampleShape()[0] != 1) {
            throw new IllegalArgumentException("Diffusion denoising: the model takes " + model.sampleShape()[0]
                    + " channels; volumes have one");
        }
        if (model.dims() == 2) {
            return denoise(volume, dims[2], new int[] {dims[1], dims[0]}, sigma, monitor);
        }
        return denoisePatches(volume, dims, sigma, monitor);
    }

    private float[] denoisePatches(float[] volume, int[] dims, double sigma, Sampler.Monitor monitor) {
        int[] p = Arrays.copyOfRange(model.sampleShape(), 1, 4); // D, H, W = z, y, x
        int[] size = {dims[2], dims[1], dims[0]};
        int[][] starts = new int[3][];
        for (int d = 0; d < 3; d++) {
            if (size[d] < p[d]) {
                throw new IllegalArgumentException("Diffusion denoising: the volume " + Arrays.toString(dims)
                        + " is smaller than the model's patch " + Arrays.toString(p) + " (z, y, x)");
            }
            starts[d] = starts(size[d], p[d]);
        }
        int count = starts[0].length * starts[1].length * starts[2].length;
        int ps = p[0] * p[1] * p[2];
        float[] patches = new float[count * ps];
        int k = 0;
        for (int z0 : starts[0]) {
            for (int y0 : starts[1]) {
                for (int x0 : starts[2]) {
                    copy(volume, size, z0, y0, x0, p, patches, k++ * ps);
                }
            }
        }
        float[] out = denoise(patches, count, p, sigma, monitor);
        float[] sum = new float[volume.length];
        float[] weight = new float[volume.length];
        float[] w = new float[ps];
        for (int z = 0; z < p[0]; z++) {
            for (int y = 0; y < p[1]; y++) {
                for (int x = 0; x < p[2]; x++) {
                    w[(z * p[1] + y) * p[2] + x] = ramp(z, p[0]) * ramp(y, p[1]) * ramp(x, p[2]);
                }
            }
        }
        k = 0;
        for (int z0 : starts[0]) {
            for (int y0 : starts[1]) {
                for (int x0 : starts[2]) {
                    int base = k++ * ps;
                    for (int z = 0; z < p[0]; z++) {
                        for (int y = 0; y < p[1]; y++) {
                            for (int x = 0; x < p[2]; x++) {
                                int v = ((z0 + z) * size[1] + y0 + y) * size[2] + x0 + x;
                                int i = (z * p[1] + y) * p[2] + x;
                                sum[v] += w[i] * out[base + i];
                                weight[v] += w[i];
                            }
                        }
                    }
                }
            }
        }
        for (int v = 0; v < sum.length; v++) {
            sum[v] /= weight[v];
        }
        return sum;
    }

    /** Patch starts every half patch, the last one flush with the end. */
    static int[] starts(int size, int patch) {
        int stride = Math.max(1, patch / 2);
        int n = (size - patch + stride - 1) / stride + 1;
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = Math.min(i * stride, size - patch);
        }
        return s;
    }

    // weights 1, 2, ..., rising to the middle: overlapping patches blend without seams; never 0
    private static float ramp(int i, int n) {
        return Math.min(i + 1, n - i);
    }

    private static void copy(float[] volume, int[] size, int z0, int y0, int x0, int[] p, float[] out, int offset) {
        for (int z = 0; z < p[0]; z++) {
            for (int y = 0; y < p[1]; y++) {
                System.arraycopy(volume, ((z0 + z) * size[1] + y0 + y) * size[2] + x0, out, offset + (z * p[1] + y) * p[2], p[2]);
            }
        }
    }
}
