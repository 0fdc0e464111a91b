package org.gyrus.pipeline;

/**
 * Hears a run's progress. Events come from the engine's threads, one at a time (never
 * concurrently), so a listener needs no locking of its own but must return quickly.
 */
@FunctionalInterface
public interface ProgressListener {

    /** A node changed state or reported progress. */
    void onEvent(ProgressEvent event);
}
