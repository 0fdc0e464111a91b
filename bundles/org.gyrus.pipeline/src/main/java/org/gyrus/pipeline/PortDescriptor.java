package org.gyrus.pipeline;

import java.util.Objects;

/**
 * An input or output port of a node type.
 *
 * @param name        the port's name, unique among the node's inputs (or outputs)
 * @param type        the type of value it carries; an output connects to an input when the input's
 *                    type is the output's type or a supertype of it
 * @param required    for an input, whether the node cannot run without it (always true for outputs)
 * @param description help text
 */
public record PortDescriptor(String name, Class<?> type, boolean required, String description) {

    /** Checks the fields. */
    public PortDescriptor {
        NodeDescriptor.checkIdentifier(name, "port name");
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
    }

    /** Whether a value produced by {@code output} may flow into this port. */
    public boolean accepts(PortDescriptor output) {
        return type.isAssignableFrom(output.type);
    }
}
