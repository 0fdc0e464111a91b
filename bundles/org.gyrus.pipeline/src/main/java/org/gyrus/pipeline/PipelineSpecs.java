package org.gyrus.pipeline;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gyrus.data.DataSpec;

/**
 * The outcome of validating a pipeline with its spec step ({@link PipelineValidator#specs}): the
 * problems, and for every node the specs of its outputs that are known before running — so that
 * a front end can show which columns will arrive at a node.
 */
public final class PipelineSpecs {

    private final List<ValidationError> errors;
    private final Map<String, Map<String, DataSpec>> outputs;
    private final Map<String, Map<String, Plan.Source>> inputs;

    PipelineSpecs(List<ValidationError> errors, Map<String, Map<String, DataSpec>> outputs,
            Map<String, Map<String, Plan.Source>> inputs) {
        this.errors = List.copyOf(errors);
        this.outputs = outputs;
        this.inputs = inputs;
    }

    /** Every problem found, empty when the pipeline can run. */
    public List<ValidationError> errors() {
        return errors;
    }

    /** The spec of output {@code port} of node {@code node}, when known before running. */
    public Optional<DataSpec> output(String node, String port) {
        return Optional.ofNullable(outputs.getOrDefault(node, Map.of()).get(port));
    }

    /** The spec of the value arriving on input {@code port} of node {@code node}, when known before running. */
    public Optional<DataSpec> input(String node, String port) {
        Plan.Source s = inputs.getOrDefault(node, Map.of()).get(port);
        return s == null ? Optional.empty() : output(s.node(), s.port());
    }
}
