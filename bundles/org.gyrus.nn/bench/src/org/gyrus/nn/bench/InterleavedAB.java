package org.gyrus.nn.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * Old against new engine in one JVM, interleaved: each side's classes (org.gyrus.nn plus this
 * benchmark, compiled against it) in its own class loader, the runs of {@link TrainWork} alternating
 * between the sides (which side goes first alternates per round), timed by the calling thread's CPU
 * time, so that a machine loaded by other processes changes both sides alike. Run it with
 * {@code -Dgyrus.nn.threads=1} so that the calling thread does all the work.
 *
 * <pre>java --add-modules jdk.incubator.vector -Dgyrus.nn.threads=1 -cp BENCH_CLASSES org.gyrus.nn.bench.InterleavedAB \
 *     OLD_CLASSES NEW_CLASSES DATA_DIR ROUNDS W4,W5train,W5infer,W7</pre>
 *
 * where OLD_CLASSES and NEW_CLASSES each hold org.gyrus.nn's classes and this benchmark's, compiled
 * together (bench/run.sh's output directory).
 */
public final class InterleavedAB {

    private InterleavedAB() {
    }

    public static void main(String[] args) throws Exception {
        Path[] sides = {Path.of(args[0]), Path.of(args[1])};
        Path data = Path.of(args[2]);
        int rounds = Integer.parseInt(args[3]);
        String[] work = args[4].split(",");
        int warmup = args.length > 5 ? Integer.parseInt(args[5]) : 2;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (String w : work) {
            DoubleSupplier[] run = new DoubleSupplier[2];
            for (int s = 0; s < 2; s++) {
                ClassLoader cl = new URLClassLoader(new URL[] {sides[s].toUri().toURL()}, ClassLoader.getPlatformClassLoader());
                Method make = cl.loadClass("org.gyrus.nn.bench.TrainWork").getMethod("make", String.class, Path.class);
                run[s] = (DoubleSupplier) make.invoke(null, w, data);
            }
            for (int i = 0; i < warmup; i++) {
                run[0].getAsDouble();
                run[1].getAsDouble();
            }
            List<double[]> cpu = new ArrayList<>();
            double[][] all = new double[2][rounds];
            for (int r = 0; r < rounds; r++) {
                double[] t = new double[2];
                double[] check = new double[2];
                for (int k = 0; k < 2; k++) {
                    int s = (r + k) % 2;
                    long c0 = mx.getCurrentThreadCpuTime();
                    check[s] = run[s].getAsDouble();
                    t[s] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
                    all[s][r] = t[s];
                }
                cpu.add(t);
                System.out.printf(Locale.ROOT, "%s round %d: old %.1f ms, new %.1f ms CPU, new/old %.3f  (checks %.6g %.6g)%n",
                        w, r + 1, t[0], t[1], t[1] / t[0], check[0], check[1]);
            }
            double[] ratios = cpu.stream().mapToDouble(t -> t[1] / t[0]).sorted().toArray();
            double[] o = all[0].clone();
            double[] nw = all[1].clone();
            Arrays.sort(o);
            Arrays.sort(nw);
            System.out.printf(Locale.ROOT, "%s: old median %.1f ms (%.1f-%.1f), new median %.1f ms (%.1f-%.1f); new/old per round: median %.3f, range %.3f-%.3f%n",
                    w, o[rounds / 2], o[0], o[rounds - 1], nw[rounds / 2], nw[0], nw[rounds - 1],
                    ratios[rounds / 2], ratios[0], ratios[rounds - 1]);
        }
    }
}
