package org.gyrus.plugins.internal;

import java.io.PrintStream;

import org.gyrus.plugins.PluginException;

/**
 * The exit codes of the plug-in commands, beyond {@code gyrus}'s own (0 success, 2 bad arguments):
 * 3 the repository cannot be read or does not offer the feature, 4 the change cannot be made
 * (dependencies, download, checksums), 5 refused by the trust check.
 */
final class ExitCode {

    static final int OK = 0;
    static final int BAD_ARGUMENTS = 2;
    static final int BAD_SOURCE = 3;
    static final int NOT_POSSIBLE = 4;
    static final int UNTRUSTED = 5;

    private ExitCode() {
    }

    /** Prints the problem and says the installation is unchanged; returns its exit code. */
    static int report(String command, PluginException e, PrintStream err) {
        err.println("gyrus " + command + ": " + e.getMessage());
        err.println("The installation was not changed.");
        return switch (e.kind()) {
            case BAD_SOURCE, UNKNOWN_FEATURE -> BAD_SOURCE;
            case UNSATISFIED, FAILED -> NOT_POSSIBLE;
            case UNTRUSTED -> UNTRUSTED;
        };
    }
}
