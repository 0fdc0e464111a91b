package org.gyrus.nn.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.gyrus.nn.Losses;
import org.gyrus.nn.NoGrad;
import org.gyrus.nn.Tensor;
import org.gyrus.nn.layers.Activation;
import org.gyrus.nn.layers.AdaptiveAvgPool2d;
import org.gyrus.nn.layers.Conv2d;
import org.gyrus.nn.layers.Flatten;
import org.gyrus.nn.layers.ResidualBlock;
import org.gyrus.nn.layers.Dropout;
import org.gyrus.nn.layers.Linear;
import org.gyrus.nn.layers.Module;
import org.gyrus.nn.layers.Sequential;
import org.gyrus.nn.layers.TransformerEncoderLayer;
import org.gyrus.nn.linalg.Gemm;
import org.gyrus.nn.linalg.Parallel;
import org.gyrus.nn.optim.Adam;

/**
 * The Java side of the peer benchmark (W4 autoencoder epoch, W5 encoder-layer train step, W8
 * GEMM, W9 convolutions: bench/w9_peer.py is its PyTorch side), timing the same regions as {@code bench_peers.py}: warm-up runs (the JIT must compile
 * every kernel first), then timed runs; median and range; for every run the share of the
 * machine's CPU used by other processes, read from /proc/stat.
 */
public final class NnBench {

    private static final List<String> ROWS = new ArrayList<>();
    private static final List<String> JSON = new ArrayList<>();
    /** Values both sides compute from the same data (W9), to show they do the same work. */
    private static final List<String> CHECKS = new ArrayList<>();
    /** Foreign CPU share above which a run is re-run, and below which the machine counts as quiet. */
    private static final double NOISY = 0.20;
    private static final double QUIET = 0.10;
    private static final int MAX_EXTRA = 5;
    private static double waitBudget = 240;
    private static double waited;
    private static int discarded;
    private static int runs = 5;

    public static void main(String[] args) throws Exception {
        String only = "W4,W5,W8";
        Path data = Path.of("/tmp/gyrus-nn-bench-data");
        Path out = null;
        int warmup = 2;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--only" -> only = args[++i];
                case "--data" -> data = Path.of(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--quiet-max-total" -> waitBudget = Double.parseDouble(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "# threads %d, JVM %s, load %s%n", Parallel.threads(),
                System.getProperty("java.vm.version"), loadavg());
        for (String w : only.split(",")) {
            switch (w.trim()) {
                case "W8" -> w8(warmup);
                case "W4" -> w4(data, warmup);
                case "W5" -> w5(warmup);
                case "W9" -> w9(warmup);
                default -> throw new IllegalArgumentException("unknown workload " + w);
            }
        }
        System.out.printf(Locale.ROOT, "# load at end %s; waited %.0f s for quiet; %d disturbed runs re-run%n",
                loadavg(), waited, discarded);
        if (out != null) {
            Files.writeString(out, "{\"jvm\": \"" + System.getProperty("java.vm.version") + "\", \"threads\": "
                    + Parallel.threads() + ", \"oob_check\": \"" + System.getProperty("jdk.incubator.vector.VECTOR_ACCESS_OOB_CHECK", "2")
                    + "\", \"checks\": {" + String.join(", ", CHECKS) + "}, \"results\": [\n" + String.join(",\n", JSON) + "\n]}\n");
        }
    }

    interface Run {
        double run() throws Exception;
    }

    /** Times {@code runs} runs after {@code warmup} untimed ones; returns the median seconds. */
    static double bench(String wl, String name, int warmup, int itemsPerRun, String unit, Runnable setup, Run body,
                        Derived derived) throws Exception {
        for (int i = 0; i < warmup; i++) {
            if (setup != null) {
                setup.run();
            }
            body.run();
        }
        double[] t = new double[runs];
        double worstOther = 0;
        int reruns = 0;
        for (int r = 0; r < runs; r++) {
            waitForQuiet();
            if (setup != null) {
                setup.run();
            }
            long[] s0 = cpu();
            long t0 = System.nanoTime();
            body.run();
            t[r] = (System.nanoTime() - t0) / 1e9;
            double other = otherShare(s0, cpu());
            // Same rule as the peer script: a run disturbed by other processes is discarded and re-run.
            if (other > NOISY && reruns < MAX_EXTRA) {
                reruns++;
                discarded++;
                r--;
                continue;
            }
            worstOther = Math.max(worstOther, other);
        }
        double[] sorted = t.clone();
        Arrays.sort(sorted);
        double med = sorted[runs / 2];
        String time = itemsPerRun > 1
                ? String.format(Locale.ROOT, "%s / %d", fmt(med), itemsPerRun)
                : fmt(med);
        String range = fmt(sorted[0]) + " - " + fmt(sorted[runs - 1]);
        String extra = derived == null ? "" : derived.describe(med, sorted[0], sorted[runs - 1]);
        if (itemsPerRun > 1) {
            extra = String.format(Locale.ROOT, "%.2f ms/%s (%.2f-%.2f)", med * 1e3 / itemsPerRun, unit,
                    sorted[0] * 1e3 / itemsPerRun, sorted[runs - 1] * 1e3 / itemsPerRun);
        }
        String row = String.format(Locale.ROOT, "| %s | %s | %s | %s | %.0f%% | %s |", wl, name, time, range,
                worstOther * 100, extra);
        System.out.println(row);
        ROWS.add(row);
        JSON.add(String.format(Locale.ROOT, "{\"workload\": \"%s\", \"case\": \"%s\", \"median_s\": %.6f, "
                + "\"min_s\": %.6f, \"max_s\": %.6f, \"items_per_run\": %d, \"foreign_cpu_frac_max\": %.3f, "
                + "\"runs_s\": %s}", wl, name, med, sorted[0], sorted[runs - 1], itemsPerRun, worstOther,
                Arrays.toString(t)));
        return med;
    }

