package org.gyrus.nn;

/**
 * Per-thread scratch arrays that kernels reuse from call to call instead of allocating (the column
 * matrices of the convolutions, their padded copies and result blocks; slot 8: a Linear's
 * transposed product, see {@code MatMul.linear}). Each thread holds at most one array per slot, grown to the largest
 * size it has been asked for; kernels bound their requests (by cutting work into chunks), so the
 * total stays a few megabytes per thread.
 */
final class Workspace {

    private static final ThreadLocal<float[][]> SLOTS = ThreadLocal.withInitial(() -> new float[9][]);

    private Workspace() {
    }

    /**
     * Returns this thread's array for a slot, at least {@code size} long; its contents are
     * whatever the previous user left.
     */
    static float[] get(int slot, int size) {
        float[][] s = SLOTS.get();
        float[] a = s[slot];
        if (a == null || a.length < size) {
            a = new float[size];
            s[slot] = a;
        }
        return a;
    }
}
