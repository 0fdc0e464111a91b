package org.gyrus.reduce;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/** The thin products of W3's shapes (10,000 x 1,000 A, 60 columns) alone, on 1 and 2 threads: GFLOP/s. */
public class W3Products {
    public static void main(String[] args) {
        int m = 10000, k = 1000, n = 60;
        SplittableRandom r = new SplittableRandom(1);
        float[] a = new float[m * k];
        for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
        float[] z = new float[k * n], y = new float[m * n], w = new float[k * n], g = new float[n * n];
        for (int i = 0; i < z.length; i++) z[i] = (float) r.nextGaussian();
        for (int i = 0; i < y.length; i++) y[i] = (float) r.nextGaussian();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        for (int threads : new int[] {1, 2}) {
            double[] tp = new double[runs], tt = new double[runs], tx = new double[runs];
            for (int it = -3; it < runs; it++) {
                long t0 = System.nanoTime();
                ThinProducts.powerStep(a, m, k, z, n, w, g, threads);
                long t1 = System.nanoTime();
                ThinProducts.times(a, m, k, z, n, y, threads);
                long t2 = System.nanoTime();
                ThinProducts.transposeTimes(a, m, k, y, n, w, threads);
                long t3 = System.nanoTime();
                if (it >= 0) { tp[it] = (t1 - t0) / 1e6; tt[it] = (t2 - t1) / 1e6; tx[it] = (t3 - t2) / 1e6; }
            }
            Arrays.sort(tp); Arrays.sort(tt); Arrays.sort(tx);
            double f = 2.0 * m * k * n / 1e6;
            System.out.printf(Locale.ROOT, "threads %d  powerStep %.1f ms (%.1f GFLOP/s)  times %.1f ms (%.1f)  transposeTimes %.1f ms (%.1f)  [medians of %d]%n",
                    threads, tp[runs / 2], 2 * f / tp[runs / 2], tt[runs / 2], f / tt[runs / 2], tx[runs / 2], f / tx[runs / 2], runs);
        }
    }
}