    interface Derived {
        String describe(double med, double min, double max);
    }

    private static String fmt(double s) {
        return s >= 1 ? String.format(Locale.ROOT, "%.3f s", s) : String.format(Locale.ROOT, "%.1f ms", s * 1e3);
    }

    // ------------------------------------------------------------------ W8

    static void w8(int warmup) throws Exception {
        Random r = new Random(1);
        for (int n : new int[] {1024, 4096}) {
            float[] a = new float[n * n];
            float[] b = new float[n * n];
            float[] c = new float[n * n];
            for (int i = 0; i < a.length; i++) {
                a[i] = r.nextFloat();
                b[i] = r.nextFloat();
            }
            int reps = n == 1024 ? 10 : 1;
            double flop = 2.0 * n * n * n * reps;
            bench("W8", "Gemm.sgemm " + n + "x" + n + " f32" + (reps > 1 ? " (" + reps + " per run)" : ""),
                    n == 1024 ? warmup + 2 : warmup, 1, "", null, () -> {
                        for (int i = 0; i < reps; i++) {
                            Gemm.sgemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
                        }
                        return c[0];
                    }, (med, min, max) -> String.format(Locale.ROOT, "%.0f GFLOP/s (%.0f-%.0f)",
                            flop / med / 1e9, flop / max / 1e9, flop / min / 1e9));
        }
    }

    // ------------------------------------------------------------------ W4

    static float[] loadImages(Path data) throws IOException {
        byte[] raw = Files.readAllBytes(data.resolve("images_x.npy"));
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen = b.getShort(8) & 0xffff;
        String header = new String(raw, 10, headerLen, StandardCharsets.ISO_8859_1);
        if (!header.contains("'<f4'") || header.contains("'fortran_order': True")) {
            throw new IOException("expected C-order float32 .npy, header " + header);
        }
        b.position(10 + headerLen);
        float[] x = new float[(raw.length - 10 - headerLen) / 4];
        b.asFloatBuffer().get(x);
        return x;
    }

    static Sequential autoencoder(float dropout, Random random) {
        List<Module> layers = new ArrayList<>();
        int[] dims = {784, 256, 32, 256};
        for (int i = 0; i < 3; i++) {
            layers.add(new Linear(dims[i], dims[i + 1], random));
            layers.add(Activation.relu());
            if (dropout > 0) {
                layers.add(new Dropout(dropout, random));
            }
        }
        layers.add(new Linear(256, 784, random));
        layers.add(Activation.sigmoid());
        return new Sequential(layers.toArray(new Module[0]));
    }

