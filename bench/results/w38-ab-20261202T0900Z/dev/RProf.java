package org.gyrus.reduce;
public class RProf {
    public static void main(String[] args) throws Exception {
        byte[] all = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/tmp/gyrus-bench-data/pca_10000x1000.npy"));
        int hl = (all[8] & 0xff) | (all[9] & 0xff) << 8;
        float[] x = new float[10000 * 1000];
        java.nio.ByteBuffer.wrap(all, 10 + hl, all.length - 10 - hl).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(x);
        int threads = Integer.parseInt(args[0]); int n = Integer.parseInt(args[1]);
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime(), c0 = mx.getCurrentThreadCpuTime();
            Pca.Fit f = Pca.components(50).solver(Pca.Solver.RANDOMIZED).seed(0).threads(threads).fitTransform(x, 10000, 1000);
            System.out.printf("fit %.1f ms wall, %.1f ms cpu%n", (System.nanoTime() - t0) / 1e6, (mx.getCurrentThreadCpuTime() - c0) / 1e6);
        }
    }
}
