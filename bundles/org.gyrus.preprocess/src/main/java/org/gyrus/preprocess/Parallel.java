package org.gyrus.preprocess;

import java.util.function.IntConsumer;

/**
 * Runs independent per-column work under the run's thread budget. Column loops are the natural
 * grain here: each column is long (up to millions of rows) and columns never write to each other.
 */
final class Parallel {

    private Parallel() {
    }

    /**
     * Calls {@code body} for 0..n-1 on up to {@code threads} threads at once (1 = the calling
     * thread), borrowing only threads of the budget in force that are free
     * ({@link org.gyrus.nn.linalg.Parallel}).
     */
    static void forEach(int n, int threads, IntConsumer body) {
        org.gyrus.nn.linalg.Parallel.forParts(n, threads, body);
    }

    /** The default number of threads: the size of the budget in force. */
    static int defaultThreads() {
        return org.gyrus.nn.linalg.Parallel.threads();
    }
}
