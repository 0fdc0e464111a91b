package org.gyrus.pipeline;

import java.util.List;
import java.util.stream.Collectors;

/** A pipeline that cannot run: it carries every problem found, not just the first. */
public final class PipelineValidationException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<ValidationError> errors;

    /** An exception listing {@code errors} (at least one). */
    public PipelineValidationException(String pipeline, List<ValidationError> errors) {
        super("The pipeline" + (pipeline == null || pipeline.isEmpty() ? "" : " '" + pipeline + "'") + " has "
                + errors.size() + (errors.size() == 1 ? " problem" : " problems") + ":\n"
                + errors.stream().map(e -> "  - " + e).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    /** The problems, in pipeline order. */
    public List<ValidationError> errors() {
        return errors;
    }
}
