package org.gyrus.batch;

import java.util.List;
import java.util.concurrent.Callable;

import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.PipelineFile;
import org.gyrus.pipeline.PipelineValidationException;
import org.gyrus.pipeline.PipelineValidator;
import org.gyrus.pipeline.ValidationError;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gyrus validate}: checks a pipeline file against the installed node types without running it. */
@Command(name = "validate", description = "Check a pipeline file against the installed node types, reporting every problem.")
final class ValidateCommand implements Callable<Integer> {

    private final NodeRegistry registry;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PIPELINE", description = "The pipeline file (*.gyrus.json).")
    String pipeline;

    @Mixin
    OutputOptions output;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "Give a pipeline variable a value (repeatable).")
    List<String> sets = List.of();

    ValidateCommand(NodeRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Integer call() throws Exception {
        Pipeline p = PipelineFile.read(WorkingDirectory.resolve(pipeline));
        List<ValidationError> errors = new PipelineValidator(registry).validate(p, RunCommand.overrides(sets));
        if (!errors.isEmpty()) {
            throw new PipelineValidationException(p.name(), errors);
        }
        output.out(spec).printf("%s is valid: %d nodes, %d edges, %d variables.%n", pipeline, p.nodes().size(),
                p.edges().size(), p.variables().size());
        return ExitCodes.OK;
    }
}
