package org.gyrus.learn;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Assigns rows to cross-validation folds exactly as scikit-learn 1.2's splitters do: the fold of a
 * row is the index of the split whose test set holds it. {@link #kFold} is {@code KFold},
 * {@link #stratified} is {@code StratifiedKFold} and {@link #grouped} is {@code GroupKFold}; with
 * {@code shuffle}, the same {@code random_state} (0 to 2³² − 1) gives the same folds as
 * scikit-learn, since numpy's legacy random numbers are reproduced ({@link NumpyRandomState}).
 */
public final class Folds {

    private Folds() {
    }

    /**
     * {@code KFold(k, shuffle, random_state=seed)}: consecutive runs of the (shuffled) rows, the
     * first {@code n % k} folds one row longer.
     *
     * @throws IllegalArgumentException if k is below 2 or above n
     */
    public static int[] kFold(int n, int k, boolean shuffle, long seed) {
        if (k < 2 || k > n) {
            throw new IllegalArgumentException("Cannot make " + k + " folds of " + n + " rows (2 to " + n + " folds)");
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (shuffle) {
            new NumpyRandomState(seed).shuffle(order);
        }
        int[] fold = new int[n];
        int at = 0;
        for (int f = 0; f < k; f++) {
            int size = n / k + (f < n % k ? 1 : 0);
            for (int j = 0; j < size; j++) {
                fold[order[at++]] = f;
            }
        }
        return fold;
    }

    /**
     * {@code StratifiedKFold(k, shuffle, random_state=seed)}: classes in the order of their first
     * row; the rows sorted by class are dealt to the folds in turn, which fixes how many of each
     * class every fold gets; within a class, rows (in their order) take those fold numbers in
     * ascending order, or shuffled.
     *
     * @param labels the class of each row
     * @throws IllegalArgumentException if k is below 2 or above n, or every class has fewer than k rows
     */
    public static int[] stratified(List<String> labels, int k, boolean shuffle, long seed) {
        int n = labels.size();
        if (k < 2 || k > n) {
            throw new IllegalArgumentException("Cannot make " + k + " folds of " + n + " rows (2 to " + n + " folds)");
        }
        Map<String, Integer> classOf = new LinkedHashMap<>();
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = classOf.computeIfAbsent(labels.get(i), c -> classOf.size());
        }
        int classes = classOf.size();
        int[] count = new int[classes];
        for (int c : y) {
            count[c]++;
        }
        if (java.util.Arrays.stream(count).allMatch(c -> c < k)) {
            throw new IllegalArgumentException("Cannot stratify " + k + " folds: every class has fewer rows than that " + classOf.keySet());
        }
        int[] sorted = y.clone();
        java.util.Arrays.sort(sorted);
        int[][] allocation = new int[k][classes];
        for (int i = 0; i < n; i++) {
            allocation[i % k][sorted[i]]++;
        }
        NumpyRandomState random = shuffle ? new NumpyRandomState(seed) : null;
        int[] fold = new int[n];
        for (int c = 0; c < classes; c++) {
            int[] folds = new int[count[c]];
            int at = 0;
            for (int f = 0; f < k; f++) {
                for (int j = 0; j < allocation[f][c]; j++) {
                    folds[at++] = f;
                }
            }
            if (random != null) {
                random.shuffle(folds);
            }
            at = 0;
            for (int i = 0; i < n; i++) {
                if (y[i] == c) {
                    fold[i] = folds[at++];
                }
            }
        }
        return fold;
    }

    /**
     * {@code GroupKFold(k)}: every group whole in one fold; groups from the largest down (equal
     * sizes: the later in {@code order} first) each go to the fold with the fewest rows so far
     * (ties: the lowest fold). No randomness.
     *
     * @param groups the group (subject) of each row
     * @param order  the order of group names scikit-learn's {@code np.unique} gives (numeric for
     *               numbers, by code point for text)
     * @throws IllegalArgumentException if k is below 2 or there are fewer groups than k
     */
    public static int[] grouped(List<String> groups, Comparator<String> order, int k) {
        TreeMap<String, Integer> size = new TreeMap<>(order);
        for (String g : groups) {
            size.merge(g, 1, Integer::sum);
        }
        if (k < 2 || k > size.size()) {
            throw new IllegalArgumentException("Cannot make " + k + " grouped folds of " + size.size() + " groups (2 to " + size.size()
                    + " folds; every group stays whole in one fold)");
        }
        List<String> names = new ArrayList<>(size.keySet());
        List<Integer> byIndex = new ArrayList<>();
        for (int g = 0; g < names.size(); g++) {
            byIndex.add(g);
        }
        // A stable ascending sort, then reversed, as numpy's argsort(...)[::-1] when it keeps ties in order.
        byIndex.sort(Comparator.comparingInt(g -> size.get(names.get(g))));
        java.util.Collections.reverse(byIndex);
        long[] load = new long[k];
        Map<String, Integer> foldOf = new HashMap<>();
        for (int g : byIndex) {
            int lightest = 0;
            for (int f = 1; f < k; f++) {
                if (load[f] < load[lightest]) {
                    lightest = f;
                }
            }
            load[lightest] += size.get(names.get(g));
            foldOf.put(names.get(g), lightest);
        }
        int[] fold = new int[groups.size()];
        for (int i = 0; i < fold.length; i++) {
            fold[i] = foldOf.get(groups.get(i));
        }
        return fold;
    }
}
