package org.gyrus.batch;

/** A failure the command line reports as one paragraph with a given exit code, without a stack trace. */
final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }
}
