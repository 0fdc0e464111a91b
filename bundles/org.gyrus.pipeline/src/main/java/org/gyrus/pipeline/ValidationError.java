package org.gyrus.pipeline;

/**
 * One problem found in a pipeline before it runs.
 *
 * @param node    the id of the node it concerns, or {@code null} for the pipeline as a whole
 * @param field   what in the node or pipeline is wrong: {@code type}, {@code version},
 *                {@code inputs.PORT}, {@code parameters.NAME}, {@code variables.NAME}, {@code edges[i]}, {@code edges}
 * @param message what is wrong and, where possible, how to fix it
 */
public record ValidationError(String node, String field, String message) {

    @Override
    public String toString() {
        return (node == null ? "Pipeline" : "Node '" + node + "'") + ", " + field + ": " + message;
    }
}
