package org.gyrus.pipeline;

/** Where a node stands in a run. */
public enum NodeState {
    /** Waiting for its inputs or for a thread. */
    QUEUED,
    /** Executing (or loading its result from the cache). */
    RUNNING,
    /** Done, with outputs (computed or from the cache). */
    FINISHED,
    /** It threw; see the outcome's error. */
    FAILED,
    /** Not run because a node upstream of it failed. */
    SKIPPED,
    /** Not run, or stopped, because the run was cancelled. */
    CANCELLED;

    /** Whether the node will not change state again in this run. */
    public boolean isFinal() {
        return this != QUEUED && this != RUNNING;
    }
}
