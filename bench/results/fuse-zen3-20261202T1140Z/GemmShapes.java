import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.gyrus.nn.linalg.Gemm;

/** Single-thread CPU GFLOP/s of the GEMM calls of W5 (rows 2048) and W4 (rows 256), and alternatives. */
public class GemmShapes {
    static ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    static float[] A = new float[2048 * 784], B = new float[784 * 2048], C = new float[2048 * 784];
    interface Call { void run(); }
    static double time(Call c, long flop) {
        double best = 1e30;
        for (int r = 0; r < 7; r++) {
            long t0 = mx.getCurrentThreadCpuTime();
            int reps = 0;
            do { c.run(); reps++; } while (mx.getCurrentThreadCpuTime() - t0 < 20_000_000L);
            double per = (mx.getCurrentThreadCpuTime() - t0) / 1e9 / reps;
            best = Math.min(best, per);
        }
        return flop / best / 1e9;
    }
    static void shape(String name, boolean ta, boolean tb, int m, int n, int k) {
        int lda = ta ? m : k, ldb = tb ? k : n;
        double g = time(() -> Gemm.sgemm(ta, tb, m, n, k, 1f, A, 0, lda, B, 0, ldb, 1f, C, 0, n), 2L * m * n * k);
        String extra = "";
        if (!ta && n > 256 && n % 128 == 0) {
            double g2 = time(() -> { for (int j = 0; j < n; j += 128) Gemm.sgemm(ta, tb, m, 128, k, 1f, A, 0, lda, B, tb ? j * k : j, ldb, 1f, C, j, n); }, 2L * m * n * k);
            extra += String.format(" | split N by 128: %.1f", g2);
        }
        if (!ta && !tb) {
            // as (B^T A^T)^T would need transposes; instead try transB form with a pre-transposed B (cost not counted)
            double g3 = time(() -> Gemm.sgemm(false, true, m, n, k, 1f, A, 0, k, B, 0, k, 1f, C, 0, n), 2L * m * n * k);
            extra += String.format(" | as (F,T): %.1f", g3);
        }
        if (ta) {
            double g4 = time(() -> Gemm.sgemm(false, false, m, n, k, 1f, A, 0, k, B, 0, n, 1f, C, 0, n), 2L * m * n * k);
            extra += String.format(" | untransposed A: %.1f", g4);
        }
        System.out.printf("%-22s %s%s m=%d n=%d k=%d: %.1f GFLOP/s%s%n", name, ta ? "T" : "F", tb ? "T" : "F", m, n, k, g, extra);
    }
    public static void main(String[] a) {
        java.util.Random r = new java.util.Random(0);
        for (int i = 0; i < A.length; i++) { A[i] = r.nextFloat(); B[i] = r.nextFloat(); }
        for (int rep = 0; rep < 2; rep++) {
            System.out.println("-- pass " + rep);
            shape("W5 fwd qkv", false, true, 2048, 384, 128);
            shape("W5 fwd out", false, true, 2048, 128, 128);
            shape("W5 fwd lin1", false, true, 2048, 256, 128);
            shape("W5 fwd lin2", false, true, 2048, 128, 256);
            shape("W5 dX qkv", false, false, 2048, 128, 384);
            shape("W5 dX out", false, false, 2048, 128, 128);
            shape("W5 dX lin1", false, false, 2048, 128, 256);
            shape("W5 dX lin2", false, false, 2048, 256, 128);
            shape("W5 dW qkv", true, false, 384, 128, 2048);
            shape("W5 dW out", true, false, 128, 128, 2048);
            shape("W5 dW lin1", true, false, 256, 128, 2048);
            shape("W5 dW lin2", true, false, 128, 256, 2048);
            shape("W4 fwd 784-256", false, true, 256, 256, 784);
            shape("W4 fwd 256-784", false, true, 256, 784, 256);
            shape("W4 dX 784<-256", false, false, 256, 256, 784);
            shape("W4 dW 784x256", true, false, 784, 256, 256);
            shape("W4 dW 256x784", true, false, 256, 784, 256);
        }
    }
}
