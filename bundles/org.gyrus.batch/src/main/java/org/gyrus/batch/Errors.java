package org.gyrus.batch;

import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

import org.gyrus.pipeline.PipelineFormatException;
import org.gyrus.pipeline.PipelineValidationException;

/**
 * Turns what a command throws into its exit code and one readable paragraph; {@code --verbose}
 * adds the stack trace. Load and validation problems exit with 3, bad arguments with 2, the rest 4.
 */
final class Errors {

    private Errors() {
    }

    static int report(Throwable e, PrintWriter err, boolean verbose) {
        int code;
        String message;
        if (e instanceof CliException c) {
            code = c.exitCode;
            message = c.getMessage();
        } else if (e instanceof PipelineFormatException) {
            code = ExitCodes.LOAD_ERROR;
            message = e.getMessage().startsWith("The pipeline file ") ? e.getMessage() + "."
                    : "The pipeline cannot be loaded: " + e.getMessage() + ". The format is described in docs/pipeline-format.md.";
        } else if (e instanceof PipelineValidationException v) {
            code = ExitCodes.LOAD_ERROR;
            message = v.getMessage() + "\nNothing was run.";
        } else if (e instanceof NoSuchFileException f) {
            code = ExitCodes.LOAD_ERROR;
            message = "The file " + f.getFile() + " does not exist.";
        } else if (e instanceof AccessDeniedException f) {
            code = ExitCodes.LOAD_ERROR;
            message = "The file " + f.getFile() + " cannot be read: permission denied.";
        } else if (e instanceof OutOfMemoryError || e.getCause() instanceof OutOfMemoryError) {
            code = ExitCodes.EXECUTION_ERROR;
            message = "Java ran out of memory (" + (Runtime.getRuntime().maxMemory() >> 20) + " MB heap). Give it more with "
                    + "GYRUS_JAVA_OPTS=-Xmx16g (or more) in the environment.";
        } else {
            code = ExitCodes.EXECUTION_ERROR;
            message = "The command failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + (verbose ? "" : " (--verbose shows the details)");
        }
        err.println("gyrus: " + message);
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }
}
