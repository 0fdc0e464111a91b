package org.gyrus.evaluate;

/** Sorting scores without boxing: the order of rows by ascending score, and mid-ranks. */
final class Ranking {

    private Ranking() {
    }

    /** Row indices ordered by ascending score; ties keep row order (stable). */
    static int[] ascending(double[] score) {
        int n = score.length;
        int[] order = new int[n];
        Integer[] boxed = new Integer[n];
        for (int r = 0; r < n; r++) {
            boxed[r] = r;
        }
        java.util.Arrays.sort(boxed, (a, b) -> {
            int c = Double.compare(score[a], score[b]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        for (int r = 0; r < n; r++) {
            order[r] = boxed[r];
        }
        return order;
    }

    /** 1-based mid-ranks of {@code values} (ties share the mean of their ranks). */
    static double[] midranks(double[] values) {
        int n = values.length;
        int[] order = ascending(values);
        double[] ranks = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && values[order[j + 1]] == values[order[i]]) {
                j++;
            }
            double mid = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = mid;
            }
            i = j + 1;
        }
        return ranks;
    }
}
