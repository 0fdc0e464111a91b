package org.gyrus.batch;

import java.util.List;

import picocli.CommandLine.Option;

/** {@code --quiet} and {@code --verbose}, which every command accepts. */
final class OutputOptions {

    /** The options' names, short and long. */
    static final List<String> NAMES = List.of("-q", "--quiet", "-v", "--verbose");

    /** Where a command's results go: nowhere with {@code --quiet}. */
    java.io.PrintWriter out(picocli.CommandLine.Model.CommandSpec spec) {
        return quiet ? new java.io.PrintWriter(java.io.Writer.nullWriter()) : spec.commandLine().getOut();
    }

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Print more: every node start and progress, and stack traces of errors.")
    boolean verbose;
}
