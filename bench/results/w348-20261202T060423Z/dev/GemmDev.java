package org.gyrus.nn.linalg;

import java.util.*;

public class GemmDev {
    interface G { void run(int n, float[] a, float[] b, float[] c); }
    public static void main(String[] args) throws Exception {
        int[] sizes = Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray();
        int rounds = Integer.parseInt(args[1]);
        if (args.length > 3) Parallel.setThreads(Integer.parseInt(args[3]));
        boolean cpuTime = Parallel.threads() == 1;
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        String which = args.length > 2 ? args[2] : "old,new";
        Map<String, G> impl = new LinkedHashMap<>();
        for (String w : which.split(",")) {
            if (w.equals("old")) impl.put(w, (n, a, b, c) -> GemmOld.sgemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n));
            if (w.equals("b")) impl.put(w, (n, a, b, c) -> GemmB.sgemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n));
            if (w.equals("new")) impl.put(w, (n, a, b, c) -> Gemm.sgemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n));
        }
        Random r = new Random(1);
        for (int n : sizes) {
            float[] a = new float[n * n], b = new float[n * n], c = new float[n * n], c2 = new float[n * n];
            for (int i = 0; i < a.length; i++) { a[i] = r.nextFloat(); b[i] = r.nextFloat(); }
            int reps = (int) Math.max(1, 2e9 / (2.0 * n * n * n));
            Map<String, List<Double>> res = new LinkedHashMap<>();
            for (String k : impl.keySet()) res.put(k, new ArrayList<>());
            for (int round = 0; round < rounds; round++) {
                for (var e : impl.entrySet()) {
                    long t0 = cpuTime ? mx.getCurrentThreadCpuTime() : System.nanoTime();
                    for (int i = 0; i < reps; i++) e.getValue().run(n, a, b, c);
                    double s = ((cpuTime ? mx.getCurrentThreadCpuTime() : System.nanoTime()) - t0) / 1e9;
                    res.get(e.getKey()).add(2.0 * n * n * n * reps / s / 1e9);
                }
            }
            // check vs old
            if (impl.size() > 1) {
                GemmOld.sgemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c2, 0, n);
                Gemm.sgemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
                double md = 0; for (int i = 0; i < c.length; i++) md = Math.max(md, Math.abs(c[i] - c2[i]) / Math.abs(c2[i]));
                System.out.printf("n=%d max rel diff new/old %.2e%n", n, md);
            }
            for (var e : res.entrySet()) {
                List<Double> l = new ArrayList<>(e.getValue().subList(Math.min(2, rounds - 1), rounds));
                Collections.sort(l);
                System.out.printf("n=%d %s GFLOP/s median %.0f (min %.0f max %.0f) all %s%n", n, e.getKey(), l.get(l.size() / 2), l.get(0), l.get(l.size() - 1), e.getValue().stream().map(x -> String.format("%.0f", x)).toList());
            }
        }
    }
}
