package org.gyrus.nn.linalg;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * A number of threads that may compute at once, shared by everyone who works under it: the one
 * place that bounds the computing of a run.
 *
 * <p>A thread works under the budget inside {@link #call} or {@link #run}: it then holds one of the
 * budget's permits, and every kernel it calls through {@link Parallel} splits its work under this
 * budget (the binding is per thread, like ImgLib2's {@code Parallelization}). When a kernel splits
 * work into parts, the calling thread borrows helper threads only for permits that are free at that
 * moment and runs the remaining parts itself, so the number of threads computing at once never
 * exceeds {@link #threads()} however many callers share the budget, and a caller never waits for a
 * permit to continue its own work. Parts are claimed one by one, so which thread runs a part never
 * changes a result: kernels that add partial sums do so per part, in part order.
 *
 * <pre>{@code
 * try (ThreadBudget budget = new ThreadBudget(2)) {
 *     float[] c = budget.call(() -> multiply(a, b)); // Gemm inside uses at most 2 threads
 * }
 * }</pre>
 */
public final class ThreadBudget implements AutoCloseable {

    private static final AtomicInteger BUDGETS = new AtomicInteger();

    private final int threads;
    private final Semaphore permits;
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final ThreadPoolExecutor helpers;

    /**
     * A budget of {@code threads} computing threads. Helper threads are made when needed and end
     * after a minute without work, or at {@link #close()}.
     *
     * @param threads how many threads may compute at once, at least 1
     */
    public ThreadBudget(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("A thread budget needs at least 1 thread, not " + threads);
        }
        this.threads = threads;
        // Fair, and borrowed only through tryBorrow(): a node waiting for its thread goes before helpers.
        this.permits = new Semaphore(threads, true);
        String prefix = "gyrus-compute-" + BUDGETS.incrementAndGet() + "-";
        AtomicInteger count = new AtomicInteger();
        // Permits bound the helpers; the pool reuses an idle thread when there is one and never keeps more than the budget.
        this.helpers = new ThreadPoolExecutor(0, threads, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, prefix + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** How many threads may compute at once; kernels split their work into this many parts. */
    public int threads() {
        return threads;
    }

    /** The most threads that have computed under this budget at the same time so far. */
    public int peakThreads() {
        return peak.get();
    }

    /**
     * Runs {@code work} on the calling thread as one of the budget's computing threads: waits for a
     * free permit, then binds the budget to the thread so that kernels split their work under it.
     * A thread that already works under this budget just runs {@code work}.
     *
     * @return what {@code work} returns
     * @throws Exception what {@code work} throws
     * @throws InterruptedException if interrupted while waiting for a permit
     */
    public <T> T call(Callable<T> work) throws Exception {
        if (Parallel.current() == this) {
            return work.call();
        }
        permits.acquire();
        taken(1);
        ThreadBudget previous = Parallel.bind(this);
        try {
            return work.call();
        } finally {
            Parallel.bind(previous);
            released(1);
        }
    }

    /**
     * Runs {@code work} as one of the budget's computing threads, like {@link #call}.
     *
     * @throws InterruptedException if interrupted while waiting for a permit
     */
    public void run(Runnable work) throws InterruptedException {
        try {
            call(() -> {
                work.run();
                return null;
            });
        } catch (InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e); // a Runnable throws no checked exception
        }
    }

    /**
     * Runs the parts {@code [0, parts)}: on the calling thread, plus one helper per permit free now
     * (at most {@code min(parts, threads, maxThreads) - 1}); returns when all are done, rethrowing the first
     * failure. The calling thread is not counted: it already works under this budget (or, for the
     * default budget of plain library use, is the caller's own).
     */
    void forParts(int parts, int maxThreads, IntConsumer body) {
        int want = Math.min(Math.min(parts, threads), maxThreads) - 1;
        int lent = 0;
        while (lent < want && tryBorrow()) {
            lent++;
        }
        if (lent == 0) {
            for (int p = 0; p < parts; p++) {
                body.accept(p);
            }
            return;
        }
        taken(lent);
        Parts job = new Parts(parts, body);
        for (int i = 0; i < lent; i++) {
            try {
                helpers.execute(() -> {
                    ThreadBudget previous = Parallel.bind(this);
                    try {
                        job.work();
                    } finally {
                        Parallel.bind(previous);
                        released(1);
                    }
                });
            } catch (RejectedExecutionException e) {
                // No idle thread at this instant (one is just returning), or the budget is closed: the others do the parts.
                released(1);
            }
        }
        job.work();
        job.awaitAndRethrow();
    }

    /**
     * Starts {@code task} on a helper if a permit is free now, else returns null (the caller then
     * does the work itself). For work that must overlap with the caller's, such as a producer
     * feeding it, where running the two in sequence is not possible.
     */
    Future<?> tryStart(Runnable task) {
        if (!tryBorrow()) {
            return null;
        }
        taken(1);
        try {
            return helpers.submit(() -> {
                ThreadBudget previous = Parallel.bind(this);
                try {
                    task.run();
                } finally {
                    Parallel.bind(previous);
                    released(1);
                }
            });
        } catch (RejectedExecutionException e) {
            released(1);
            return null;
        }
    }

    /**
     * Takes a permit if one is free and nobody waits for one. A plain {@code tryAcquire()} may barge
     * past waiting threads, letting a kernel that splits work in a loop delay a node waiting to start.
     */
    private boolean tryBorrow() {
        try {
            return permits.tryAcquire(0, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void taken(int n) {
        int now = held.addAndGet(n);
        peak.accumulateAndGet(now, Math::max);
    }

    private void released(int n) {
        held.addAndGet(-n);
        permits.release(n);
    }

    /** Ends the helper threads once they are idle; work under the budget then runs on its callers alone. */
    @Override
    public void close() {
        helpers.shutdown();
    }

    @Override
    public String toString() {
        return "ThreadBudget[" + threads + " threads]";
    }

    /** Parts claimed one at a time by whoever is free. */
    private static final class Parts {
        private final int parts;
        private final IntConsumer body;
        private final AtomicInteger next = new AtomicInteger();
        private final CountDownLatch done;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Parts(int parts, IntConsumer body) {
            this.parts = parts;
            this.body = body;
            this.done = new CountDownLatch(parts);
        }

        void work() {
            for (int p = next.getAndIncrement(); p < parts; p = next.getAndIncrement()) {
                try {
                    if (failure.get() == null) {
                        body.accept(p);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            }
        }

        void awaitAndRethrow() {
            // Uninterruptible: returning while a helper still writes into the caller's arrays would be worse than waiting.
            boolean interrupted = false;
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            Throwable e = failure.get();
            if (e instanceof RuntimeException re) {
                throw re;
            }
            if (e instanceof Error err) {
                throw err;
            }
        }
    }
}
