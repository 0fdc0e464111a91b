import java.lang.management.*;
import org.gyrus.nn.GaussianNoise;
public class NoiseMicro {
    public static void main(String[] a) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        java.util.Random r = new java.util.Random(0);
        GaussianNoise g = new GaussianNoise(3);
        float[] e = new float[128 * 784];
        for (int round = 0; round < 6; round++) {
            long t0 = mx.getCurrentThreadCpuTime();
            for (int b = 0; b < 157; b++) for (int i = 0; i < e.length; i++) e[i] = (float) r.nextGaussian();
            long t1 = mx.getCurrentThreadCpuTime();
            for (int b = 0; b < 157; b++) g.fill(e);
            long t2 = mx.getCurrentThreadCpuTime();
            System.out.printf("epoch of noise: Random.nextGaussian %.0f ms, GaussianNoise %.0f ms (CPU)%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6);
        }
    }
}
