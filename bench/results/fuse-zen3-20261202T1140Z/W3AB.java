import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/** W3AB OLD_DIR NEW_DIR NN_DIR ROUNDS THREADS: RandomizedSvd.compute old vs new, interleaved, CPU time of the caller. */
public class W3AB {
    public static void main(String[] args) throws Exception {
        byte[] all = java.nio.file.Files.readAllBytes(Path.of("/tmp/gyrus-bench-data/pca_10000x1000.npy"));
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(all).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int hl = bb.getShort(8) & 0xffff;
        float[] x = new float[10000 * 1000]; bb.position(10 + hl); bb.asFloatBuffer().get(x);
        double[] mean = new double[1000];
        for (int i = 0; i < 10000; i++) for (int j = 0; j < 1000; j++) mean[j] += x[i * 1000 + j] / 10000.0;
        for (int i = 0; i < 10000; i++) for (int j = 0; j < 1000; j++) x[i * 1000 + j] -= (float) mean[j];
        int rounds = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        int ns = args.length - 3;
        Method[] m = new Method[ns];
        Method[] s = new Method[ns];
        for (int i = 0; i < ns; i++) {
            ClassLoader cl = new URLClassLoader(new URL[] {Path.of(args[3 + i]).toUri().toURL(), Path.of(args[0]).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Class<?> c = cl.loadClass("org.gyrus.reduce.RandomizedSvd");
            m[i] = c.getDeclaredMethod("compute", float[].class, int.class, int.class, int.class, int.class, int.class, long.class, int.class);
            m[i].setAccessible(true);
            s[i] = cl.loadClass("org.gyrus.reduce.RandomizedSvd$Result").getDeclaredMethod("s");
            s[i].setAccessible(true);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[][] t = new double[ns][rounds];
        for (int r = -2; r < rounds; r++) {
            for (int q = 0; q < ns; q++) {
                int i = (r + q + ns) % ns;
                long c0 = mx.getCurrentThreadCpuTime(), w0 = System.nanoTime();
                Object res = m[i].invoke(null, x, 10000, 1000, 50, 10, -1, 0L, threads);
                long c1 = mx.getCurrentThreadCpuTime(), w1 = System.nanoTime();
                if (r >= 0) t[i][r] = (threads == 1 ? c1 - c0 : w1 - w0) / 1e6;
                if (r == rounds - 1) System.out.printf("side %s s[49] %.6f%n", args[3 + i], ((double[]) s[i].invoke(res))[49]);
            }
        }
        for (int i = 1; i < ns; i++) {
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) ratio[r] = t[i][r] / t[0][r];
            Arrays.sort(ratio);
            double[] a = t[0].clone(), b = t[i].clone(); Arrays.sort(a); Arrays.sort(b);
            System.out.printf("%s median %.1f ms vs %s median %.1f ms (%s) | ratio per round median %.3f (%.3f-%.3f)%n",
                args[3 + i], b[rounds / 2], args[3], a[rounds / 2], threads == 1 ? "CPU" : "wall", ratio[rounds / 2], ratio[0], ratio[rounds - 1]);
        }
    }
}
