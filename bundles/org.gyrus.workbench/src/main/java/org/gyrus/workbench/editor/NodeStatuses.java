package org.gyrus.workbench.editor;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.gyrus.pipeline.NodeState;
import org.gyrus.pipeline.ProgressEvent;

/** What the last (or current) run says about each node: the badge and progress bar the canvas draws. */
public final class NodeStatuses {

    /** One node's state in a run; {@code message} says why it failed or was skipped. */
    public record Status(NodeState state, double fraction, boolean cached, String message) {
    }

    private final Map<String, Status> statuses = new ConcurrentHashMap<>();

    /** Takes in one progress event of the executor. */
    public void update(ProgressEvent e) {
        statuses.put(e.node(), new Status(e.state(), e.fraction(), e.cached(), e.message() == null ? "" : e.message()));
    }

    /** Sets a node's status directly (the outcome of a finished run). */
    public void put(String node, Status status) {
        statuses.put(node, status);
    }

    /** The status of {@code node}, if a run has touched it. */
    public Optional<Status> of(String node) {
        return Optional.ofNullable(statuses.get(node));
    }

    /** Forgets every state (a new run starts, or the pipeline was replaced). */
    public void clear() {
        statuses.clear();
    }

    /** A copy of every status. */
    public Map<String, Status> all() {
        return Map.copyOf(statuses);
    }
}
