package org.gyrus.nn;

/**
 * A scope in which tensor operations are not recorded for autodiff; see {@link Tensor#noGrad()}.
 * Close it on the thread that opened it (try-with-resources).
 */
public final class NoGrad implements AutoCloseable {

    private final boolean previous;

    NoGrad(boolean previous) {
        this.previous = previous;
    }

    /** Restores the recording mode that was active when the scope was opened. */
    @Override
    public void close() {
        GradMode.set(previous);
    }
}
