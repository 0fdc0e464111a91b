package org.gyrus.evaluate;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The performance target: bootstrap intervals (2,000 resamples) for every binary metric
 * on 100,000 predictions in under 2 s. Times {@link BinaryMetrics#compute} with BCa for the
 * non-proportions (its jackknife included) and, separately, the AUC's bootstrap and the ROC band,
 * which resample row weights rather than confusion counts. Synthetic predictions (35 % positive,
 * a score with AUC ≈ 0.85); 3 warm-up runs, then 7 timed runs, median and minimum printed.
 *
 * <pre>bench/run.sh [threads]</pre>
 */
public final class BootstrapBenchmark {

    private BootstrapBenchmark() {
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        int n = 100_000;
        SplittableRandom r = new SplittableRandom(1);
        boolean[] label = new boolean[n];
        double[] score = new double[n];
        boolean[] predicted = new boolean[n];
        for (int i = 0; i < n; i++) {
            label[i] = r.nextDouble() < 0.35;
            double z = r.nextGaussian() + (label[i] ? 1.5 : 0);
            score[i] = 1 / (1 + Math.exp(-(z - 0.75)));
            predicted[i] = score[i] >= 0.5;
        }
        EvaluationOptions o = new EvaluationOptions(0.95, IntervalMethod.WILSON, BootstrapMethod.BCA, 2000, 42, true, threads);
        EvaluationOptions allBoot = new EvaluationOptions(0.95, IntervalMethod.BCA, BootstrapMethod.BCA, 2000, 42, true, threads);
        System.out.printf(Locale.ROOT, "n = %d, 2000 resamples, %d threads%n", n, threads);
        time("all binary metrics (Wilson + BCa)", () -> BinaryMetrics.compute(label, predicted, null, o));
        time("all binary metrics, every one BCa", () -> BinaryMetrics.compute(label, predicted, null, allBoot));
        time("AUC, bootstrap BCa", () -> AucInterval.BCA.estimate(label, score, null, o));
        time("ROC band, 101 points", () -> {
            int[] l01 = new int[n];
            for (int i = 0; i < n; i++) {
                l01[i] = label[i] ? 1 : 0;
            }
            double[] grid = new double[101];
            for (int i = 0; i < grid.length; i++) {
                grid[i] = i / 100.0;
            }
            new AucBootstrap(label, score, Resampling.of(l01, null, true, 2000, 42)).band(grid, 0.95, threads);
        });
    }

    private static void time(String what, Runnable task) {
        for (int i = 0; i < 3; i++) {
            task.run();
        }
        long[] t = new long[7];
        for (int i = 0; i < t.length; i++) {
            long start = System.nanoTime();
            task.run();
            t[i] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(t);
        System.out.printf(Locale.ROOT, "%-40s median %8.1f ms   min %8.1f ms%n", what, t[3] / 1e6, t[0] / 1e6);
    }
}
