package org.gyrus.diffusion.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.gyrus.diffusion.NonLocalMeans;

/**
 * Non-local means against scikit-image's denoise_nl_means (bench/nlm_peer.py writes the volume and
 * times the peer), not a unit test: the same noisy 3-D volume, patch radius 1, search radius 3,
 * h = 0.8 σ, exact weights (the peer with fast_mode=False). Not measured yet.
 *
 * <pre>java --add-modules jdk.incubator.vector -Xmx4g -cp … org.gyrus.diffusion.bench.NlmBench /tmp/gyrus-bench-data/nlm_volume.npy [runs] [sigma]</pre>
 */
public final class NlmBench {

    private NlmBench() {
    }

    /** Runs the benchmark. */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "/tmp/gyrus-bench-data/nlm_volume.npy");
        int runs = Math.max(1, args.length > 1 ? Integer.parseInt(args[1]) : 3);
        double sigma = args.length > 2 ? Double.parseDouble(args[2]) : 10;
        int[][] shape = new int[1][];
        float[] v = Npy.read(file, shape);
        // numpy's C order (z, y, x) is x fastest: Gyrus's (x, y, z) grid
        int[] dims = {shape[0][2], shape[0][1], shape[0][0]};
        NonLocalMeans nlm = new NonLocalMeans(1, 3, 0.8 * sigma, sigma);
        double[] times = new double[runs + 1];
        for (int r = 0; r <= runs; r++) {
            long t0 = System.nanoTime();
            nlm.denoise(v, dims);
            times[r] = (System.nanoTime() - t0) / 1e6;
        }
        double[] timed = Arrays.copyOfRange(times, 1, times.length);
        Arrays.sort(timed);
        System.out.printf(Locale.ROOT, "NLM 3-D %s patch 1 search 3  median %.1f ms  min %.1f  max %.1f  warm-up %.1f ms%n",
                Arrays.toString(dims), timed[timed.length / 2], timed[0], timed[timed.length - 1], times[0]);
    }
}
