package org.gyrus.batch;

/** The exit codes of {@code gyrus}, documented in README and {@code gyrus --help}. */
final class ExitCodes {

    /** Everything worked. */
    static final int OK = 0;
    /** The command line was wrong: unknown option, missing argument, unreadable subjects table. */
    static final int BAD_ARGUMENTS = 2;
    /** The pipeline could not be loaded or did not validate; nothing ran. */
    static final int LOAD_ERROR = 3;
    /** A node failed, or outputs could not be written. */
    static final int EXECUTION_ERROR = 4;
    /**
     * The run was cancelled. By a signal, the JVM itself exits with 128 + its number (130 Ctrl-C,
     * 143 SIGTERM, 129 SIGHUP) once the results are written; this is the code for Ctrl-C.
     */
    static final int CANCELLED = 130;

    private ExitCodes() {
    }
}