    static void w4(Path data, int warmup) throws Exception {
        float[] x = loadImages(data);
        int n = x.length / 784;
        int bs = 256;
        for (float drop : new float[] {0f, 0.2f}) {
            Object[] state = new Object[3];
            List<Long> heap = new ArrayList<>();
            Runnable setup = () -> {
                Random random = new Random(0);
                Sequential m = autoencoder(drop, random);
                state[0] = m;
                state[1] = new Adam(m.parameters(), 1e-3);
                state[2] = new Random(1);
                heap.add(usedHeapAfterGc());
            };
            bench("W4", "autoencoder epoch" + (drop > 0 ? " dropout0.2" : ""), warmup, 1, "", setup, () -> {
                Sequential m = (Sequential) state[0];
                Adam opt = (Adam) state[1];
                Random g = (Random) state[2];
                int[] perm = new int[n];
                for (int i = 0; i < n; i++) {
                    perm[i] = i;
                }
                for (int i = n - 1; i > 0; i--) {
                    int j = g.nextInt(i + 1);
                    int t = perm[i];
                    perm[i] = perm[j];
                    perm[j] = t;
                }
                double tot = 0;
                for (int i = 0; i < n; i += bs) {
                    int rows = Math.min(bs, n - i);
                    float[] xb = new float[rows * 784];
                    for (int r = 0; r < rows; r++) {
                        System.arraycopy(x, perm[i + r] * 784, xb, r * 784, 784);
                    }
                    Tensor in = Tensor.wrap(xb, rows, 784);
                    Tensor loss = Losses.mse(m.forward(in), in);
                    opt.zeroGrad();
                    loss.backward();
                    opt.step();
                    tot += loss.item() * rows;
                }
                return tot / n;
            }, (med, min, max) -> String.format(Locale.ROOT, "%.0f samples/s (%.0f-%.0f)", n / med, n / max, n / min));
            System.out.println("#   heap used after GC before each run (MB): " + heap.stream()
                    .map(h -> String.format(Locale.ROOT, "%.1f", h / 1e6)).toList());
        }
        // Memory across epochs of one training run: the heap after GC must not grow after epoch 1.
        Random random = new Random(0);
        Sequential m = autoencoder(0f, random);
        Adam opt = new Adam(m.parameters(), 1e-3);
        List<String> perEpoch = new ArrayList<>();
        for (int e = 0; e < 5; e++) {
            for (int i = 0; i < n; i += bs) {
                int rows = Math.min(bs, n - i);
                Tensor in = Tensor.wrap(Arrays.copyOfRange(x, i * 784, (i + rows) * 784), rows, 784);
                Tensor loss = Losses.mse(m.forward(in), in);
                opt.zeroGrad();
                loss.backward();
                opt.step();
            }
            perEpoch.add(String.format(Locale.ROOT, "%.1f", usedHeapAfterGc() / 1e6));
        }
        System.out.println("#   heap used after GC after epochs 1..5 of one run (MB): " + perEpoch);
    }

    static long usedHeapAfterGc() {
        System.gc();
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    // ------------------------------------------------------------------ W5

    static void w5(int warmup) throws Exception {
        int b = 32;
        int l = 64;
        int d = 128;
        Random random = new Random(0);
        Tensor x = Tensor.randn(random, b, l, d);
        Tensor tgt = Tensor.randn(random, b, l, d);
        TransformerEncoderLayer layer = new TransformerEncoderLayer(d, 4, 256, 0f,
                TransformerEncoderLayer.FeedForwardActivation.RELU, false, 1e-5f, random);
        Adam opt = new Adam(layer.parameters(), 1e-3);
        int steps = 20;
        bench("W5", "encoder_layer train step (fwd+bwd+Adam)", warmup + 1, steps, "step", null, () -> {
            layer.train(true);
            float last = 0;
            for (int s = 0; s < steps; s++) {
                Tensor loss = Losses.mse(layer.forward(x), tgt);
                opt.zeroGrad();
                loss.backward();
                opt.step();
                last = loss.item();
            }
            return last;
        }, null);
        int inf = 50;
        bench("W5", "encoder_layer inference fwd (no_grad, eval)", warmup, inf, "fwd", null, () -> {
            layer.eval();
            float v = 0;
            try (NoGrad ignored = Tensor.noGrad()) {
                for (int s = 0; s < inf; s++) {
                    v = layer.forward(x).data()[0];
                }
            }
            return v;
        }, null);
    }

    // ------------------------------------------------------------------ W9

    /**
     * Deterministic data both sides generate alike: {@code scale * sin(0.7 i + phase)} in double,
     * rounded to float (bench/w9_peer.py computes the same with NumPy).
     */
    static Tensor det(double phase, double scale, int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (scale * Math.sin(0.7 * i + phase));
        }
        return Tensor.wrap(v, shape);
    }

    static void check(String name, double value) {
        String c = String.format(Locale.ROOT, "\"%s\": %.8g", name, value);
        CHECKS.add(c);
        System.out.println("# check " + c);
    }

    static double sum(float[] a) {
        double s = 0;
        for (float v : a) {
            s += v;
        }
        return s;
    }

    static double sumAbs(float[] a) {
        double s = 0;
        for (float v : a) {
            s += Math.abs(v);
        }
        return s;
    }

    /** Conv2d(1, 32, 3, pad 1), three residual blocks of 32 channels, global average pool, Linear(32, 10). */
    static Sequential residualStack() {
        Random r = new Random(0);
        Sequential net = new Sequential(new Conv2d(1, 32, 3, 1, 1, r), new ResidualBlock(2, 32, 32, 0, 8, 0f, r),
                new ResidualBlock(2, 32, 32, 0, 8, 0f, r), new ResidualBlock(2, 32, 32, 0, 8, 0f, r),
                new AdaptiveAvgPool2d(1, 1), new Flatten(), new Linear(32, 10, r));
        int k = 0;
        for (Tensor p : net.parameters()) {
            System.arraycopy(det(k++, 0.1, p.size()).data(), 0, p.data(), 0, p.size());
        }
        return net;
    }

