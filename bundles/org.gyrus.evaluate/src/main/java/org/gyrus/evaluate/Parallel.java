package org.gyrus.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Splits independent resamples into contiguous blocks, one per thread. */
final class Parallel {

    /** Work on resamples [from, to). */
    interface Block {
        void run(int from, int to);
    }

    private Parallel() {
    }

    static void forEachBlock(int n, int threads, Block body) {
        int t = Math.max(1, Math.min(threads, n / 16));
        if (t == 1) {
            body.run(0, n);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(t);
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int i = 0; i < t; i++) {
                int from = (int) ((long) n * i / t);
                int to = (int) ((long) n * (i + 1) / t);
                parts.add(pool.submit(() -> body.run(from, to)));
            }
            for (Future<?> f : parts) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
