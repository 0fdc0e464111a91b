package org.gyrus.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.gyrus.data.ColumnRole;
import org.gyrus.data.NumericColumn;
import org.junit.jupiter.api.Test;

/** The statistics helpers against straightforward definitions. */
class StatsTest {

    private static final double NaN = Double.NaN;

    @Test
    void radixMedianEqualsSortedMedian() {
        Random r = new Random(5);
        for (int trial = 0; trial < 500; trial++) {
            int n = 1 + r.nextInt(400);
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = r.nextDouble() < 0.2 ? NaN
                        : r.nextInt(3) == 0 ? r.nextInt(5) - 2 : r.nextGaussian() * Math.pow(10, r.nextInt(9) - 4);
            }
            double[] p = Stats.present(x);
            Arrays.sort(p);
            double expected = p.length == 0 ? NaN
                    : p.length % 2 == 1 ? p[p.length / 2] : (p[p.length / 2 - 1] + p[p.length / 2]) / 2;
            assertEquals(expected, Stats.nanMedian(x), 0.0, "trial " + trial);
            assertEquals(expected, Stats.nanMedian(NumericColumn.wrap("x", ColumnRole.FEATURE, x)), 0.0);
        }
        assertEquals(NaN, Stats.nanMedian(new double[] {NaN, NaN}));
        assertEquals(-0.5, Stats.nanMedian(new double[] {-1, 0, NaN}));
    }

    @Test
    void selectPartitions() {
        Random r = new Random(2);
        for (int trial = 0; trial < 200; trial++) {
            double[] a = new double[1 + r.nextInt(200)];
            for (int i = 0; i < a.length; i++) {
                a[i] = r.nextInt(20);
            }
            double[] sorted = a.clone();
            Arrays.sort(sorted);
            int k = r.nextInt(a.length);
            assertEquals(sorted[k], Select.select(a, k));
            for (int i = 0; i < k; i++) {
                assertTrue(a[i] <= a[k]);
            }
        }
    }

    @Test
    void percentilesMostFrequentAndMoments() {
        // numpy.percentile([1, 2, 3, 4], [25, 75]) = [1.75, 3.25]
        assertArrayEquals(new double[] {1.75, 3.25}, Stats.nanPercentiles(new double[] {4, NaN, 1, 3, 2}, 25, 75), 0.0);
        assertEquals(2.0, Stats.nanMostFrequent(new double[] {3, 2, 3, 2, NaN, 1}));
        assertEquals(1.25, Stats.nanVar(new double[] {1, 2, NaN, 3, 4}), 1e-15);
        double[] mv = StandardScaler.meanAndVar(new double[] {1, 2, NaN, 3, 4});
        assertArrayEquals(new double[] {2.5, 1.25, 4}, mv, 1e-15);
    }

    @Test
    void categoriesSortByCodePointAsPython() {
        List<String> s = new java.util.ArrayList<>(List.of("b", "B", "__missing__", "a", "\uD83D\uDE00", "\uFFFD"));
        s.sort(CodePointOrder.INSTANCE);
        // Python: sorted(['b','B','__missing__','a','😀','\ufffd']) -> ['B', '__missing__', 'a', 'b', '\ufffd', '😀']
        assertEquals(List.of("B", "__missing__", "a", "b", "\uFFFD", "\uD83D\uDE00"), s);
    }
}
