package org.gyrus.preprocess;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Runs independent per-column work on a bounded number of threads. Column loops are the natural
 * grain here: each column is long (up to millions of rows) and columns never write to each other.
 */
final class Parallel {

    private Parallel() {
    }

    /** Calls {@code body} for 0..n-1, on up to {@code threads} threads (1 = the calling thread). */
    static void forEach(int n, int threads, IntConsumer body) {
        if (threads <= 1 || n <= 1) {
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
            return;
        }
        ForkJoinPool pool = new ForkJoinPool(Math.min(threads, n));
        try {
            pool.submit(() -> IntStream.range(0, n).parallel().forEach(body)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdown();
        }
    }

    /** The default thread budget: every available core. */
    static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }
}
