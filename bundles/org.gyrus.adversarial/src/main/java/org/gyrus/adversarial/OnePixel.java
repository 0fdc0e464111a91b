package org.gyrus.adversarial;

import java.util.Arrays;
import java.util.Random;

/**
 * The one-pixel attack (Su, Vargas &amp; Sakurai 2019, IEEE TEVC 23(5)): differential evolution over
 * candidates that each set a few pixels (voxels, or features of a flat row) to new values, using only
 * the network's probabilities. A candidate is, per pixel, its position (one coordinate per spatial
 * axis) and its value in every channel. The population starts uniformly at random (positions over
 * the grid, values over [min, max]); each generation, every candidate {@code i} meets the trial
 * {@code x_r1 + F (x_r2 - x_r3)} (DE/rand/1, F = 0.5, no crossover, as in the paper) and the
 * trial replaces it when it gives the attacked class (the true class, or for a targeted attack, all
 * but the target) no more probability. A sample's search stops as soon as a candidate succeeds.
 * Deterministic for a seed.
 *
 * @param pixels      pixels changed per sample, {@code >= 1} (the paper: 1, 3, 5)
 * @param population  candidates per generation, {@code >= 4} (the paper: 400)
 * @param iterations  generations, {@code >= 1} (the paper: 100)
 * @param targeted    whether the labels are target classes
 * @param min         the smallest valid value
 * @param max         the largest valid value
 * @param seed        the seed of the search
 */
public record OnePixel(int pixels, int population, int iterations, boolean targeted, float min, float max, long seed) {

    /** The paper's scale factor of differential evolution. */
    static final double F = 0.5;

    /** Checks the settings. */
    public OnePixel {
        if (pixels < 1) {
            throw new IllegalArgumentException("pixels must be >= 1, got " + pixels);
        }
        if (population < 4) {
            throw new IllegalArgumentException("population must be >= 4 (differential evolution draws three others), got " + population);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
        }
        Perturbations.checkBudget("epsilon", 0, min, max);
    }

    /**
     * Attacks a batch of samples, one after the other.
     *
     * @param classifier the network
     * @param x          samples, flat
     * @param labels     true classes (untargeted) or targets (targeted)
     * @return the adversarial samples (the best candidate found where none succeeded) and what they did
     */
    public AttackResult attack(Classifier classifier, float[] x, int[] labels) {
        int n = classifier.count(x);
        if (labels.length != n) {
            throw new IllegalArgumentException(labels.length + " labels for " + n + " samples");
        }
        int[] shape = classifier.sampleShape();
        Grid grid = new Grid(shape);
        if (pixels > grid.positions) {
            throw new IllegalArgumentException("pixels = " + pixels + " is more than the " + grid.positions + " positions of a sample");
        }
        Random random = new Random(seed);
        int size = classifier.sampleSize();
        float[] adv = x.clone();
        for (int s = 0; s < n; s++) {
            float[] sample = Arrays.copyOfRange(x, s * size, (s + 1) * size);
            float[] best = search(classifier, grid, sample, labels[s], random);
            System.arraycopy(best, 0, adv, s * size, size);
        }
        return AttackResult.of(classifier, x, adv, labels, targeted);
    }

