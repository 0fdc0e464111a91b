package org.gyrus.nn.optim;

/**
 * A learning rate as a function of the step (or epoch) number, counted from 0. Apply it with
 * {@code optimizer.setLr(schedule.lr(step))} before each step.
 */
@FunctionalInterface
public interface LrSchedule {

    /**
     * Returns the rate for a step.
     *
     * @param step step number, from 0
     * @return the learning rate
     */
    double lr(int step);

    /**
     * A constant rate.
     *
     * @param lr the rate
     * @return the schedule
     */
    static LrSchedule constant(double lr) {
        return step -> lr;
    }

    /**
     * Step decay, as {@code StepLR}: {@code base * gamma^(step / stepSize)}.
     *
     * @param base     initial rate
     * @param stepSize steps between decays
     * @param gamma    decay factor
     * @return the schedule
     */
    static LrSchedule step(double base, int stepSize, double gamma) {
        if (stepSize <= 0) {
            throw new IllegalArgumentException("stepSize must be > 0");
        }
        return step -> base * Math.pow(gamma, step / stepSize);
    }

    /**
     * Cosine annealing, as {@code CosineAnnealingLR}: from {@code base} at step 0 to {@code min} at
     * {@code period}, {@code min + (base - min) * (1 + cos(pi * step / period)) / 2}; constant
     * {@code min} after the period.
     *
     * @param base   initial rate
     * @param period steps to reach the minimum
     * @param min    final rate
     * @return the schedule
     */
    static LrSchedule cosine(double base, int period, double min) {
        if (period <= 0) {
            throw new IllegalArgumentException("period must be > 0");
        }
        return step -> step >= period ? min : min + (base - min) * (1 + Math.cos(Math.PI * step / period)) / 2;
    }

    /**
     * Linear warm-up: rises from {@code after.lr(0) / warmupSteps} to {@code after.lr(0)} over
     * {@code warmupSteps} steps, then follows {@code after} (shifted so its step 0 follows the
     * warm-up).
     *
     * @param warmupSteps length of the warm-up
     * @param after       the schedule that follows
     * @return the schedule
     */
    static LrSchedule warmup(int warmupSteps, LrSchedule after) {
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warmupSteps must be >= 0");
        }
        return step -> step < warmupSteps ? after.lr(0) * (step + 1) / warmupSteps : after.lr(step - warmupSteps);
    }
}
