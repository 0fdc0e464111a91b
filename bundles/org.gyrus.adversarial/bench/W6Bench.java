package org.gyrus.adversarial.bench;

import java.io.IOException;
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
import java.util.function.Supplier;

import org.gyrus.adversarial.AttackResult;
import org.gyrus.adversarial.Classifier;
import org.gyrus.adversarial.Fgsm;
import org.gyrus.adversarial.Norm;
import org.gyrus.adversarial.OnePixel;
import org.gyrus.adversarial.Pgd;
import org.gyrus.nn.Losses;
import org.gyrus.nn.Tensor;
import org.gyrus.nn.layers.Activation;
import org.gyrus.nn.layers.Linear;
import org.gyrus.nn.layers.Sequential;
import org.gyrus.nn.optim.Adam;

/**
 * Workload W6 of the peer harness (bench/peers/bench_peers.py, w6), the Gyrus side: an MLP
 * 784-256-10 trained for 2 epochs (Adam 1e-3, batches of 128) on images 0..9,999 of the harness's
 * images_x.npy (untimed), then, timed: FGSM (ε 0.1, L∞, clip to [0, 1]) on images 10,000..19,999;
 * PGD (10 steps of 0.01, ε 0.1, no random start) on images 10,000..10,999; and the one-pixel attack
 * (population 400, 100 generations, 1 pixel) on images 10,000..10,099 (no peer: its time is
 * reported). Each case: warm-up runs (at least --warmup and at least one second's worth, for the JIT),
 * then timed runs, each printed with its CPU time, allocation, collections and page faults; median,
 * min and max, and the accuracies.
 *
 * <pre>
 * bench/run_w6.sh [--data DIR] [--runs 5] [--warmup 1] [--out FILE] [--fgsm 10000] [--pgd 1000]
 *                 [--one-pixel 100] [--population 400] [--iterations 100]
 * </pre>
 */
public final class W6Bench {

    /** The least time each case warms up for (with --warmup > 0). */
    private static final long WARMUP_NANOS = 1_000_000_000L;

    private W6Bench() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(opt(args, "--data", "/tmp/gyrus-bench-data"));
        int runs = Integer.parseInt(opt(args, "--runs", "5"));
        int warmup = Integer.parseInt(opt(args, "--warmup", "1"));
        int nFgsm = Integer.parseInt(opt(args, "--fgsm", "10000"));
        int nPgd = Integer.parseInt(opt(args, "--pgd", "1000"));
        int nPixel = Integer.parseInt(opt(args, "--one-pixel", "100"));
        int population = Integer.parseInt(opt(args, "--population", "400"));
        int iterations = Integer.parseInt(opt(args, "--iterations", "100"));
        String out = opt(args, "--out", "/tmp/gyrus-w6.json");

