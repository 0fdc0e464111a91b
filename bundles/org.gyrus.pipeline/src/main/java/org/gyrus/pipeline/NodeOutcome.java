package org.gyrus.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What happened to one node in a run.
 *
 * @param node       the node instance id
 * @param type       the node type that ran it (id, version, providing bundle and version)
 * @param state      its final state
 * @param cached     whether its outputs came from the cache instead of being computed
 * @param started    when it started running, or {@code null} if it never did
 * @param wallTime   how long it ran (zero if it never did)
 * @param error      what it threw, for a failed node
 * @param reason     why it failed, was skipped or cancelled, in words; empty when it finished
 * @param cacheKey   the key of its result
 * @param seed       its seed
 * @param parameters its parameter values
 * @param recomputed for a node computed although a cache was in use, why its cached result could
 *                   not be used (what changed in its key since it last ran); empty otherwise
 */
public record NodeOutcome(String node, RegisteredNode type, NodeState state, boolean cached, Instant started,
        Duration wallTime, Throwable error, String reason, String cacheKey, long seed, ParameterValues parameters,
        String recomputed) {

    /** An outcome with no recomputation reason. */
    public NodeOutcome(String node, RegisteredNode type, NodeState state, boolean cached, Instant started,
            Duration wallTime, Throwable error, String reason, String cacheKey, long seed, ParameterValues parameters) {
        this(node, type, state, cached, started, wallTime, error, reason, cacheKey, seed, parameters, "");
    }

    /** The error, if it failed. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(error);
    }

    @Override
    public String toString() {
        return node + " " + state + (cached ? " (cached)" : "") + (reason.isEmpty() ? "" : ": " + reason);
    }
}
