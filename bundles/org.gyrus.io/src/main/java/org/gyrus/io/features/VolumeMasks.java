package org.gyrus.io.features;

import java.util.Arrays;
import java.util.List;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

import org.gyrus.data.Volume;

/** Brain masks for turning volumes into features: from a mask image, or automatic (threshold, Otsu). */
public final class VolumeMasks {

    private VolumeMasks() {
    }

    /** The voxel-wise mean of the volumes (which must share a shape), on the first one's grid. */
    public static Volume mean(List<Volume> volumes) {
        if (volumes.isEmpty()) {
            throw new IllegalArgumentException("No volumes to average");
        }
        long[] dims = volumes.get(0).dimensions();
        long n = volumes.get(0).voxelCount();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Volumes of " + n + " voxels are too large to average in one array");
        }
        double[] sum = new double[(int) n];
        for (Volume v : volumes) {
            if (!Arrays.equals(dims, v.dimensions())) {
                throw new IllegalArgumentException("Volumes differ in shape: " + Arrays.toString(dims) + " and " + Arrays.toString(v.dimensions()));
            }
            int i = 0;
            for (RealType<?> t : Views.flatIterable(v.image())) {
                double x = t.getRealDouble();
                sum[i++] += Double.isNaN(x) ? 0 : x;
            }
        }
        float[] mean = new float[sum.length];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = (float) (sum[i] / volumes.size());
        }
        return volumes.get(0).toBuilder(ArrayImgs.floats(mean, dims)).build();
    }

    /** 1 where the volume's value is above {@code threshold}, else 0, on the volume's grid. */
    public static Volume threshold(Volume v, double threshold) {
        long n = v.voxelCount();
        float[] m = new float[Math.toIntExact(n)];
        int i = 0;
        for (RealType<?> t : Views.flatIterable(v.image())) {
            m[i++] = t.getRealDouble() > threshold ? 1f : 0f;
        }
        return v.toBuilder(ArrayImgs.floats(m, v.dimensions())).metadata("mask.threshold", Double.toString(threshold)).build();
    }

    /** The mask above Otsu's threshold of the volume's values. */
    public static Volume otsu(Volume v) {
        return threshold(v, otsuThreshold(v.image(), 256));
    }

    /**
     * Otsu's threshold: the value that maximises the between-class variance of a {@code bins}-bin
     * histogram of the finite values; values above it form the foreground.
     */
    public static double otsuThreshold(RandomAccessibleInterval<? extends RealType<?>> image, int bins) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (RealType<?> t : Views.flatIterable(image)) {
            double x = t.getRealDouble();
            if (Double.isFinite(x)) {
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
        }
        if (!(max > min)) {
            return min;
        }
        long[] hist = new long[bins];
        double width = (max - min) / bins;
        Cursor<? extends RealType<?>> c = Views.flatIterable(image).cursor();
        long total = 0;
        double sumAll = 0;
        while (c.hasNext()) {
            double x = c.next().getRealDouble();
            if (Double.isFinite(x)) {
                int b = (int) Math.min(bins - 1, (x - min) / width);
                hist[b]++;
                total++;
            }
        }
        for (int b = 0; b < bins; b++) {
            sumAll += b * (double) hist[b];
        }
        double best = -1;
        int bestBin = 0;
        long wBack = 0;
        double sumBack = 0;
        for (int b = 0; b < bins - 1; b++) {
            wBack += hist[b];
            sumBack += b * (double) hist[b];
            long wFore = total - wBack;
            if (wBack == 0 || wFore == 0) {
                continue;
            }
            double mB = sumBack / wBack;
            double mF = (sumAll - sumBack) / wFore;
            double between = (double) wBack * wFore * (mB - mF) * (mB - mF);
            if (between > best) {
                best = between;
                bestBin = b;
            }
        }
        return min + (bestBin + 1) * width; // the upper edge of the last background bin
    }
}
