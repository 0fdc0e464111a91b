package org.gyrus.pipeline;

import java.io.IOException;

/** A pipeline file that cannot be read as a pipeline: bad JSON, a missing or unknown field, a newer format version. */
public final class PipelineFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** An exception with a message that says what is wrong and where. */
    public PipelineFormatException(String message) {
        super(message);
    }
}
