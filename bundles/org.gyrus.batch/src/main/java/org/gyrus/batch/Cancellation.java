package org.gyrus.batch;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C and SIGTERM during a command: a shutdown hook that cancels what is running and then holds
 * the JVM until the command has written what finished and its provenance records (at most
 * {@link #GRACE}). The JVM then exits with 128 + the signal's number (143 for SIGTERM), which the
 * launcher passes on; {@code docs/running-pipelines.md} documents it.
 */
final class Cancellation {

    /** How long the hook waits for the command to write its results: within a scheduler's usual grace period. */
    static final Duration GRACE = Duration.ofSeconds(25);

    private final List<Runnable> actions = new CopyOnWriteArrayList<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final PrintWriter err;
    private final Thread hook;
    private volatile boolean requested;

    private Cancellation(PrintWriter err) {
        this.err = err;
        this.hook = new Thread(this::cancel, "gyrus-cancel");
    }

    /** A cancellation that only {@link #request()} triggers, for callers other than the command line (no shutdown hook). */
    static Cancellation manual(PrintWriter err) {
        return new Cancellation(err);
    }

    /** Starts listening for the end of the JVM; call {@link #finished()} when the command is done. */
    static Cancellation install(PrintWriter err) {
        Cancellation c = new Cancellation(err);
        Runtime.getRuntime().addShutdownHook(c.hook);
        return c;
    }

    /**
     * Runs {@code action} on cancellation (at once if it has been requested already).
     *
     * @return what removes the action again
     */
    Runnable onCancel(Runnable action) {
        actions.add(action);
        if (requested) {
            action.run();
        }
        return () -> actions.remove(action);
    }

    /** Whether the command has been cancelled. */
    boolean requested() {
        return requested;
    }

    /** The command has written everything it will: let the JVM go. */
    void finished() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook is running and has just been released.
        }
    }

    /** Cancels what runs now, without waiting (what the hook does first). */
    void request() {
        requested = true;
        synchronized (err) {
            err.println("gyrus: cancelling: stopping the nodes, then writing what finished and the provenance record...");
            err.flush();
        }
        for (Runnable a : actions) {
            a.run();
        }
    }

    private void cancel() {
        request();
        try {
            if (!finished.await(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                err.println("gyrus: gave up waiting for the results to be written after " + GRACE.toSeconds() + " s.");
                err.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
