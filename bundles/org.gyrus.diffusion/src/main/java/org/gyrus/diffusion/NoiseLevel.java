package org.gyrus.diffusion;

import java.util.Arrays;

/** Estimates of the standard deviation of the noise in an image. */
public final class NoiseLevel {

    /** The Daubechies-2 decomposition high-pass filter, as PyWavelets' {@code Wavelet('db2').dec_hi}. */
    private static final double[] DB2_HIGH = {-0.48296291314453416, 0.8365163037378079, -0.2241438680420134, -0.12940952255126037};
    /** The third quartile of the standard normal: the median of |N(0, σ²)| is 0.6745 σ. */
    private static final double NORMAL_Q3 = 0.6744897501960817;

    private NoiseLevel() {
    }

    /**
     * Donoho's robust estimate for Gaussian noise, as scikit-image's {@code estimate_sigma}: the
     * median absolute value of the finest diagonal wavelet detail band (one db2 level with
     * 'symmetric' extension, high-pass along every axis; zero coefficients left out) divided by 0.6745.
     */
    public static double gaussianSigma(float[] image, int[] dims) {
        Grid g = new Grid(dims, image.length, "Noise estimate");
        double[] cur = new double[image.length];
        for (int i = 0; i < cur.length; i++) {
            cur[i] = image[i];
        }
        int[] size = dims.clone();
        for (int d = 0; d < dims.length; d++) {
            cur = highPass(cur, size, d);
        }
        double[] abs = Arrays.stream(cur).filter(v -> v != 0).map(Math::abs).sorted().toArray();
        if (abs.length == 0) {
            return 0; // a constant image has no noise
        }
        int m = abs.length / 2;
        double median = abs.length % 2 == 1 ? abs[m] : (abs[m - 1] + abs[m]) / 2;
        return median / NORMAL_Q3;
    }

    /**
     * The noise σ of a magnitude (Rician) image from its background, where the signal is 0 and the
     * magnitude follows a Rayleigh distribution with E[M²] = 2σ²: σ = √(mean M² / 2) over the
     * voxels where {@code background} is true.
     */
    public static double ricianSigmaFromBackground(float[] image, boolean[] background) {
        if (image.length != background.length) {
            throw new IllegalArgumentException("Noise estimate: the image has " + image.length + " voxels but the background mask "
                    + background.length);
        }
        double sum = 0;
        long n = 0;
        for (int i = 0; i < image.length; i++) {
            if (background[i]) {
                sum += (double) image[i] * image[i];
                n++;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("Noise estimate: the background mask is empty");
        }
        return Math.sqrt(sum / n / 2);
    }

    /**
     * PyWavelets' dwt detail band along one axis: y[k] = Σ_j h[j] x[2k+1−j], k < (n+3)/2,
     * with symmetric extension. Updates {@code size}.
     */
    private static double[] highPass(double[] in, int[] size, int axis) {
        int n = size[axis];
        int m = (n + DB2_HIGH.length - 1) / 2;
        int stride = 1;
        for (int k = 0; k < axis; k++) {
            stride *= size[k];
        }
        int outer = in.length / (n * stride);
        double[] out = new double[outer * m * stride];
        for (int o = 0; o < outer; o++) {
            for (int inner = 0; inner < stride; inner++) {
                for (int k = 0; k < m; k++) {
                    double s = 0;
                    for (int j = 0; j < DB2_HIGH.length; j++) {
                        s += DB2_HIGH[j] * in[o * n * stride + Grid.reflect(2 * k + 1 - j, n) * stride + inner];
                    }
                    out[o * m * stride + k * stride + inner] = s;
                }
            }
        }
        size[axis] = m;
        return out;
    }
}
