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
 */
public record NodeOutcome(String node, RegisteredNode type, NodeState state, boolean cached, Instant started,
        Duration wallTime, Throwable error, String reason, String cacheKey, long seed, ParameterValues parameters) {

    /** The error, if it failed. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(error);
    }

    @Override
    public String toString() {
        return node + " " + state + (cached ? " (cached)" : "") + (reason.isEmpty() ? "" : ": " + reason);
    }
}
