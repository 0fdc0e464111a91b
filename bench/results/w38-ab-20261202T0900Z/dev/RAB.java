package org.gyrus.reduce;
import java.util.*;
import org.gyrus.nn.linalg.Parallel;
/** In-JVM A/B of the randomized SVD (W3's data, k = 50): old and new interleaved. */
public class RAB {
    public static void main(String[] args) throws Exception {
        byte[] all = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/tmp/gyrus-bench-data/pca_10000x1000.npy"));
        int hl = (all[8] & 0xff) | (all[9] & 0xff) << 8;
        float[] x = new float[10000 * 1000];
        java.nio.ByteBuffer.wrap(all, 10 + hl, all.length - 10 - hl).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(x);
        // centred, as Pca does
        for (int c = 0; c < 1000; c++) { double s = 0; for (int i = 0; i < 10000; i++) s += x[i * 1000 + c]; float m = (float) (s / 10000); for (int i = 0; i < 10000; i++) x[i * 1000 + c] -= m; }
        int threads = Integer.parseInt(args[0]); int rounds = Integer.parseInt(args[1]);
        Parallel.setThreads(threads);
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<String, List<Double>> res = new LinkedHashMap<>();
        RandomizedSvd.Result rn = null; RandomizedSvdOld.Result ro = null;
        for (int round = 0; round < rounds; round++) {
            for (String v : new String[]{"old", "new"}) {
                long t0 = threads == 1 ? mx.getCurrentThreadCpuTime() : System.nanoTime();
                if (v.equals("old")) ro = RandomizedSvdOld.compute(x, 10000, 1000, 50, 10, -1, 0, threads);
                else rn = RandomizedSvd.compute(x, 10000, 1000, 50, 10, -1, 0, threads);
                double ms = ((threads == 1 ? mx.getCurrentThreadCpuTime() : System.nanoTime()) - t0) / 1e6;
                if (round >= 2) res.computeIfAbsent(v, q -> new ArrayList<>()).add(ms);
            }
        }
        for (var e : res.entrySet()) {
            List<Double> l = new ArrayList<>(e.getValue()); Collections.sort(l);
            System.out.printf("threads=%d %s %s ms: median %.1f min %.1f max %.1f%n", threads, e.getKey(), threads == 1 ? "CPU" : "wall", l.get(l.size() / 2), l.get(0), l.get(l.size() - 1));
        }
        double ds = 0, dv = 0;
        for (int j = 0; j < 50; j++) {
            ds = Math.max(ds, Math.abs(rn.s()[j] - ro.s()[j]) / ro.s()[j]);
            for (int c = 0; c < 1000; c++) dv = Math.max(dv, Math.abs(rn.vt()[j * 1000 + c] - ro.vt()[j * 1000 + c]));
        }
        System.out.printf("new vs old: max rel diff of singular values %.2e, max |diff| of components %.2e%n", ds, dv);
    }
}
