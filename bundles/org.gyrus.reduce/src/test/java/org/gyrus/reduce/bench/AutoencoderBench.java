package org.gyrus.reduce.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.gyrus.reduce.Autoencoder;

/**
 * W4 of /work/shared/peers (not a unit test): one training epoch of the 784-256-32-256-784
 * autoencoder (ReLU after every hidden layer, sigmoid output, MSE, Adam 1e-3, shuffled batches of
 * 256) on the 20,000 images of {@code gen_data.py}, with and without Dropout(0.2) after each hidden
 * ReLU. One training run of 1 + runs epochs; each epoch timed from the end of the previous one
 * (shuffle, gather, forward, backward, Adam), the first discarded as warm-up.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp … org.gyrus.reduce.bench.AutoencoderBench /tmp/gyrus-bench-data/images_x.npy [runs]</pre>
 */
public final class AutoencoderBench {

    private AutoencoderBench() {
    }

    /** Runs the benchmark. */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "/tmp/gyrus-bench-data/images_x.npy");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int[] shape = new int[3];
        float[] x = PcaBench.readNpy(file, shape);
        int n = shape[0];
        int d = x.length / n;
        for (double dropout : new double[] {0, 0.2}) {
            Autoencoder ae = Autoencoder.withLayers(256, 32).activations("relu", "relu", "sigmoid").dropout(dropout)
                    .training(runs + 1, 256).optimizer("adam", 1e-3).validation(0, 0).seed(0);
            double[] times = new double[runs + 1];
            long[] last = {System.nanoTime()};
            Autoencoder.Fit fit = ae.fit(x, n, d, epoch -> {
                long now = System.nanoTime();
                times[epoch - 1] = (now - last[0]) / 1e6;
                last[0] = System.nanoTime();
                return true;
            });
            double[] timed = Arrays.copyOfRange(times, 1, runs + 1);
            double[] sorted = timed.clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "W4 autoencoder epoch%s  median %.1f ms  min %.1f  max %.1f  (%.0f samples/s)  runs %s  warm-up %.1f ms  mean epoch MSE %.5f%n",
                    dropout > 0 ? " dropout0.2" : "", sorted[runs / 2], sorted[0], sorted[runs - 1], n / (sorted[runs / 2] / 1000),
                    Arrays.toString(timed), times[0], fit.curve().trainLoss()[runs]);
        }
    }
}
