package org.gyrus.nn.linalg;

import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * How kernels split their work over threads: always under a {@link ThreadBudget}.
 *
 * <p>The budget is the one bound to the calling thread (a pipeline run binds its budget to every
 * node's thread, see {@link ThreadBudget#call}); a thread with none, in plain library use, works
 * under a default budget of as many threads as processors, or the system property
 * {@code gyrus.nn.threads}, or {@link #setThreads(int)}. Kernels size their split with
 * {@link #threads()} and run it with {@link #forParts} or {@link #forRange}: the calling thread
 * runs parts itself and borrows only the budget's free threads, so a budget of one thread runs
 * everything on the caller.
 */
public final class Parallel {

    private static final ThreadLocal<ThreadBudget> BOUND = new ThreadLocal<>();
    private static volatile ThreadBudget fallback;

    private Parallel() {
    }

    private static int initialThreads() {
        String prop = System.getProperty("gyrus.nn.threads");
        int n = Runtime.getRuntime().availableProcessors();
        if (prop != null) {
            try {
                n = Integer.parseInt(prop.trim());
            } catch (NumberFormatException e) {
                // An unreadable setting falls back to the processor count rather than failing class init.
            }
        }
        return Math.max(1, n);
    }

    /** The budget bound to this thread, or null. */
    static ThreadBudget current() {
        return BOUND.get();
    }

    /** Binds {@code budget} (null: none) to this thread and returns the one bound before. */
    static ThreadBudget bind(ThreadBudget budget) {
        ThreadBudget previous = BOUND.get();
        if (budget == null) {
            BOUND.remove();
        } else {
            BOUND.set(budget);
        }
        return previous;
    }

    /**
     * The budget kernels on this thread work under: the bound one, else the default budget.
     *
     * @return the budget in force
     */
    public static ThreadBudget budget() {
        ThreadBudget b = BOUND.get();
        return b != null ? b : defaultBudget();
    }

    private static ThreadBudget defaultBudget() {
        ThreadBudget b = fallback;
        if (b == null) {
            synchronized (Parallel.class) {
                b = fallback;
                if (b == null) {
                    b = new ThreadBudget(initialThreads());
                    fallback = b;
                }
            }
        }
        return b;
    }

    /**
     * Returns the number of threads kernels may use: the size of the budget in force.
     *
     * @return the thread budget, at least 1
     */
    public static int threads() {
        return budget().threads();
    }

    /**
     * Sets the size of the default budget, used by threads that work under no other (plain library
     * use, benchmarks); a run's budget is unaffected.
     *
     * @param n the thread budget, at least 1
     */
    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + n);
        }
        ThreadBudget old = fallback;
        fallback = new ThreadBudget(n);
        if (old != null) {
            old.close();
        }
    }

    /**
     * Runs {@code body.accept(part)} for every part in {@code [0, parts)}, the parts in parallel
     * as far as the budget in force allows, and returns when all are done, rethrowing the first
     * failure. The calling thread runs parts itself.
     *
     * @param parts number of independent parts
     * @param body  the work of one part
     */
    public static void forParts(int parts, IntConsumer body) {
        forParts(parts, Integer.MAX_VALUE, body);
    }

    /**
     * Like {@link #forParts(int, IntConsumer)}, on at most {@code maxThreads} threads at once (the
     * caller included). Parts are handed out one at a time, so many small parts of uneven cost
     * balance themselves.
     *
     * @param parts      number of independent parts
     * @param maxThreads the most threads to use, at least 1
     * @param body       the work of one part
     */
    public static void forParts(int parts, int maxThreads, IntConsumer body) {
        if (parts <= 1 || maxThreads <= 1) {
            for (int p = 0; p < parts; p++) {
                body.accept(p);
            }
            return;
        }
        budget().forParts(parts, maxThreads, body);
    }

    /**
     * Starts {@code task} on a thread of the budget in force if one is free now, to overlap with
     * the caller's own work (a producer that feeds the caller, say). Returns its completion, or
     * null when no thread is free: the caller must then do the work without it.
     *
     * @param task the work to run beside the caller
     * @return the task's completion, or null if it was not started
     */
    public static Future<?> tryStart(Runnable task) {
        return budget().tryStart(task);
    }

    /**
     * Splits {@code [0, n)} into contiguous ranges, one per thread (fewer if {@code n} is small),
     * and runs {@code body.run(from, to)} on each in parallel.
     *
     * @param n       the size of the index range
     * @param minGrain the smallest range worth a thread of its own
     * @param body    the work on one range
     */
    public static void forRange(int n, int minGrain, RangeBody body) {
        int parts = (int) Math.min(threads(), Math.max(1, n / Math.max(1, minGrain)));
        if (parts <= 1) {
            body.run(0, n);
            return;
        }
        forParts(parts, part -> {
            int from = (int) ((long) n * part / parts);
            int to = (int) ((long) n * (part + 1) / parts);
            body.run(from, to);
        });
    }

    /** The work on one contiguous index range {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {
        /**
         * Processes indices {@code from} (inclusive) to {@code to} (exclusive).
         *
         * @param from first index
         * @param to   one past the last index
         */
        void run(int from, int to);
    }
}
