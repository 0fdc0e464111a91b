package org.gyrus.pipeline;

/**
 * A change in one node's state during a run, or new progress of a running node.
 *
 * @param node      the node instance id
 * @param state     its state now
 * @param fraction  for a running node, the fraction it has done (0 to 1); 1 once finished
 * @param cached    whether a finished node's outputs came from the cache
 * @param message   for a failed, skipped or cancelled node, why; otherwise empty
 * @param completed how many nodes of the run are in a final state now
 * @param total     how many nodes the run has
 */
public record ProgressEvent(String node, NodeState state, double fraction, boolean cached, String message,
        int completed, int total) {

    /** The fraction of the whole run done: completed nodes plus this node's share if it is running. */
    public double overallFraction() {
        if (total == 0) {
            return 1;
        }
        double extra = state == NodeState.RUNNING ? fraction : 0;
        return Math.min(1, (completed + extra) / total);
    }
}
