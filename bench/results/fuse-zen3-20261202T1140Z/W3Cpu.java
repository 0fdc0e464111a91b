import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import org.gyrus.reduce.Pca;
/** Pca(50, randomized).fitTransform on one thread, the calling thread's CPU time. */
public class W3Cpu {
    public static void main(String[] args) throws Exception {
        byte[] all = java.nio.file.Files.readAllBytes(Path.of("/tmp/gyrus-bench-data/pca_10000x1000.npy"));
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(all).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int hl = bb.getShort(8) & 0xffff;
        float[] x = new float[10000 * 1000]; bb.position(10 + hl); bb.asFloatBuffer().get(x);
        var mx = ManagementFactory.getThreadMXBean();
        int runs = Integer.parseInt(args[0]);
        double[] t = new double[runs];
        for (int r = -2; r < runs; r++) {
            long c0 = mx.getCurrentThreadCpuTime();
            Pca.components(50).solver(Pca.Solver.RANDOMIZED).seed(0).threads(1).fitTransform(x, 10000, 1000);
            long c1 = mx.getCurrentThreadCpuTime();
            if (r >= 0) t[r] = (c1 - c0) / 1e6;
        }
        Arrays.sort(t);
        System.out.printf("W3 randomized 1-thread CPU ms median %.1f min %.1f max %.1f %s%n", t[runs / 2], t[0], t[runs - 1], Arrays.toString(t));
    }
}
