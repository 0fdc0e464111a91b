package org.gyrus.diffusion;

import java.util.Arrays;

/** Distances between intensity distributions. */
public final class Histograms {

    private Histograms() {
    }

    /**
     * The 1-D Wasserstein (earth mover's) distance between the empirical distributions of two sets
     * of values, as scipy.stats.wasserstein_distance: the area between their quantile functions.
     */
    public static double wasserstein(float[] a, float[] b) {
        if (a.length == 0 || b.length == 0) {
            throw new IllegalArgumentException("Wasserstein distance: both sets need values");
        }
        float[] x = a.clone();
        float[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        // walk the merged breakpoints of the two step CDFs
        double d = 0;
        int i = 0;
        int j = 0;
        double prev = Math.min(x[0], y[0]);
        while (i < x.length || j < y.length) {
            double next = j >= y.length || (i < x.length && x[i] <= y[j]) ? x[i] : y[j];
            d += Math.abs((double) i / x.length - (double) j / y.length) * (next - prev);
            prev = next;
            while (i < x.length && x[i] == next) {
                i++;
            }
            while (j < y.length && y[j] == next) {
                j++;
            }
        }
        return d;
    }
}
