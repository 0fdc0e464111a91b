package org.gyrus.pipeline;

import java.io.PrintStream;
import java.util.List;

/**
 * A command that a bundle adds to the {@code gyrus} command line, offered as an OSGi service (as
 * the I/O bundle adds {@code gyrus info}). The command line lists it in its help and hands it the
 * arguments that follow its name, so front ends never need to know which bundle provides it.
 */
public interface Subcommand {

    /** The name typed after {@code gyrus}, e.g. {@code info}. */
    String name();

    /** One line for the help listing. */
    String summary();

    /**
     * Runs the command.
     *
     * @param args the arguments after the command's name
     * @param out  where results go
     * @param err  where errors go
     * @return the exit code: 0 success, 2 bad arguments, 3 unreadable input, 4 failure
     */
    int run(List<String> args, PrintStream out, PrintStream err);
}
