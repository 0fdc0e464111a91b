package org.gyrus.reduce;
public class DgDev {
    public static void main(String[] a) {
        int rows = 10000, n = 1000;
        double[] x = new java.util.Random(1).doubles(rows * n).toArray();
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        int threads = Integer.parseInt(a[0]);
        for (int round = 0; round < 6; round++) {
            long t0 = mx.getCurrentThreadCpuTime(), w0 = System.nanoTime();
            double[] g1 = DoubleGemmOld.gram(x, rows, n, n, threads);
            long t1 = mx.getCurrentThreadCpuTime(), w1 = System.nanoTime();
            double[] g2 = DoubleGemm.gram(x, rows, n, n, threads);
            long t2 = mx.getCurrentThreadCpuTime(), w2 = System.nanoTime();
            double md = 0; for (int i = 0; i < g1.length; i++) md = Math.max(md, Math.abs(g1[i] - g2[i]));
            System.out.printf("old cpu %.0f ms wall %.0f | new cpu %.0f ms wall %.0f | maxdiff %.1e%n", (t1-t0)/1e6, (w1-w0)/1e6, (t2-t1)/1e6, (w2-w1)/1e6, md);
        }
    }
}
