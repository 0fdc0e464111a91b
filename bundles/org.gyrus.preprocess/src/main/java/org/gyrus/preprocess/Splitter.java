package org.gyrus.preprocess;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

import org.gyrus.data.Column;
import org.gyrus.data.Table;

/**
 * Seeded train/test and k-fold splits of a table's rows: random, stratified by a label (each
 * class keeps its share in every part) or grouped by a column (all rows of a group — a subject,
 * a site — fall in the same part, so that repeated measurements of one subject never straddle
 * training and test).
 *
 * <p>Same semantics as scikit-learn's {@code train_test_split}/{@code ShuffleSplit},
 * {@code StratifiedShuffleSplit}, {@code GroupShuffleSplit}, {@code KFold(shuffle=True)},
 * {@code StratifiedKFold(shuffle=True)} and {@code GroupKFold} — test size
 * {@code ceil(fraction × rows)} (of groups for grouped splits), folds of near-equal size with the
 * first ones one larger, groups assigned largest first to the lightest fold — but not the same
 * random draws: Java's {@link SplittableRandom} is not numpy's Mersenne Twister, so the same seed
 * picks other rows than scikit-learn would. A seed always gives the same split here.
 */
public final class Splitter {

    /** How rows are kept together or balanced. */
    public enum Mode {
        /** Rows drawn at random. */
        RANDOM,
        /** Each class of the label keeps its proportion. */
        STRATIFIED,
        /** Whole groups go to one side. */
        GROUPED;

        /** Parses "random", "stratified", "grouped". */
        public static Mode parse(String s) {
            return Enums.parse(Mode.class, s, "split mode");
        }
    }

    private final Mode mode;
    private final long seed;

    /** A splitter of the given mode and seed. */
    public Splitter(Mode mode, long seed) {
        this.mode = Objects.requireNonNull(mode);
        this.seed = seed;
    }

    /**
     * The classes or groups of the rows: a code per row (equal cells, equal codes; missing cells
     * one code of their own) and the text of each code, for messages.
     */
    public record Keys(String column, int[] codes, List<String> labels) {

        /** The keys of a table column. */
        public static Keys of(Table table, String column) {
            Column c = table.column(column);
            java.util.Map<String, Integer> index = new java.util.HashMap<>();
            List<String> labels = new ArrayList<>();
            int[] out = new int[c.size()];
            for (int i = 0; i < out.length; i++) {
                String s = c.format(i);
                String key = s == null ? "(missing)" : s;
                out[i] = index.computeIfAbsent(key, k -> {
                    labels.add(k);
                    return labels.size() - 1;
                });
            }
            return new Keys(column, out, labels);
        }

        /** Keys from codes alone (labels are the codes). */
        public static Keys ofCodes(String column, int[] codes) {
            int max = Arrays.stream(codes).max().orElse(-1);
            List<String> labels = new ArrayList<>();
            for (int c = 0; c <= max; c++) {
                labels.add(Integer.toString(c));
            }
            return new Keys(column, codes.clone(), labels);
        }
    }

