package org.gyrus.evaluate;

/**
 * Splits independent resamples into contiguous blocks, one per thread, run under the thread budget
 * in force ({@link org.gyrus.nn.linalg.Parallel}: a run's {@code --threads}).
 */
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
        org.gyrus.nn.linalg.Parallel.forParts(t, part -> body.run((int) ((long) n * part / t), (int) ((long) n * (part + 1) / t)));
    }
}
