package org.gyrus.nn.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.gyrus.nn.Losses;
import org.gyrus.nn.Tensor;
import org.gyrus.nn.layers.PatchEmbedding;
import org.gyrus.nn.layers.TokenTransformer;
import org.gyrus.nn.linalg.Parallel;
import org.gyrus.nn.optim.AdamW;
import org.gyrus.nn.optim.LrSchedule;
import org.gyrus.nn.train.Trainer;

/**
 * The digits ViT of the attention bundle's A1 benchmark on the engine alone (no pipeline, no data
 * bundle), for profiling and quick timing while developing: the same network, optimiser, schedule,
 * clipping and batches as {@code org.gyrus.attention.bench.AttentionBench}. Not the benchmark of
 * record (that one is the attention bundle's, side by side with PyTorch).
 *
 * <pre>javac --add-modules jdk.incubator.vector -d /tmp/nn $(find src/main/java bench/src -name '*.java')
 * java --add-modules jdk.incubator.vector -cp /tmp/nn org.gyrus.nn.bench.VitBench \
 *     ../org.gyrus.attention/testdata/digits.csv.gz [epochs] [threads]</pre>
 *
 * <p>Besides wall time it prints the calling thread's CPU time per epoch, which stays meaningful
 * on a busy machine (with one thread).
 */
public final class VitBench {

    private VitBench() {
    }

    public static void main(String[] args) throws IOException {
        Path csv = Path.of(args[0]);
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        if (args.length > 2) {
            Parallel.setThreads(Integer.parseInt(args[2]));
        }
        List<float[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(csv))))) {
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split(",");
                float[] v = new float[f.length];
                for (int i = 0; i < f.length; i++) {
                    v[i] = Float.parseFloat(f[i]);
                }
                rows.add(v);
            }
        }
        int n = rows.size();
        float[] x = new float[n * 64];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 64; j++) {
                x[i * 64 + j] = rows.get(i)[j] / 16f;
            }
            y[i] = rows.get(i)[64];
        }
        Random random = new Random(0);
        TokenTransformer net = new TokenTransformer(new PatchEmbedding(2, 1, new int[] {8, 8}, new int[] {2, 2}, 32, random), 16,
                new TokenTransformer.Settings(32, 2, 4, 64, 0f, true, true, 1e-5f, true, 10), random);
        double[] times = new double[epochs];
        double[] cpu = new double[epochs];
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long[] last = {System.nanoTime(), mx.getCurrentThreadCpuTime()};
        Trainer trainer = Trainer.of(epochs, 64, 0).withGradClip(1.0)
                .withSchedule(LrSchedule.warmup(0, LrSchedule.cosine(1e-3, epochs, 0)));
        var h = trainer.fit(net, Tensor.of(x, n, 1, 8, 8), Tensor.of(y, n, 1), (logits, target) -> {
            float[] t = target.data();
            int[] k = new int[t.length];
            for (int i = 0; i < t.length; i++) {
                k[i] = Math.round(t[i]);
            }
            return Losses.crossEntropy(logits, k);
        }, new AdamW(net.parameters(), 1e-3, 0.9, 0.999, 1e-8, 1e-2), e -> {
            long now = System.nanoTime();
            long c = mx.getCurrentThreadCpuTime();
            times[e.epoch() - 1] = (now - last[0]) / 1e6;
            cpu[e.epoch() - 1] = (c - last[1]) / 1e6;
            last[0] = System.nanoTime();
            last[1] = mx.getCurrentThreadCpuTime();
            return true;
        });
        double[] timed = Arrays.copyOfRange(times, 1, epochs);
        double[] sorted = timed.clone();
        Arrays.sort(sorted);
        double[] c = Arrays.copyOfRange(cpu, 1, epochs);
        Arrays.sort(c);
        System.out.printf(Locale.ROOT, "ViT epoch, %d threads: median %.1f ms  min %.1f  max %.1f  runs %s; calling thread's CPU time"
                + " median %.1f ms min %.1f; final loss %.6f%n", Parallel.threads(), sorted[sorted.length / 2], sorted[0],
                sorted[sorted.length - 1], Arrays.toString(timed), c[c.length / 2], c[0], h.trainLoss().get(h.trainLoss().size() - 1));
    }
}