    static void w9(int warmup) throws Exception {
        // (a) Conv2d 3x3, 32 -> 64 channels, batch 32 of 28x28, forward + backward (input, weight, bias).
        Tensor xa = det(0.1, 1.0, 32, 32, 28, 28).requiresGrad(true);
        Tensor wa = det(0.2, 0.05, 64, 32, 3, 3).requiresGrad(true);
        Tensor ba = det(0.3, 0.1, 64).requiresGrad(true);
        int[] one = {1, 1};
        Tensor ua = det(0.4, 1.0, 32, 64, 28, 28);
        Tensor ya = xa.conv(wa, ba, one, one, one, one, 1);
        ya.backward(ua);
        check("W9a sum_y", sum(ya.data()));
        check("W9a sum_abs_grad_x", sumAbs(xa.grad()));
        check("W9a sum_abs_grad_w", sumAbs(wa.grad()));
        check("W9a sum_abs_grad_b", sumAbs(ba.grad()));
        int iters = 10;
        bench("W9", "conv2d 3x3 32->64 b32 28x28 fwd+bwd", warmup + 1, iters, "iter", null, () -> {
            float v = 0;
            for (int i = 0; i < iters; i++) {
                xa.zeroGrad();
                wa.zeroGrad();
                ba.zeroGrad();
                Tensor y = xa.conv(wa, ba, one, one, one, one, 1);
                y.backward(ua);
                v += wa.grad()[0];
            }
            return v;
        }, null);

        // (b) Residual block stack training step (cross-entropy, Adam) on 32x1x28x28.
        Tensor xb = det(0.5, 1.0, 32, 1, 28, 28);
        int[] labels = new int[32];
        for (int i = 0; i < 32; i++) {
            labels[i] = i % 10;
        }
        Sequential probe = residualStack();
        Adam probeOpt = new Adam(probe.parameters(), 1e-3);
        for (int s = 0; s < 2; s++) {
            Tensor loss = Losses.crossEntropy(probe.forward(xb), labels);
            check("W9b loss_step" + s, loss.item());
            probeOpt.zeroGrad();
            loss.backward();
            probeOpt.step();
        }
        Sequential net = residualStack();
        Adam opt = new Adam(net.parameters(), 1e-3);
        int steps = 5;
        bench("W9", "residual stack train step b32 1x28x28", warmup + 1, steps, "step", null, () -> {
            float last = 0;
            for (int s = 0; s < steps; s++) {
                Tensor loss = Losses.crossEntropy(net.forward(xb), labels);
                opt.zeroGrad();
                loss.backward();
                opt.step();
                last = loss.item();
            }
            return last;
        }, null);

        // (c) Conv3d 3x3x3, 16 -> 16 channels on 1x16x64^3, forward (inference).
        Tensor xc = det(0.6, 1.0, 1, 16, 64, 64, 64);
        Tensor wc = det(0.7, 0.05, 16, 16, 3, 3, 3);
        Tensor bc = det(0.8, 0.1, 16);
        int[] one3 = {1, 1, 1};
        try (NoGrad ignored = Tensor.noGrad()) {
            Tensor yc = xc.conv(wc, bc, one3, one3, one3, one3, 1);
            check("W9c sum_y", sum(yc.data()));
            check("W9c y0", yc.data()[0]);
            check("W9c y_mid", yc.get(0, 7, 31, 32, 33));
            bench("W9", "conv3d 3x3x3 16->16 1x64^3 fwd", warmup, 1, "", null, () -> {
                try (NoGrad g = Tensor.noGrad()) {
                    return xc.conv(wc, bc, one3, one3, one3, one3, 1).data()[0];
                }
            }, null);
        }
    }

    // ------------------------------------------------------------------ machine

    /** Busy and total jiffies of the machine, and this process's CPU time in ns. */
    static long[] cpu() {
        try {
            String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = line.trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            long own = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            return new long[] {total - idle, total, own};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0, 0};
        }
    }

    /** Share of the machine's CPU used by other processes between two samples (jiffies are 10 ms). */
    static double otherShare(long[] a, long[] b) {
        long total = b[1] - a[1];
        if (total <= 0) {
            return 0;
        }
        double busy = b[0] - a[0];
        double own = (b[2] - a[2]) / 1e7;
        return Math.max(0, (busy - own) / total);
    }

    /** Waits (bounded in total) until other processes use less than QUIET of the machine for 1 s. */
    static void waitForQuiet() throws InterruptedException {
        while (waited < waitBudget) {
            long[] a = cpu();
            Thread.sleep(1000);
            waited += 1;
            if (otherShare(a, cpu()) < QUIET) {
                return;
            }
        }
    }

    static String loadavg() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }
}
