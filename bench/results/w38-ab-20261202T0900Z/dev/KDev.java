package org.gyrus.nn.linalg;
public class KDev {
    public static void main(String[] a) {
        int kc = Integer.parseInt(a[0]); int mc = Integer.parseInt(a[1]); int nc = Integer.parseInt(a[2]);
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        float[] pa = new float[mc * kc], pb = new float[nc * kc], c = new float[mc * nc];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < pa.length; i++) pa[i] = r.nextFloat();
        for (int i = 0; i < pb.length; i++) pb[i] = r.nextFloat();
        float[] edge = new float[12 * 32];
        for (int round = 0; round < 10; round++) {
            long t0 = mx.getCurrentThreadCpuTime();
            long flops = 0;
            for (int rep = 0; rep < 200; rep++) {
                GemmOld.packed(pa, mc, kc, pb, nc, 1f, c, 0, nc, edge);
                flops += 2L * mc * nc * kc;
            }
            double s = (mx.getCurrentThreadCpuTime() - t0) / 1e9;
            System.out.printf("kc %d mc %d nc %d: %.0f GFLOP/s%n", kc, mc, nc, flops / s / 1e9);
        }
    }
}
