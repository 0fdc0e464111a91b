package org.gyrus.evaluate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How a bootstrap draws: the resampled units (rows, or subjects when rows repeat a subject), the
 * strata (units with and without a positive case, when stratified), the number of resamples and
 * one seed per resample, drawn in order from the run's seed so that results do not depend on the
 * number of threads.
 *
 * <p>Resamples are never materialised as tables. Metrics that depend only on the confusion matrix
 * are resampled through the units' count vectors: units with the same vector are one "type", and a
 * resample only counts how often each type is drawn (for rows there are two types per stratum), a
 * multinomial sampled as a few binomials.
 * Rank metrics (AUC, ROC) are resampled through integer row weights.
 */
final class Resampling {

    /** Strata with at most this many unit types are resampled through binomials, not per-unit draws. */
    static final int MAX_BINOMIAL_TYPES = 16;

    private final int resamples;
    private final long seed;
    private final boolean stratified;
    private final int[] unitOfRow;
    private final int unitCount;
    private final int[][] strata;
    private final long[] seeds;
    private final boolean bySubject;

    private Resampling(int resamples, long seed, boolean stratified, int[] unitOfRow, int unitCount, int[][] strata, boolean bySubject) {
        this.resamples = resamples;
        this.seed = seed;
        this.stratified = stratified;
        this.unitOfRow = unitOfRow;
        this.unitCount = unitCount;
        this.strata = strata;
        this.bySubject = bySubject;
        SplittableRandom master = new SplittableRandom(seed);
        this.seeds = new long[resamples];
        for (int b = 0; b < resamples; b++) {
            seeds[b] = master.nextLong();
        }
    }

    /**
     * A plan over rows with 0/1 {@code labels}.
     *
     * @param subjects per row a subject code (any int), or {@code null}: then rows are the units
     * @param stratified whether to resample units with a positive case and units without one
     *                   separately, keeping their numbers fixed
     */
    static Resampling of(int[] labels, int[] subjects, boolean stratified, int resamples, long seed) {
        if (resamples < 1) {
            throw new IllegalArgumentException("The number of bootstrap resamples must be at least 1, not " + resamples);
        }
        int n = labels.length;
        int[] unitOfRow = new int[n];
        int units;
        if (subjects == null) {
            for (int r = 0; r < n; r++) {
                unitOfRow[r] = r;
            }
            units = n;
        } else {
            Map<Integer, Integer> index = new LinkedHashMap<>();
            for (int r = 0; r < n; r++) {
                Integer u = index.putIfAbsent(subjects[r], index.size());
                unitOfRow[r] = u == null ? index.size() - 1 : u;
            }
            units = index.size();
        }
        boolean[] positive = new boolean[units];
        for (int r = 0; r < n; r++) {
            if (labels[r] == 1) {
                positive[unitOfRow[r]] = true;
            }
        }
        int[][] strata;
        if (stratified) {
            int np = 0;
            for (boolean p : positive) {
                np += p ? 1 : 0;
            }
            int[] pos = new int[np];
            int[] neg = new int[units - np];
            int ip = 0;
            int in = 0;
            for (int u = 0; u < units; u++) {
                if (positive[u]) {
                    pos[ip++] = u;
                } else {
                    neg[in++] = u;
                }
            }
            strata = new int[][] {pos, neg};
        } else {
            int[] all = new int[units];
            for (int u = 0; u < units; u++) {
                all[u] = u;
            }
            strata = new int[][] {all};
        }
        return new Resampling(resamples, seed, stratified, unitOfRow, units, strata, subjects != null);
    }

    int resamples() {
        return resamples;
    }

    int unitCount() {
        return unitCount;
    }

    int rowCount() {
        return unitOfRow.length;
    }

    /** Whether the units are subjects with repeated rows (then rows are not independent). */
    boolean repeatedSubjects() {
        return bySubject && unitCount < unitOfRow.length;
    }

    /** Whether stratification holds the row-level prevalence fixed in every resample. */
    boolean fixesPrevalence() {
        return stratified && !repeatedSubjects();
    }

    /** "2000 stratified resamples of 180 subjects, seed 42". */
    String describe() {
        return resamples + (stratified ? " stratified" : "") + " resamples of " + unitCount
                + (bySubject ? " subjects" : " rows") + ", seed " + seed;
    }

    /** The per-unit count vectors {TP, FN, FP, TN}, aggregated into types per stratum. */
    private record Types(int[][] vectors, int[][] cumulative) {
    }

    private Types types(boolean[] label, boolean[] predicted) {
        int[] vec = new int[unitCount * 4];
        for (int r = 0; r < unitOfRow.length; r++) {
            int cell = label[r] ? (predicted[r] ? BinaryMetric.TP : BinaryMetric.FN) : (predicted[r] ? BinaryMetric.FP : BinaryMetric.TN);
            vec[unitOfRow[r] * 4 + cell]++;
        }
        int[][] vectors = new int[strata.length][];
        int[][] cumulative = new int[strata.length][];
        for (int s = 0; s < strata.length; s++) {
            Map<List<Integer>, Integer> count = new LinkedHashMap<>();
            for (int u : strata[s]) {
                count.merge(List.of(vec[u * 4], vec[u * 4 + 1], vec[u * 4 + 2], vec[u * 4 + 3]), 1, Integer::sum);
            }
            int t = 0;
            vectors[s] = new int[count.size() * 4];
            cumulative[s] = new int[count.size()];
            int cum = 0;
            for (Map.Entry<List<Integer>, Integer> e : count.entrySet()) {
                for (int i = 0; i < 4; i++) {
                    vectors[s][t * 4 + i] = e.getKey().get(i);
                }
                cum += e.getValue();
                cumulative[s][t++] = cum;
            }
        }
        return new Types(vectors, cumulative);
    }

