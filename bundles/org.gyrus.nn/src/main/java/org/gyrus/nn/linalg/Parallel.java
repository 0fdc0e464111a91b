package org.gyrus.nn.linalg;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.function.IntConsumer;

/**
 * The engine's thread budget: a small pool of daemon workers shared by every multithreaded kernel.
 *
 * <p>The number of threads defaults to the number of available processors and can be set with the
 * system property {@code gyrus.nn.threads} or {@link #setThreads(int)}. Work is split into as many
 * parts as there are threads; the calling thread runs the first part itself, so a budget of one
 * thread never touches the pool.
 */
public final class Parallel {

    private static volatile int threads = initialThreads();
    private static volatile ForkJoinPool pool;

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

    /**
     * Returns the number of threads kernels may use.
     *
     * @return the thread budget, at least 1
     */
    public static int threads() {
        return threads;
    }

    /**
     * Sets the number of threads kernels may use.
     *
     * @param n the thread budget, at least 1
     */
    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + n);
        }
        threads = n;
        ForkJoinPool old = pool;
        pool = null;
        if (old != null) {
            old.shutdown();
        }
    }

    private static ForkJoinPool pool() {
        ForkJoinPool p = pool;
        if (p == null) {
            synchronized (Parallel.class) {
                p = pool;
                if (p == null) {
                    p = new ForkJoinPool(Math.max(1, threads - 1), fj -> {
                        ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(fj);
                        t.setDaemon(true);
                        t.setName("gyrus-nn-" + t.getPoolIndex());
                        return t;
                    }, null, false);
                    pool = p;
                }
            }
        }
        return p;
    }

    /**
     * Runs {@code body.accept(part)} for every part in {@code [0, parts)}, the parts in parallel,
     * and returns when all are done. Part 0 runs on the calling thread.
     *
     * @param parts number of independent parts
     * @param body  the work of one part
     */
    public static void forParts(int parts, IntConsumer body) {
        if (parts <= 1 || threads <= 1) {
            for (int p = 0; p < parts; p++) {
                body.accept(p);
            }
            return;
        }
        ForkJoinPool p = pool();
        @SuppressWarnings("unchecked")
        ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[parts - 1];
        for (int i = 1; i < parts; i++) {
            final int part = i;
            tasks[i - 1] = p.submit(() -> body.accept(part));
        }
        Throwable failure = null;
        try {
            body.accept(0);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (ForkJoinTask<?> t : tasks) {
            try {
                t.join();
            } catch (RuntimeException | Error e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error err) {
            throw err;
        }
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
        int parts = (int) Math.min(threads, Math.max(1, n / Math.max(1, minGrain)));
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
