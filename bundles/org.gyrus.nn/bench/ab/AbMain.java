import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * In-JVM A/B of W9: the cases of two compiled trees (each in its own class loader), interleaved,
 * several rounds; per case and tree the process CPU time and the wall time of the fastest
 * iteration block of each round. Usage: AbMain OLD_CLASSES NEW_CLASSES [rounds] [iters].
 */
public final class AbMain {
    public static void main(String[] args) throws Exception {
        Runnable[][] sides = new Runnable[2][];
        for (int s = 0; s < 2; s++) {
            URLClassLoader l = new URLClassLoader(new URL[] {Path.of(args[s]).toUri().toURL()}, AbMain.class.getClassLoader().getParent());
            @SuppressWarnings("unchecked")
            Supplier<Runnable[]> cases = (Supplier<Runnable[]>) l.loadClass("org.gyrus.nn.bench.W9Cases").getConstructor().newInstance();
            sides[s] = cases.get();
        }
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        int[] iters = {Integer.getInteger("ab.ia", 10), Integer.getInteger("ab.ib", 3), Integer.getInteger("ab.ic", 3)};
        String only = System.getProperty("ab.only", "abc");
        String[] names = {"a", "b", "c"};
        double[][][] cpu = new double[3][2][rounds];
        double[][][] wall = new double[3][2][rounds];
        for (int w = 0; w < 3; w++) {
            for (int s = 0; s < 2; s++) {
                if (only.indexOf(names[w].charAt(0)) >= 0) {
                    for (int i = 0; i < 2 * iters[w]; i++) {
                        sides[s][w].run();
                    }
                }
            }
        }
        for (int r = 0; r < rounds; r++) {
            for (int w = 0; w < 3; w++) {
                if (only.indexOf(names[w].charAt(0)) < 0) {
                    continue;
                }
                for (int k = 0; k < 2; k++) {
                    int s = (r + k) % 2;
                    System.gc();
                    long c0 = cpuNanos();
                    long t0 = System.nanoTime();
                    for (int i = 0; i < iters[w]; i++) {
                        sides[s][w].run();
                    }
                    cpu[w][s][r] = (cpuNanos() - c0) / 1e6 / iters[w];
                    wall[w][s][r] = (System.nanoTime() - t0) / 1e6 / iters[w];
                }
            }
        }
        for (int w = 0; w < 3; w++) {
            if (only.indexOf(names[w].charAt(0)) < 0) {
                continue;
            }
            double[] ratios = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratios[r] = cpu[w][1][r] / cpu[w][0][r];
            }
            System.out.printf(Locale.ROOT, "(%s) cpu ms/iter old %s%n    new %s%n    new/old per round %s, median %.3f; wall old min %.2f new min %.2f%n",
                    names[w], fmt(cpu[w][0]), fmt(cpu[w][1]), fmt(ratios), median(ratios), min(wall[w][0]), min(wall[w][1]));
        }
        System.exit(0);
    }

    /** CPU time of all live threads (ns resolution, unlike the process's jiffies). */
    static long cpuNanos() {
        java.lang.management.ThreadMXBean t = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long id : t.getAllThreadIds()) {
            long v = t.getThreadCpuTime(id);
            if (v > 0) {
                sum += v;
            }
        }
        return sum;
    }

    static String fmt(double[] a) {
        StringBuilder b = new StringBuilder();
        for (double v : a) {
            b.append(String.format(Locale.ROOT, "%.2f ", v));
        }
        return b.toString().trim();
    }

    static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static double min(double[] a) {
        return Arrays.stream(a).min().orElse(0);
    }
}