    /**
     * The confusion counts of every resample: {@code out[4 b + cell]}, cells {TP, FN, FP, TN}.
     *
     * @param label     per row whether it is a positive case
     * @param predicted per row whether it is predicted positive
     */
    long[] counts(boolean[] label, boolean[] predicted, int threads) {
        Types types = types(label, predicted);
        long[] out = new long[4 * resamples];
        Parallel.forEachBlock(resamples, threads, (from, to) -> {
            int maxTypes = 0;
            for (int[] c : types.cumulative) {
                maxTypes = Math.max(maxTypes, c.length);
            }
            int[] hits = new int[maxTypes];
            for (int b = from; b < to; b++) {
                SplittableRandom rng = new SplittableRandom(seeds[b]);
                for (int s = 0; s < strata.length; s++) {
                    int[] cum = types.cumulative[s];
                    int size = strata[s].length;
                    Arrays.fill(hits, 0);
                    if (cum.length <= MAX_BINOMIAL_TYPES) {
                        multinomial(rng, cum, hits);
                    } else {
                        for (int i = 0; i < size; i++) {
                            hits[find(cum, rng.nextInt(size))]++;
                        }
                    }
                    int[] v = types.vectors[s];
                    for (int t = 0; t < cum.length; t++) {
                        for (int c = 0; c < 4; c++) {
                            out[4 * b + c] += (long) hits[t] * v[t * 4 + c];
                        }
                    }
                }
            }
        });
        return out;
    }

    /**
     * How often each type is drawn when drawing {@code cum[last]} units with replacement: a
     * multinomial, sampled as a chain of binomials (each type's count given the types before it).
     * Exactly the distribution of counting per-unit draws, at a few draws per type.
     */
    static void multinomial(SplittableRandom rng, int[] cum, int[] hits) {
        if (cum.length == 0) {
            return;
        }
        int size = cum[cum.length - 1];
        int left = size;
        int before = 0;
        for (int t = 0; t < cum.length; t++) {
            int share = cum[t] - before;
            hits[t] = t == cum.length - 1 ? left : Binomial.sample(rng, left, (double) share / (size - before));
            left -= hits[t];
            before = cum[t];
        }
    }

    /** The type whose cumulative range holds {@code r}. */
    private static int find(int[] cum, int r) {
        if (cum.length <= 8) {
            int t = 0;
            while (cum[t] <= r) {
                t++;
            }
            return t;
        }
        int lo = 0;
        int hi = cum.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cum[mid] <= r) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Leave-one-unit-out confusion counts for BCa's acceleration: one entry per distinct unit
     * type, with how many units share it.
     */
    Jackknife jackknife(boolean[] label, boolean[] predicted) {
        Types types = types(label, predicted);
        long[] total = new long[4];
        List<long[]> loo = new ArrayList<>();
        List<Long> mult = new ArrayList<>();
        for (int s = 0; s < strata.length; s++) {
            int prev = 0;
            for (int t = 0; t < types.cumulative[s].length; t++) {
                for (int c = 0; c < 4; c++) {
                    total[c] += (long) (types.cumulative[s][t] - prev) * types.vectors[s][t * 4 + c];
                }
                prev = types.cumulative[s][t];
            }
        }
        for (int s = 0; s < strata.length; s++) {
            int prev = 0;
            for (int t = 0; t < types.cumulative[s].length; t++) {
                long[] c = total.clone();
                for (int i = 0; i < 4; i++) {
                    c[i] -= types.vectors[s][t * 4 + i];
                }
                loo.add(c);
                mult.add((long) (types.cumulative[s][t] - prev));
                prev = types.cumulative[s][t];
            }
        }
        return new Jackknife(loo, mult.stream().mapToLong(Long::longValue).toArray());
    }

    /** Leave-one-out counts per unit type and the number of units of each type. */
    record Jackknife(List<long[]> counts, long[] multiplicity) {
    }

    /**
     * Fills {@code hits} (one int per unit) with how often each unit is drawn in resample {@code b}.
     */
    void unitHits(int b, int[] hits) {
        SplittableRandom rng = new SplittableRandom(seeds[b] ^ 0x5DEECE66DL);
        Arrays.fill(hits, 0);
        for (int[] stratum : strata) {
            int size = stratum.length;
            for (int i = 0; i < size; i++) {
                hits[stratum[rng.nextInt(size)]]++;
            }
        }
    }

    /**
     * Fills {@code weights} with how often each row is drawn in resample {@code b}.
     *
     * @param hits scratch space of {@link #unitCount()} ints
     */
    void rowWeights(int b, int[] weights, int[] hits) {
        unitHits(b, hits);
        for (int r = 0; r < weights.length; r++) {
            weights[r] = hits[unitOfRow[r]];
        }
    }

    /** Per row its unit's index. */
    int unitOfRow(int row) {
        return unitOfRow[row];
    }
}
