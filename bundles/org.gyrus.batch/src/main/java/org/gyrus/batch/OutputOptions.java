package org.gyrus.batch;

import picocli.CommandLine.Option;

/** {@code --quiet} and {@code --verbose}, shared by the commands that run pipelines. */
final class OutputOptions {

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Print more: every node start and progress, and stack traces of errors.")
    boolean verbose;
}
