package org.gyrus.nn.linalg;
import java.util.*;
/** Many short alternating trials; best and median GFLOP/s (thread CPU time with 1 thread, wall otherwise). */
public class BDev {
    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]); int trials = Integer.parseInt(args[1]);
        if (args.length > 3) Parallel.setThreads(Integer.parseInt(args[3]));
        boolean cpu = Parallel.threads() == 1;
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        String[] cfgs = args[2].split(",");
        float[] a = new float[n * n], b = new float[n * n], c = new float[n * n], c0 = new float[n * n];
        Random r = new Random(1);
        for (int i = 0; i < a.length; i++) { a[i] = r.nextFloat(); b[i] = r.nextFloat(); }
        GemmOld.sgemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c0, 0, n);
        Gemm.sgemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
        System.out.println("bit-identical to old: " + Arrays.equals(c, c0));
        int reps = (int) Math.max(1, 2.5e9 / (2.0 * n * n * n));
        Map<String, List<Double>> res = new LinkedHashMap<>();
        for (int t = 0; t < trials; t++) {
            for (String cfg : cfgs) {
                long t0 = cpu ? mx.getCurrentThreadCpuTime() : System.nanoTime();
                for (int i = 0; i < reps; i++) {
                    if (cfg.equals("old")) GemmOld.sgemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
                    else Gemm.sgemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
                }
                double s = ((cpu ? mx.getCurrentThreadCpuTime() : System.nanoTime()) - t0) / 1e9;
                if (t >= trials / 5) res.computeIfAbsent(cfg, x -> new ArrayList<>()).add(2.0 * n * n * n * reps / s / 1e9);
            }
        }
        for (var e : res.entrySet()) {
            List<Double> l = new ArrayList<>(e.getValue()); Collections.sort(l);
            System.out.printf("n=%d threads=%d %-4s GFLOP/s best %.0f  p75 %.0f  median %.0f  (%d trials of %d product(s))%n", n, Parallel.threads(), e.getKey(),
                    l.get(l.size() - 1), l.get(l.size() * 3 / 4), l.get(l.size() / 2), l.size(), reps);
        }
    }
}
