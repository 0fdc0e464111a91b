package org.gyrus.reduce.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.gyrus.reduce.Pca;

/**
 * W3 of /work/shared/peers (not a unit test): {@code PCA(50, full|randomized).fit_transform} on the
 * 10,000 × 1,000 float32 matrix of {@code gen_data.py}, 1 warm-up and 5 timed runs as
 * {@code bench_peers.py}, median and min–max printed.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp … org.gyrus.reduce.bench.PcaBench /tmp/gyrus-bench-data/pca_10000x1000.npy [runs] [warmups]</pre>
 */
public final class PcaBench {

    private PcaBench() {
    }

    /** Runs the benchmark. */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "/tmp/gyrus-bench-data/pca_10000x1000.npy");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int warmups = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        String only = args.length > 3 ? args[3] : "full,randomized";
        int[] shape = new int[2];
        float[] x = readNpy(file, shape);
        int threads = Runtime.getRuntime().availableProcessors();
        for (String solver : only.split(",")) {
            Pca pca = Pca.components(50).solver(Pca.Solver.valueOf(solver.toUpperCase(Locale.ROOT))).seed(0).threads(threads);
            double[] times = new double[runs];
            double ratio = 0;
            for (int r = -warmups; r < runs; r++) {
                long t0 = System.nanoTime();
                Pca.Fit fit = pca.fitTransform(x, shape[0], shape[1]);
                long t1 = System.nanoTime();
                ratio = Arrays.stream(fit.model().explainedVarianceRatio()).sum();
                if (r >= 0) {
                    times[r] = (t1 - t0) / 1e6;
                }
            }
            double[] sorted = times.clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "W3 PCA(50,%s).fit_transform  median %.1f ms  min %.1f  max %.1f  runs %s  explained %.4f  threads %d%n",
                    solver, sorted[runs / 2], sorted[0], sorted[runs - 1], Arrays.toString(times), ratio, threads);
        }
    }

    /** A little-endian float32 C-order .npy file; {@code shape} receives its first dimensions. */
    static float[] readNpy(Path file, int[] shape) throws IOException {
        byte[] all = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int major = all[6];
        int headerLen = major == 1 ? b.getShort(8) & 0xffff : b.getInt(8);
        int start = major == 1 ? 10 : 12;
        String header = new String(all, start, headerLen, StandardCharsets.ISO_8859_1);
        if (!header.contains("'<f4'") || header.contains("'fortran_order': True")) {
            throw new IOException(file + ": expected a C-order little-endian float32 array, header " + header);
        }
        String dims = header.substring(header.indexOf("'shape': (") + 10);
        dims = dims.substring(0, dims.indexOf(')'));
        String[] parts = dims.split(",");
        long count = 1;
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].isBlank()) {
                int v = Integer.parseInt(parts[i].trim());
                count *= v;
                if (i < shape.length) {
                    shape[i] = v;
                }
            }
        }
        float[] out = new float[Math.toIntExact(count)];
        b.position(start + headerLen);
        b.asFloatBuffer().get(out);
        return out;
    }
}