    private float[] search(Classifier classifier, Grid grid, float[] sample, int label, Random random) {
        int genes = pixels * grid.gene;
        double[][] pop = new double[population][genes];
        for (double[] c : pop) {
            for (int p = 0; p < pixels; p++) {
                for (int a = 0; a < grid.spatial.length; a++) {
                    c[p * grid.gene + a] = random.nextDouble() * grid.spatial[a];
                }
                for (int ch = 0; ch < grid.channels; ch++) {
                    c[p * grid.gene + grid.spatial.length + ch] = min + random.nextDouble() * (max - min);
                }
            }
        }
        double[] fitness = new double[population];
        int winner = evaluate(classifier, grid, sample, label, pop, fitness);
        for (int it = 0; it < iterations && winner < 0; it++) {
            double[][] trials = new double[population][];
            for (int i = 0; i < population; i++) {
                int r1 = other(random, i, -1, -1);
                int r2 = other(random, i, r1, -1);
                int r3 = other(random, i, r1, r2);
                double[] t = new double[genes];
                for (int g = 0; g < genes; g++) {
                    t[g] = pop[r1][g] + F * (pop[r2][g] - pop[r3][g]);
                }
                trials[i] = t;
            }
            double[] trialFitness = new double[population];
            winner = evaluate(classifier, grid, sample, label, trials, trialFitness);
            for (int i = 0; i < population; i++) {
                if (trialFitness[i] <= fitness[i]) {
                    pop[i] = trials[i];
                    fitness[i] = trialFitness[i];
                }
            }
            if (winner >= 0) {
                return apply(grid, sample, trials[winner]);
            }
        }
        if (winner >= 0) {
            return apply(grid, sample, pop[winner]);
        }
        int best = 0;
        for (int i = 1; i < population; i++) {
            if (fitness[i] < fitness[best]) {
                best = i;
            }
        }
        return apply(grid, sample, pop[best]);
    }

    /** A random candidate index other than a, b and c. */
    private int other(Random random, int a, int b, int c) {
        while (true) {
            int r = random.nextInt(population);
            if (r != a && r != b && r != c) {
                return r;
            }
        }
    }

    /**
     * Scores candidates: the attacked class's probability (untargeted) or one minus the target's
     * (targeted), lower is better. Returns the index of the first successful candidate, or -1.
     */
    private int evaluate(Classifier classifier, Grid grid, float[] sample, int label, double[][] candidates, double[] fitness) {
        int size = sample.length;
        float[] batch = new float[candidates.length * size];
        for (int i = 0; i < candidates.length; i++) {
            System.arraycopy(apply(grid, sample, candidates[i]), 0, batch, i * size, size);
        }
        int k = classifier.classes();
        float[] p = classifier.probabilities(batch);
        int[] predicted = Classifier.argmax(p, k);
        int first = -1;
        for (int i = 0; i < candidates.length; i++) {
            fitness[i] = targeted ? 1 - p[i * k + label] : p[i * k + label];
            boolean success = targeted ? predicted[i] == label : predicted[i] != label;
            if (success && first < 0) {
                first = i;
            }
        }
        return first;
    }

    /** The sample with the candidate's pixels set: positions rounded down into the grid, values clipped. */
    private float[] apply(Grid grid, float[] sample, double[] candidate) {
        float[] out = sample.clone();
        for (int p = 0; p < pixels; p++) {
            int offset = 0;
            for (int a = 0; a < grid.spatial.length; a++) {
                int coordinate = (int) Math.floor(candidate[p * grid.gene + a]);
                coordinate = Math.max(0, Math.min(grid.spatial[a] - 1, coordinate));
                offset = offset * grid.spatial[a] + coordinate;
            }
            for (int ch = 0; ch < grid.channels; ch++) {
                double v = candidate[p * grid.gene + grid.spatial.length + ch];
                out[ch * grid.positions + offset] = Perturbations.clip((float) v, min, max);
            }
        }
        return out;
    }

    /**
     * A sample's layout: channels first, then the spatial axes; a flat row ({@code [F]}) is one
     * channel over F positions.
     */
    static final class Grid {
        final int channels;
        final int[] spatial;
        final int positions;
        final int gene;

        Grid(int[] shape) {
            if (shape.length == 1) {
                channels = 1;
                spatial = shape.clone();
            } else {
                channels = shape[0];
                spatial = Arrays.copyOfRange(shape, 1, shape.length);
            }
            int count = 1;
            for (int s : spatial) {
                count *= s;
            }
            positions = count;
            gene = spatial.length + channels;
        }
    }
}
