import java.io.*;
import java.lang.reflect.Method;
import java.net.*;
import java.nio.file.Path;
import java.util.*;

/** Interleaved W8: peer (torch.matmul via peer.py) and Gemm variants, each in its own loader. */
public final class Exp {
    static final boolean CPU = Boolean.getBoolean("cpu");
    static final java.lang.management.ThreadMXBean MX = java.lang.management.ManagementFactory.getThreadMXBean();
    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("rounds", 5);
        int threads = Integer.getInteger("threads", 2);
        String sizes = System.getProperty("sizes", "1024,4096");
        boolean peer = !Boolean.getBoolean("nopeer");
        List<String> names = new ArrayList<>();
        List<Method> gemms = new ArrayList<>();
        for (String dir : args) {
            URLClassLoader l = new URLClassLoader(new URL[] {Path.of(dir).toUri().toURL()}, Exp.class.getClassLoader().getParent());
            Class<?> g = l.loadClass("org.gyrus.nn.linalg.Gemm");
            l.loadClass("org.gyrus.nn.linalg.Parallel").getMethod("setThreads", int.class).invoke(null, threads);
            gemms.add(g.getMethod("sgemm", boolean.class, boolean.class, int.class, int.class, int.class, float.class,
                    float[].class, int.class, int.class, float[].class, int.class, int.class, float.class, float[].class, int.class, int.class));
            names.add(Path.of(dir).getFileName().toString());
        }
        Process p = null; BufferedReader in = null; PrintWriter out = null;
        if (peer) {
            p = new ProcessBuilder("env", "-u", "OPENBLAS_CORETYPE", "-u", "OPENBLAS_L2_SIZE", "PEER_THREADS=" + threads, "PEER_CPU=" + (CPU ? "1" : "0"), "/usr/bin/python3", System.getProperty("peer", "peer.py"))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            in = new BufferedReader(new InputStreamReader(p.getInputStream()));
            out = new PrintWriter(new OutputStreamWriter(p.getOutputStream()), true);
            System.out.println(in.readLine());
        }
        for (String ss : sizes.split(",")) {
            int n = Integer.parseInt(ss);
            int reps = n <= 1024 ? Math.max(1, (int) (10L * 1024 * 1024 * 1024 / ((long) n * n * n))) : 1;
            Random r = new Random(1);
            float[] a = new float[n * n], b = new float[n * n], c = new float[n * n];
            for (int i = 0; i < a.length; i++) { a[i] = r.nextFloat(); b[i] = r.nextFloat(); }
            double flop = 2.0 * n * n * n * reps;
            int sides = gemms.size() + (peer ? 1 : 0);
            double[][] t = new double[sides][rounds];
            // warm-up
            for (int s = 0; s < gemms.size(); s++) for (int w = 0; w < 3; w++) run(gemms.get(s), n, reps, a, b, c);
            for (int rd = 0; rd < rounds; rd++) {
                for (int k = 0; k < sides; k++) {
                    int s = (rd + k) % sides;
                    if (peer && s == gemms.size()) {
                        out.println(n + " " + reps);
                        t[s][rd] = Double.parseDouble(in.readLine());
                    } else {
                        long t0 = CPU ? MX.getCurrentThreadCpuTime() : System.nanoTime();
                        run(gemms.get(s), n, reps, a, b, c);
                        t[s][rd] = ((CPU ? MX.getCurrentThreadCpuTime() : System.nanoTime()) - t0) / 1e9;
                    }
                }
            }
            System.out.printf(Locale.ROOT, "n=%d reps=%d load %s%n", n, reps, load());
            for (int s = 0; s < sides; s++) {
                String name = s < gemms.size() ? names.get(s) : "peer";
                StringBuilder sb = new StringBuilder();
                double[] g = new double[rounds];
                for (int rd = 0; rd < rounds; rd++) { g[rd] = flop / t[s][rd] / 1e9; sb.append(String.format(Locale.ROOT, " %.0f", g[rd])); }
                double[] sorted = g.clone(); Arrays.sort(sorted);
                String ratio = "";
                if (peer && s < gemms.size()) {
                    double[] rr = new double[rounds];
                    for (int rd = 0; rd < rounds; rd++) rr[rd] = t[gemms.size()][rd] / t[s][rd];
                    double[] rs = rr.clone(); Arrays.sort(rs);
                    ratio = String.format(Locale.ROOT, "  ratio/peer median %.3f worst %.3f", rs[rounds / 2], rs[0]);
                }
                if (s > 0 && s < gemms.size()) {
                    double[] rr = new double[rounds];
                    for (int rd = 0; rd < rounds; rd++) rr[rd] = t[0][rd] / t[s][rd];
                    double[] rs = rr.clone(); Arrays.sort(rs);
                    ratio += String.format(Locale.ROOT, "  vs %s median %.3f", names.get(0), rs[rounds / 2]);
                }
                System.out.printf(Locale.ROOT, "  %-12s GFLOP/s median %.1f max %.1f [%s]%s%n", name, sorted[rounds / 2], sorted[rounds - 1], sb.toString().trim(), ratio);
            }
        }
        if (p != null) { out.close(); p.waitFor(); }
        System.exit(0);
    }

    static void run(Method m, int n, int reps, float[] a, float[] b, float[] c) throws Exception {
        for (int i = 0; i < reps; i++) m.invoke(null, false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
    }

    static String load() {
        try { return new String(java.nio.file.Files.readAllBytes(Path.of("/proc/loadavg"))).trim(); } catch (IOException e) { return "?"; }
    }
}
