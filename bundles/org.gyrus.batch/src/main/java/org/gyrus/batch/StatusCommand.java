package org.gyrus.batch;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.gyrus.pipeline.OutputFolder;
import org.gyrus.pipeline.OutputFolderException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gyrus status OUTPUT_DIR}: how a SLURM batch stands; once it has ended, its summary. */
@Command(name = "status", description = {"Report a batch submitted with --executor slurm: subjects pending, running, done, failed.",
        "Once every task has ended, writes summary.tsv and exits as the batch would have (0 all done, 4 a subject failed...)."})
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OUTPUT_DIR", description = "The batch's output folder (its --out).")
    String dir;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        return report(WorkingDirectory.resolve(dir), spec.commandLine().getOut(), spec.commandLine().getErr(), output);
    }

    /** Prints the state of the batch in {@code outDir}; writes its summary once it has ended. Returns the exit code. */
    static int report(Path outDir, PrintWriter out, PrintWriter err, OutputOptions output) {
        SlurmTasks tasks = tasks(outDir);
        List<SubjectBatch.Row> rows;
        try {
            rows = tasks.rows(tasks.subjects());
        } catch (IOException e) {
            throw new CliException(ExitCodes.EXECUTION_ERROR, "The scheduler cannot be asked about the batch in "
                    + WorkingDirectory.show(outDir) + ": " + e.getMessage(), e);
        }
        boolean running = rows.stream().anyMatch(SlurmExecutor::isActive);
        if (!output.quiet) {
            out.printf("SLURM job %s, %d subjects: %s%s%n", String.join(", ", tasks.jobs()), rows.size(), SlurmExecutor.counts(rows),
                    running ? "" : " (ended)");
            for (SubjectBatch.Row r : rows) {
                boolean interesting = !r.status().equals("done") && !r.status().equals("cached") && !r.status().equals("pending");
                if (output.verbose || interesting) {
                    out.printf("  %s %s%s%s%n", r.subject(), r.status(), r.task() == null ? "" : " (task " + r.task().job() + "_"
                            + r.task().task() + (r.task().node().isEmpty() ? "" : " on " + r.task().node()) + ")",
                            r.message().isEmpty() ? "" : ": " + r.message());
                }
            }
            out.flush();
        }
        if (running) {
            return ExitCodes.OK;
        }
        // Nothing runs any more, so the folder may be opened (which clears temporaries) and the summary written.
        try {
            OutputFolder folder = OutputFolder.open(outDir, "The batch's output folder");
            return new SubjectBatch(out, err, output).finish(rows, folder.own(SubjectBatch.SUMMARY));
        } catch (OutputFolderException e) {
            throw new CliException(ExitCodes.BAD_ARGUMENTS, e.getMessage(), e);
        }
    }

    /** The task list of the batch in {@code outDir}, or a clear error if it holds none. */
    static SlurmTasks tasks(Path outDir) {
        try {
            return SlurmTasks.read(outDir).orElseThrow(() -> new CliException(ExitCodes.BAD_ARGUMENTS, WorkingDirectory.show(outDir)
                    + " holds no batch submitted with --executor slurm (no " + SlurmTasks.FOLDER + "/" + SlurmTasks.FILE + ")."));
        } catch (IOException e) {
            throw new CliException(ExitCodes.BAD_ARGUMENTS, "The batch in " + WorkingDirectory.show(outDir) + " cannot be read: "
                    + e.getMessage(), e);
        }
    }
}