        float[] x = npyFloats(data.resolve("images_x.npy"));
        int[] y = npyInts(data.resolve("images_y.npy"));
        int n = y.length;
        int d = x.length / n;
        if (d != 784 || n < 10000 + Math.max(nFgsm, Math.max(nPgd, nPixel))) {
            throw new IOException("expected at least 20,000 images of 784 values, found " + n + " of " + d);
        }
        Random random = new Random(0);
        Sequential mlp = new Sequential(new Linear(784, 256, random), Activation.relu(), new Linear(256, 10, random));
        long t0 = System.nanoTime();
        Adam adam = new Adam(mlp.parameters(), 1e-3);
        int[] order = new int[10000];
        Arrays.setAll(order, i -> i);
        for (int epoch = 0; epoch < 2; epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int b = 0; b < order.length; b += 128) {
                int m = Math.min(128, order.length - b);
                float[] xb = new float[m * 784];
                int[] yb = new int[m];
                for (int i = 0; i < m; i++) {
                    System.arraycopy(x, order[b + i] * 784, xb, i * 784, 784);
                    yb[i] = y[order[b + i]];
                }
                adam.zeroGrad();
                Losses.crossEntropy(mlp.forward(Tensor.of(xb, m, 784)), yb).backward();
                adam.step();
            }
        }
        double train = (System.nanoTime() - t0) / 1e9;
        Classifier c = new Classifier(mlp, 784);
        float[] test = Arrays.copyOfRange(x, 10000 * 784, (10000 + nFgsm) * 784);
        int[] labels = Arrays.copyOfRange(y, 10000, 10000 + nFgsm);
        System.out.printf(Locale.ROOT, "W6 Gyrus: MLP 784-256-10 trained 2 epochs in %.2f s (untimed); clean accuracy %.4f%n", train,
                accuracy(c.predict(test), labels));

        List<String> json = new ArrayList<>();
        Fgsm fgsm = new Fgsm(0.1f, Norm.INF, false, 0, 1);
        float[][] last = new float[1][];
        json.add(time("FGSM eps0.1 " + nFgsm + " samples", warmup, runs, nFgsm, () -> last[0] = fgsm.perturb(c, test, labels),
                () -> "\"acc_adv\": " + accuracy(c.predict(last[0]), labels)));

        float[] xp = Arrays.copyOf(test, nPgd * 784);
        int[] yp = Arrays.copyOf(labels, nPgd);
        Pgd pgd = new Pgd(0.1f, 0.01f, 10, Norm.INF, false, false, 1, 0, 1, 0);
        json.add(time("PGD 10 steps eps0.1 a0.01 " + nPgd + " samples", warmup, runs, nPgd, () -> last[0] = pgd.perturb(c, xp, yp),
                () -> "\"acc_adv\": " + accuracy(c.predict(last[0]), yp)));

        float[] xo = Arrays.copyOf(test, nPixel * 784);
        int[] yo = Arrays.copyOf(labels, nPixel);
        OnePixel onePixel = new OnePixel(1, population, iterations, false, 0, 1, 0);
        AttackResult[] r = new AttackResult[1];
        json.add(time("one-pixel pop" + population + " x " + iterations + " it " + nPixel + " images", Math.min(warmup, 1),
                Math.min(runs, 3), nPixel, () -> (r[0] = onePixel.attack(c, xo, yo)).adversarial(),
                () -> "\"success_rate\": " + r[0].successRate()));

        String text = "{\"workload\": \"W6\", \"java\": \"" + System.getProperty("java.version") + "\", \"threads\": "
                + org.gyrus.nn.linalg.Parallel.budget().threads() + ", \"train_s_untimed\": " + train + ", \"results\": [\n"
                + String.join(",\n", json) + "\n]}\n";
        Files.writeString(Path.of(out), text);
        System.out.println("wrote " + out);
    }

    private static String time(String name, int warmup, int runs, int items, Supplier<float[]> work, Supplier<String> info) {
        // At least `warmup` runs and WARMUP_NANOS of them: the JIT recompiles the step when PGD first
        // takes its projection branch (FGSM never does), which under load outlasted one warm-up run.
        long warmStart = System.nanoTime();
        int warmed = 0;
        double firstWarm = 0;
        double lastWarm = 0;
        while (warmed < warmup || (warmup > 0 && System.nanoTime() - warmStart < WARMUP_NANOS)) {
            long s = System.nanoTime();
            work.get();
            lastWarm = (System.nanoTime() - s) / 1e6;
            firstWarm = warmed++ == 0 ? lastWarm : firstWarm;
        }
        if (warmed > 0) {
            System.out.printf(Locale.ROOT, "    warm-up: %d runs, the first %.1f ms, the last %.1f ms wall%n", warmed, firstWarm, lastWarm);
        }
        double[] t = new double[runs];
        double[] cpu = new double[runs];
        StringBuilder each = new StringBuilder();
        for (int i = 0; i < runs; i++) {
            RunCost before = RunCost.now();
            long s = System.nanoTime();
            work.get();
            t[i] = (System.nanoTime() - s) / 1e9;
            RunCost spent = RunCost.now().minus(before);
            cpu[i] = spent.cpuSeconds();
            // Every run on its own line: a slow run with extra allocation, collections or CPU tells its cause.
            System.out.printf(Locale.ROOT, "    run %d: %.1f ms wall, %s%n", i + 1, t[i] * 1e3, spent);
            each.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.6f", t[i]));
        }
        double[] sorted = t.clone();
        Arrays.sort(sorted);
        double median = sorted[runs / 2];
        double[] cpuSorted = cpu.clone();
        Arrays.sort(cpuSorted);
        String extra = info.get();
        System.out.printf(Locale.ROOT, "  %-45s median %.4f s (min %.4f, max %.4f), %.0f samples/s; process CPU median %.4f s; %s%n", name,
                median, sorted[0], sorted[runs - 1], items / median, cpuSorted[runs / 2], extra);
        return String.format(Locale.ROOT, "{\"case\": \"%s\", \"median_s\": %.6f, \"min_s\": %.6f, \"max_s\": %.6f, \"runs\": %d, "
                + "\"runs_s\": [%s], \"cpu_median_s\": %.6f, %s}", name, median, sorted[0], sorted[runs - 1], runs, each, cpuSorted[runs / 2], extra);
    }

    private static double accuracy(int[] predicted, int[] labels) {
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            right += predicted[i] == labels[i] ? 1 : 0;
        }
        return (double) right / labels.length;
    }

    private static String opt(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    /** The data of a C-order .npy file and its dtype descriptor. */
    private static ByteBuffer npy(Path file, String dtype) throws IOException {
        byte[] raw = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen = b.getShort(8) & 0xffff;
        String header = new String(raw, 10, headerLen, StandardCharsets.ISO_8859_1);
        if (!header.contains("'" + dtype + "'") || header.contains("'fortran_order': True")) {
            throw new IOException(file + ": expected a C-order " + dtype + " .npy, header " + header);
        }
        b.position(10 + headerLen);
        return b.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static float[] npyFloats(Path file) throws IOException {
        ByteBuffer b = npy(file, "<f4");
        float[] v = new float[b.remaining() / 4];
        b.asFloatBuffer().get(v);
        return v;
    }

    private static int[] npyInts(Path file) throws IOException {
        ByteBuffer b = npy(file, "<i4");
        int[] v = new int[b.remaining() / 4];
        b.asIntBuffer().get(v);
        return v;
    }
}
