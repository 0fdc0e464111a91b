package org.gyrus.pipeline;

import java.util.List;
import java.util.Map;

/**
 * A validated pipeline ready to execute: every node bound to an installed node type with checked
 * parameter values, in dependency order. Made by {@link PipelineValidator#plan}.
 *
 * @param pipeline  the pipeline as loaded
 * @param variables the value of every variable after overrides, by name
 * @param steps     the nodes in dependency order (upstream before downstream; ties in file order)
 */
record Plan(Pipeline pipeline, Map<String, Object> variables, List<Step> steps) {

    /**
     * One node of the plan.
     *
     * @param id         the node instance id
     * @param node       the registered node type that runs it
     * @param parameters the checked parameter values (variables substituted)
     * @param inputs     for each connected input port, the producing node and port
     * @param downstream ids of the nodes that consume any of its outputs
     * @param seed       the node's seed
     */
    record Step(String id, RegisteredNode node, ParameterValues parameters, Map<String, Source> inputs,
            List<String> downstream, long seed) {
    }

    /** The producing end of an edge. */
    record Source(String node, String port) {
    }

    Step step(String id) {
        for (Step s : steps) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no node '" + id + "'");
    }
}
