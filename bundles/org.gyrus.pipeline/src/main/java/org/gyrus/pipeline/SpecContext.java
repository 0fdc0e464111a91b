package org.gyrus.pipeline;

import java.util.Optional;

import org.gyrus.data.DataSpec;

/**
 * What a node sees in its spec step ({@link NodeType#configure}): the specs of its inputs as far
 * as they are known, its parameter values, where the specs of its outputs go, and where to report
 * problems. Nothing runs and no data exist yet.
 */
public interface SpecContext {

    /** The id of the node instance in its pipeline. */
    String nodeId();

    /** Whether an edge feeds input {@code port} (whether or not its spec is known). */
    boolean connected(String port);

    /**
     * The spec of the value that will arrive on input {@code port}: empty when nothing is
     * connected, or when the upstream node cannot know it before running (then check nothing about it).
     */
    <S extends DataSpec> Optional<S> input(String port, Class<S> type);

    /** The node's parameter values, checked and with defaults. */
    ParameterValues parameters();

    /** The node's parameter values bound to a new instance of its parameters class. */
    default <P> P parameters(Class<P> type) {
        return parameters().bind(type);
    }

    /**
     * Sets the spec of output {@code port}. An output left unset has an unknown spec.
     *
     * @throws IllegalArgumentException if the node declares no such port
     */
    void output(String port, DataSpec spec);

    /**
     * Reports a problem that would make the run fail, such as a column that will not exist.
     *
     * @param field   what is wrong, as validation names it: {@code parameters.NAME}, {@code inputs.PORT} or {@code inputs}
     * @param message what is wrong and how to fix it, in the researcher's terms
     */
    void problem(String field, String message);
}
