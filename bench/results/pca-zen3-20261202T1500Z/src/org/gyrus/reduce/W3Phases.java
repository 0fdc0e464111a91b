package org.gyrus.reduce;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * W3's randomized PCA split into its phases (wall time, 2 threads): the steps of Pca.fitTransform
 * and RandomizedSvd.compute repeated here with a clock between them. Prints the median of each
 * phase over the timed runs, then the whole fit through the public API for comparison.
 */
public class W3Phases {
    public static void main(String[] args) throws Exception {
        byte[] all = Files.readAllBytes(Path.of(args.length > 0 ? args[0] : "/tmp/gyrus-bench-data/pca_10000x1000.npy"));
        ByteBuffer bb = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int hl = bb.getShort(8) & 0xffff;
        int rows = 10000, cols = 1000, k = 50, l = 60, threads = Runtime.getRuntime().availableProcessors();
        float[] x = new float[rows * cols];
        bb.position(10 + hl);
        bb.asFloatBuffer().get(x);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String[] names = {"mean+centre", "powerStep x7", "W R^-1 x7", "normalise Z x7", "Y=AZ", "QR(Y) x2", "B^T=A^T Q", "small SVD+U", "whole fit (API)"};
        double[][] t = new double[names.length][runs];
        for (int r = -2; r < runs; r++) {
            double[] ph = new double[names.length];
            long t0 = System.nanoTime();
            double[] mean = new double[cols];
            for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) mean[j] += x[i * cols + j];
            for (int j = 0; j < cols; j++) mean[j] /= rows;
            float[] a = new float[rows * cols];
            double[] ss = new double[cols];
            for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) { double v = x[i * cols + j] - mean[j]; a[i * cols + j] = (float) v; ss[j] += v * v; }
            long t1 = System.nanoTime();
            ph[0] = (t1 - t0) / 1e6; // single-threaded here; the API splits it over columns
            SplittableRandom random = new SplittableRandom(0);
            float[] z = new float[cols * l];
            for (int i = 0; i < z.length; i++) z[i] = (float) random.nextGaussian();
            float[] y = new float[rows * l], w = new float[cols * l], g = new float[l * l];
            for (int it = 0; it < 7; it++) {
                long s0 = System.nanoTime();
                ThinProducts.powerStep(a, rows, cols, z, l, w, g, threads);
                long s1 = System.nanoTime();
                float[] rInv = invOf(g, l);
                ThinProducts.times(w, cols, l, rInv, l, z, threads);
                long s2 = System.nanoTime();
                z = RandomizedSvd.normalized(z, cols, l, threads);
                long s3 = System.nanoTime();
                ph[1] += (s1 - s0) / 1e6; ph[2] += (s2 - s1) / 1e6; ph[3] += (s3 - s2) / 1e6;
            }
            long u0 = System.nanoTime();
            ThinProducts.times(a, rows, cols, z, l, y, threads);
            long u1 = System.nanoTime();
            float[] qf = RandomizedSvd.normalized(RandomizedSvd.normalized(y, rows, l, threads), rows, l, threads);
            long u2 = System.nanoTime();
            float[] bt = new float[cols * l];
            ThinProducts.transposeTimes(a, rows, cols, qf, l, bt, threads);
            long u3 = System.nanoTime();
            double[] b = new double[l * cols];
            for (int c = 0; c < cols; c++) for (int j = 0; j < l; j++) b[j * cols + c] = bt[c * l + j];
            double[] bbt = new double[l * l];
            DoubleGemm.gemm(false, true, l, l, cols, b, cols, b, cols, 0, bbt, l, threads);
            SymmetricEigen.Result eig = SymmetricEigen.decompose(bbt, l, k, 1);
            double[] vt = new double[k * cols];
            DoubleGemm.gemm(false, false, k, cols, l, eig.vectors(), l, b, cols, 0, vt, cols, threads);
            double[] q = new double[qf.length];
            for (int i = 0; i < q.length; i++) q[i] = qf[i];
            double[] u = new double[rows * k];
            DoubleGemm.gemm(false, true, rows, k, l, q, l, eig.vectors(), l, 0, u, k, threads);
            SignFlip.byLargestU(u, rows, k, vt, cols);
            long u4 = System.nanoTime();
            ph[4] = (u1 - u0) / 1e6; ph[5] = (u2 - u1) / 1e6; ph[6] = (u3 - u2) / 1e6; ph[7] = (u4 - u3) / 1e6;
            long f0 = System.nanoTime();
            Pca.components(50).solver(Pca.Solver.RANDOMIZED).seed(0).threads(threads).fitTransform(x, rows, cols);
            ph[8] = (System.nanoTime() - f0) / 1e6;
            if (r >= 0) for (int p = 0; p < names.length; p++) t[p][r] = ph[p];
        }
        for (int p = 0; p < names.length; p++) {
            double[] s = t[p].clone();
            Arrays.sort(s);
            System.out.printf(Locale.ROOT, "%-16s median %7.1f ms  min %7.1f  max %7.1f%n", names[p], s[runs / 2], s[0], s[runs - 1]);
        }
    }

    /** Cholesky R^-1 of G (l x l), float, as RandomizedSvd's shifted step (no shift: W3's G is well conditioned). */
    static float[] invOf(float[] gf, int l) {
        double[] g = new double[l * l];
        for (int i = 0; i < g.length; i++) g[i] = gf[i];
        double max = 0;
        for (int i = 0; i < l; i++) max = Math.max(max, g[i * l + i]);
        for (int i = 0; i < l; i++) g[i * l + i] += 1e-6 * max;
        double[] r = new double[l * l];
        for (int i = 0; i < l; i++) {
            double d = g[i * l + i];
            for (int p = 0; p < i; p++) d -= r[p * l + i] * r[p * l + i];
            double rii = Math.sqrt(d);
            r[i * l + i] = rii;
            for (int j = i + 1; j < l; j++) { double s = g[i * l + j]; for (int p = 0; p < i; p++) s -= r[p * l + i] * r[p * l + j]; r[i * l + j] = s / rii; }
        }
        float[] inv = new float[l * l];
        double[] di = new double[l * l];
        for (int j = 0; j < l; j++) {
            di[j * l + j] = 1 / r[j * l + j];
            for (int i = j - 1; i >= 0; i--) { double s = 0; for (int p = i + 1; p <= j; p++) s += r[i * l + p] * di[p * l + j]; di[i * l + j] = -s / r[i * l + i]; }
        }
        for (int i = 0; i < inv.length; i++) inv[i] = (float) di[i];
        return inv;
    }
}
