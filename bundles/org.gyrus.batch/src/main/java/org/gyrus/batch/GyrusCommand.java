package org.gyrus.batch;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.gyrus.pipeline.ExamplePipeline;
import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.pipeline.Subcommand;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top of the {@code gyrus} command line: its subcommands and exit codes. */
@Command(name = "gyrus", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, version = "Gyrus 0.1.0",
        description = "Machine learning on neuroimaging and clinical data.",
        subcommands = {RunCommand.class, ValidateCommand.class, NodesCommand.class, DescribeCommand.class, DemoCommand.class,
                StatusCommand.class, CancelCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "2:bad arguments (or an unusable output folder)", "3:pipeline load or validation error",
                "4:execution error", "130:cancelled by Ctrl-C (143: by SIGTERM, 129: by SIGHUP)"})
final class GyrusCommand implements Runnable {

    /** Exit code for bad arguments. */
    static final int BAD_ARGUMENTS = ExitCodes.BAD_ARGUMENTS;

    /** The version of this bundle, for provenance records ("unknown" outside OSGi). */
    static String version() {
        org.osgi.framework.Bundle b = org.osgi.framework.FrameworkUtil.getBundle(GyrusCommand.class);
        return b == null ? "unknown" : b.getVersion().toString();
    }

    final NodeRegistry registry;

    private GyrusCommand(NodeRegistry registry) {
        this.registry = registry;
    }

    /** Runs the command line {@code args} with no example pipelines contributed (so no demo). */
    static int execute(NodeRegistry registry, List<Subcommand> contributed, String[] args, PrintStream out, PrintStream err) {
        return execute(registry, contributed, List.of(), args, out, err);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "Missing command");
    }

    /**
     * Runs the command line {@code args}; contributed subcommands take precedence over nothing but
     * built-in ones; {@code examples} are the example pipelines bundles contribute (the demo among them).
     * Whatever goes wrong ends in a readable message and an exit code other than 0.
     */
    static int execute(NodeRegistry registry, List<Subcommand> contributed, List<ExamplePipeline> examples, String[] args,
            PrintStream out, PrintStream err) {
        boolean verbose = Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v");
        try {
            return dispatch(registry, contributed, examples, args, out, err, verbose);
        } catch (Throwable e) {
            // An Error (out of memory) or a bug: never a bare stack trace, never exit code 0.
            PrintWriter w = new PrintWriter(err, true);
            return Errors.report(e, w, verbose);
        }
    }

    private static int dispatch(NodeRegistry registry, List<Subcommand> contributed, List<ExamplePipeline> examples, String[] args,
            PrintStream out, PrintStream err, boolean verbose) {
        CommandLine cli = new CommandLine(new GyrusCommand(registry), new RegistryFactory(registry, examples));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> Errors.report(e, cmd.getErr(), verbose));
        cli.setParameterExceptionHandler((e, a) -> {
            PrintWriter w = e.getCommandLine().getErr();
            w.println("gyrus: " + e.getMessage() + ". See 'gyrus " + (e.getCommandLine() == cli ? "" : e.getCommandLine().getCommandName() + " ")
                    + "--help'.");
            w.flush();
            return BAD_ARGUMENTS;
        });
        if (args.length > 0 && !cli.getSubcommands().containsKey(args[0])) {
            Optional<Subcommand> extra = contributed.stream().filter(s -> s.name().equals(args[0])).findFirst();
            if (extra.isPresent()) {
                return contributed(extra.get(), Arrays.asList(args).subList(1, args.length), out, err, verbose);
            }
        }
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            cli.usage(out);
            for (Subcommand s : contributed) {
                out.printf("  %-10s %s%n", s.name(), s.summary());
            }
            return args.length == 0 ? BAD_ARGUMENTS : 0;
        }
        return cli.execute(args);
    }

    /**
     * Runs a contributed subcommand: {@code --quiet} and {@code --verbose} work with it as with
     * every command (quiet keeps only errors; verbose adds stack traces), so it never sees them.
     */
    private static int contributed(Subcommand command, List<String> args, PrintStream out, PrintStream err, boolean verbose) {
        List<String> own = args.stream().filter(a -> !OutputOptions.NAMES.contains(a)).toList();
        boolean quiet = args.contains("--quiet") || args.contains("-q");
        PrintStream target = quiet ? new PrintStream(java.io.OutputStream.nullOutputStream()) : out;
        try {
            return command.run(own, target, err);
        } catch (RuntimeException e) {
            return Errors.report(e, new PrintWriter(err, true), verbose);
        } finally {
            target.flush();
        }
    }

    /** Gives subcommands the registry (and the example pipelines) through their constructor. */
    private record RegistryFactory(NodeRegistry registry, List<ExamplePipeline> examples) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return cls.getDeclaredConstructor(NodeRegistry.class, List.class).newInstance(registry, examples);
            } catch (NoSuchMethodException e) {
                // not a command that takes the examples
            }
            try {
                return cls.getDeclaredConstructor(NodeRegistry.class).newInstance(registry);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }
}
