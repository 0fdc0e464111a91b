package org.gyrus.reduce;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/** W3 PCA(50, randomized) and, with a third argument "full", PCA(50, full): median wall time on all processors, and a digest of the result. */
public class W3Fit {
    public static void main(String[] args) throws Exception {
        byte[] all = Files.readAllBytes(Path.of(args[0]));
        ByteBuffer bb = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int hl = bb.getShort(8) & 0xffff;
        int rows = 10000, cols = 1000;
        float[] x = new float[rows * cols];
        bb.position(10 + hl);
        bb.asFloatBuffer().get(x);
        int runs = Integer.parseInt(args[1]);
        Pca.Solver solver = args.length > 2 && args[2].equals("full") ? Pca.Solver.FULL : Pca.Solver.RANDOMIZED;
        int threads = Runtime.getRuntime().availableProcessors();
        double[] t = new double[runs];
        Pca.Fit fit = null;
        for (int r = -2; r < runs; r++) {
            long t0 = System.nanoTime();
            fit = Pca.components(50).solver(solver).seed(0).threads(threads).fitTransform(x, rows, cols);
            if (r >= 0) t[r] = (System.nanoTime() - t0) / 1e6;
        }
        double[] s = t.clone();
        Arrays.sort(s);
        double[] ev = fit.model().explainedVariance();
        System.out.printf(Locale.ROOT, "W3 %s median %.1f ms min %.1f max %.1f runs %s | ev[0] %.6f ev[49] %.6f ratio sum %.6f%n", solver, s[runs / 2], s[0], s[runs - 1],
                Arrays.toString(Arrays.stream(t).map(v -> Math.round(v * 10) / 10.0).toArray()), ev[0], ev[49], Arrays.stream(fit.model().explainedVarianceRatio()).sum());
    }
}
