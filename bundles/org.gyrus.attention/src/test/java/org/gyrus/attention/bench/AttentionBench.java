package org.gyrus.attention.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.gyrus.attention.AttentionMaps;
import org.gyrus.attention.Fixtures;
import org.gyrus.attention.ImageLayout;
import org.gyrus.attention.Labels;
import org.gyrus.attention.TransformerModel;
import org.gyrus.attention.TransformerSettings;
import org.gyrus.attention.TransformerTraining;

/**
 * The attention benchmarks (not a unit test), side by side with bench/peers/attention_peer.py:
 * A1, one training epoch of the digits ViT (8×8 images, 16 patches of 2×2, depth 2, 4 heads, width
 * 32, feed-forward 64, GELU, pre-norm, AdamW, batch 64, no validation split) on all 1,797 digits,
 * each epoch timed from the end of the previous one, the first discarded as warm-up; A2, attention
 * maps ([CLS] attention of every layer and head and the rollout) of 1,000 digits, after one warm-up
 * extraction. Run from the bundle folder (it reads testdata/digits.csv.gz):
 *
 * <pre>java --add-modules jdk.incubator.vector -cp … org.gyrus.attention.bench.AttentionBench [runs]</pre>
 */
public final class AttentionBench {

    private AttentionBench() {
    }

    /** Runs the benchmark. */
    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Fixtures.Digits d = Fixtures.Digits.load();
        ImageLayout layout = ImageLayout.of(new int[] {1, 8, 8}, 2);
        Labels labels = new Labels(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), d.labels());
        TransformerSettings s = new TransformerSettings(2, 4, 32, 64, 0.0, true, 1e-3, 1e-2, 0, runs + 1, 64, 0.0, 0, false, false);
        double[] times = new double[runs + 1];
        long[] last = {System.nanoTime()};
        TransformerModel model = TransformerTraining.classifier(layout, d.x(), labels, s, 0, e -> {
            long now = System.nanoTime();
            times[e.epoch() - 1] = (now - last[0]) / 1e6;
            last[0] = System.nanoTime();
            return true;
        });
        print("A1 digits ViT epoch (1797 samples, batch 64)", Arrays.copyOfRange(times, 1, runs + 1), times[0]);

        float[] thousand = Arrays.copyOf(d.x(), 1000 * 64);
        double[] maps = new double[runs];
        AttentionMaps.of(model, thousand);
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            AttentionMaps m = AttentionMaps.of(model, thousand);
            maps[r] = (System.nanoTime() - t0) / 1e6;
            if (m.samples() != 1000) {
                throw new IllegalStateException("expected 1000 maps");
            }
        }
        print("A2 attention maps + rollout of 1000 digits", maps, Double.NaN);
    }

    private static void print(String what, double[] timed, double warmup) {
        double[] sorted = timed.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%s  median %.1f ms  min %.1f  max %.1f  runs %s  warm-up %.1f ms%n", what, sorted[sorted.length / 2],
                sorted[0], sorted[sorted.length - 1], Arrays.toString(timed), warmup);
    }
}
