package org.gyrus.pipeline;

import java.nio.file.Path;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

import org.gyrus.nn.linalg.Parallel;
import org.gyrus.nn.linalg.ThreadBudget;

/**
 * What a node sees while it executes: its inputs and parameters, where its outputs go, and the
 * services of the run (progress, cancellation, logging, randomness, threads, scratch space).
 * Nothing else is global.
 */
public interface NodeContext {

    /** The id of the node instance in its pipeline, for messages. */
    String nodeId();

    /**
     * The value on a required input port.
     *
     * @throws IllegalStateException naming the port if nothing is connected or the type differs
     */
    <T> T input(String port, Class<T> type);

    /** The value on an optional input port, empty when nothing is connected. */
    <T> Optional<T> optionalInput(String port, Class<T> type);

    /**
     * Sets the value of an output port.
     *
     * @throws IllegalArgumentException if the node declares no such port or the value has the wrong type
     */
    void output(String port, Object value);

    /** The node's parameter values. */
    ParameterValues parameters();

    /** The node's parameter values bound to a new instance of its parameters class. */
    default <P> P parameters(Class<P> type) {
        return parameters().bind(type);
    }

    /** Reports the fraction done, from 0 to 1. */
    void progress(double fraction);

    /** Whether the run has been cancelled; a node should stop soon when it has. */
    boolean isCancelled();

    /**
     * Throws if the run has been cancelled: call it in loops.
     *
     * @throws CancellationException when cancelled
     */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancellationException("Node '" + nodeId() + "' was cancelled");
        }
    }

    /** The logger of this node. */
    System.Logger logger();

    /** The node's seed: the same pipeline seed and node id always give the same seed. */
    long seed();

    /** A random source seeded with {@link #seed()}, new on each call; split it for parallel work. */
    default SplittableRandom random() {
        return new SplittableRandom(seed());
    }

    /**
     * How many threads the node may use at once (at least 1): the size of {@link #budget()}, shared
     * with the nodes that run at the same time. Split work into this many parts.
     */
    int threads();

    /**
     * The run's thread budget, bound to the node's thread while it executes: kernels split their
     * work with {@link Parallel#forParts} or {@link Parallel#forRange}, which borrow only threads of
     * this budget that are free, so all nodes of a run together never compute on more threads than
     * {@code --threads}. A node never starts threads of its own for computing.
     */
    default ThreadBudget budget() {
        return Parallel.budget();
    }

    /** A private directory for temporary files, deleted after the run. */
    Path scratchDirectory();

    /**
     * The pipeline and variable values of the run this node belongs to, for nodes that write files
     * to stamp them with (so that a file leads back to its analysis, see {@link OriginFinder});
     * empty when the node runs outside a pipeline.
     */
    default Optional<PipelineOrigin> origin() {
        return Optional.empty();
    }
}
