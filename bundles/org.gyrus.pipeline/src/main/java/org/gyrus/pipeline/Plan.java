package org.gyrus.pipeline;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated pipeline ready to execute: every node bound to an installed node type with checked
 * parameter values, in dependency order. Made by {@link PipelineValidator#plan}.
 */
final class Plan {

    private final Pipeline pipeline;
    private final Map<String, Object> variables;
    private final List<Step> steps;
    private final Map<String, Step> byId;

    /**
     * @param pipeline  the pipeline as loaded
     * @param variables the value of every variable after overrides, by name
     * @param steps     the nodes in dependency order (upstream before downstream; ties in file order)
     */
    Plan(Pipeline pipeline, Map<String, Object> variables, List<Step> steps) {
        this.pipeline = pipeline;
        this.variables = variables;
        this.steps = steps;
        this.byId = new HashMap<>();
        steps.forEach(s -> byId.put(s.id(), s));
    }

    Pipeline pipeline() {
        return pipeline;
    }

    Map<String, Object> variables() {
        return variables;
    }

    List<Step> steps() {
        return steps;
    }

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
        Step s = byId.get(id);
        if (s == null) {
            throw new IllegalArgumentException("no node '" + id + "'");
        }
        return s;
    }
}
