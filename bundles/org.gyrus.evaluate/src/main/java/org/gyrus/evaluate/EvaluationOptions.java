package org.gyrus.evaluate;

/**
 * The settings shared by every evaluation: confidence level, interval methods, bootstrap size,
 * seed and stratification, threads.
 *
 * @param level        confidence level, e.g. 0.95
 * @param proportions  the interval of proportions
 * @param bootstrap    the bootstrap interval of the other metrics (and of AUC when asked)
 * @param resamples    bootstrap resamples
 * @param seed         bootstrap seed
 * @param stratified   resample positive and negative units separately
 * @param threads      threads for the bootstrap
 */
public record EvaluationOptions(double level, IntervalMethod proportions, BootstrapMethod bootstrap, int resamples, long seed,
        boolean stratified, int threads) {

    /** Checks the values. */
    public EvaluationOptions {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("The confidence level must lie strictly between 0 and 1, not " + level);
        }
        if (resamples < 100) {
            throw new IllegalArgumentException("Use at least 100 bootstrap resamples (2000 is usual), not " + resamples);
        }
        threads = Math.max(1, threads);
    }

    /** 95 %, Wilson, BCa, 2000 stratified resamples, seed 0, one thread. */
    public static EvaluationOptions defaults() {
        return new EvaluationOptions(0.95, IntervalMethod.WILSON, BootstrapMethod.BCA, 2000, 0, true, 1);
    }

    /** These options with another seed. */
    public EvaluationOptions withSeed(long newSeed) {
        return new EvaluationOptions(level, proportions, bootstrap, resamples, newSeed, stratified, threads);
    }
}