    /**
     * A train/test split of {@code n} rows.
     *
     * @param testFraction the test share, in (0, 1)
     * @param keys classes (stratified) or groups (grouped); ignored (may be null) for random splits
     */
    public Split trainTest(int n, double testFraction, Keys keys) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("Split: the test fraction must be between 0 and 1, not " + testFraction);
        }
        requireRows(n);
        String keyName = keys == null ? null : keys.column();
        SplittableRandom rnd = new SplittableRandom(seed);
        switch (mode) {
            case RANDOM -> {
                int[] perm = permutation(n, rnd);
                int nTest = testCount(n, testFraction);
                return new Split(Arrays.copyOfRange(perm, nTest, n), Arrays.copyOfRange(perm, 0, nTest));
            }
            case STRATIFIED -> {
                int[][] classes = members(requireKeys(keys, n));
                int nTest = testCount(n, testFraction);
                for (int c = 0; c < classes.length; c++) {
                    if (classes[c].length < 2) {
                        throw new IllegalArgumentException("Split: class " + describe(keys, classes[c][0])
                                + " has only 1 row; a stratified split needs at least 2 rows per class");
                    }
                }
                int[] perClass = apportion(classes, nTest, n);
                List<Integer> train = new ArrayList<>();
                List<Integer> test = new ArrayList<>();
                for (int c = 0; c < classes.length; c++) {
                    int[] m = shuffled(classes[c], rnd);
                    for (int k = 0; k < m.length; k++) {
                        (k < perClass[c] ? test : train).add(m[k]);
                    }
                }
                return new Split(toArray(train), toArray(test));
            }
            default -> {
                int[][] groups = members(requireKeys(keys, n));
                if (groups.length < 2) {
                    throw new IllegalArgumentException("Split: column '" + keyName
                            + "' has a single group; a grouped split needs at least 2 groups");
                }
                int nTestGroups = Math.min(groups.length - 1, testCount(groups.length, testFraction));
                int[] order = permutation(groups.length, rnd);
                List<Integer> train = new ArrayList<>();
                List<Integer> test = new ArrayList<>();
                for (int g = 0; g < order.length; g++) {
                    for (int row : groups[order[g]]) {
                        (g < nTestGroups ? test : train).add(row);
                    }
                }
                return new Split(toArray(train), toArray(test));
            }
        }
    }

    /**
     * {@code k} folds of {@code n} rows: split {@code i} tests on fold {@code i} and trains on
     * the others.
     *
     * @throws IllegalArgumentException if there are fewer rows (groups) than folds
     */
    public List<Split> kFold(int n, int k, Keys keys) {
        if (k < 2) {
            throw new IllegalArgumentException("Split: k-fold needs at least 2 folds, not " + k);
        }
        requireRows(n);
        int[] fold = foldOf(n, k, keys);
        List<Split> out = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            List<Integer> train = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                (fold[i] == f ? test : train).add(i);
            }
            out.add(new Split(toArray(train), toArray(test)));
        }
        return out;
    }

    /** The fold (0..k-1) of every row. */
    public int[] foldOf(int n, int k, Keys keys) {
        String keyName = keys == null ? null : keys.column();
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] fold = new int[n];
        switch (mode) {
            case RANDOM -> {
                if (k > n) {
                    throw new IllegalArgumentException("Split: cannot make " + k + " folds of " + n + " rows");
                }
                int[] perm = permutation(n, rnd);
                // Sizes n/k, the first n%k folds one larger (scikit-learn's KFold).
                int pos = 0;
                for (int f = 0; f < k; f++) {
                    int size = n / k + (f < n % k ? 1 : 0);
                    for (int q = 0; q < size; q++) {
                        fold[perm[pos++]] = f;
                    }
                }
            }
            case STRATIFIED -> {
                int[][] classes = members(requireKeys(keys, n));
                int largest = Arrays.stream(classes).mapToInt(c -> c.length).max().orElse(0);
                if (k > largest) {
                    throw new IllegalArgumentException("Split: cannot make " + k + " stratified folds: the largest class of column '"
                            + keyName + "' has only " + largest + " rows");
                }
                // Deal each class's shuffled rows round-robin, continuing where the last class
                // stopped so that fold sizes stay within one of each other.
                int next = 0;
                for (int[] c : classes) {
                    for (int row : shuffled(c, rnd)) {
                        fold[row] = next;
                        next = (next + 1) % k;
                    }
                }
            }
            default -> {
                int[][] groups = members(requireKeys(keys, n));
                if (k > groups.length) {
                    throw new IllegalArgumentException("Split: cannot make " + k + " folds from " + groups.length
                            + " groups in column '" + keyName + "'; a group's rows must stay in one fold, so use at most "
                            + groups.length + " folds");
                }
                // scikit-learn's GroupKFold: largest group first, each to the lightest fold; the
                // seed only shuffles which of equally large groups goes first.
                Integer[] order = new Integer[groups.length];
                int[] perm = permutation(groups.length, rnd);
                for (int g = 0; g < order.length; g++) {
                    order[g] = perm[g];
                }
                Arrays.sort(order, Comparator.comparingInt((Integer g) -> -groups[g].length));
                long[] load = new long[k];
                for (int g : order) {
                    int lightest = 0;
                    for (int f = 1; f < k; f++) {
                        if (load[f] < load[lightest]) {
                            lightest = f;
                        }
                    }
                    load[lightest] += groups[g].length;
                    for (int row : groups[g]) {
                        fold[row] = lightest;
                    }
                }
            }
        }
        return fold;
    }

    private static void requireRows(int n) {
        if (n == 0) {
            throw new IllegalArgumentException("Split: the table is empty (0 rows); there is nothing to split");
        }
    }

    private int[] requireKeys(Keys keys, int n) {
        if (keys == null) {
            throw new IllegalArgumentException("Split: a " + mode.name().toLowerCase(Locale.ROOT) + " split needs a "
                    + (mode == Mode.STRATIFIED ? "label" : "group") + " column");
        }
        if (keys.codes().length != n) {
            throw new IllegalArgumentException("Split: column '" + keys.column() + "' has " + keys.codes().length + " rows, not " + n);
        }
        return keys.codes();
    }

    private static String describe(Keys keys, int row) {
        return "'" + keys.labels().get(keys.codes()[row]) + "' of column '" + keys.column() + "'";
    }

    /** ceil(fraction × n), but at least 1 and at most n - 1. */
    static int testCount(int n, double fraction) {
        int t = (int) Math.ceil(fraction * n - 1e-9);
        return Math.max(1, Math.min(n - 1, t));
    }

    /** The rows of each key code, in row order, classes ordered by code. */
    static int[][] members(int[] keys) {
        int max = -1;
        for (int k : keys) {
            max = Math.max(max, k);
        }
        int[] count = new int[max + 1];
        for (int k : keys) {
            count[k]++;
        }
        int[][] out = new int[max + 1][];
        for (int c = 0; c <= max; c++) {
            out[c] = new int[count[c]];
        }
        int[] fill = new int[max + 1];
        for (int i = 0; i < keys.length; i++) {
            out[keys[i]][fill[keys[i]]++] = i;
        }
        return Arrays.stream(out).filter(a -> a.length > 0).toArray(int[][]::new);
    }

    /**
     * Test rows per class, proportional to class size, summing to {@code nTest}: floors first,
     * then the remaining rows to the largest remainders (ties to the larger class, then the first).
     */
    static int[] apportion(int[][] classes, int nTest, int n) {
        int m = classes.length;
        int[] out = new int[m];
        double[] rem = new double[m];
        int assigned = 0;
        for (int c = 0; c < m; c++) {
            double exact = (double) nTest * classes[c].length / n;
            out[c] = Math.min(classes[c].length - 1, (int) Math.floor(exact));
            rem[c] = exact - out[c];
            assigned += out[c];
        }
        Integer[] order = new Integer[m];
        for (int c = 0; c < m; c++) {
            order[c] = c;
        }
        Arrays.sort(order, (a, b) -> rem[a] != rem[b] ? Double.compare(rem[b], rem[a])
                : Integer.compare(classes[b].length, classes[a].length));
        for (int q = 0; assigned < nTest && q < 2 * m; q++) {
            int c = order[q % m];
            if (out[c] < classes[c].length - 1) {
                out[c]++;
                assigned++;
            }
        }
        return out;
    }

    static int[] permutation(int n, SplittableRandom rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return shuffled(p, rnd);
    }

    /** A Fisher–Yates shuffled copy. */
    static int[] shuffled(int[] a, SplittableRandom rnd) {
        int[] p = a.clone();
        for (int i = p.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
