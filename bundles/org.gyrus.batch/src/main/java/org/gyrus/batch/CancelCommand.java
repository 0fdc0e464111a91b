package org.gyrus.batch;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gyrus cancel OUTPUT_DIR}: cancels the SLURM job of a batch, then reports it as {@code gyrus status} does. */
@Command(name = "cancel", description = {"Cancel a batch submitted with --executor slurm (scancel): pending subjects do not start,",
        "running ones stop and write what finished. Then writes summary.tsv as 'gyrus status' does."})
final class CancelCommand implements Callable<Integer> {

    /** How long to wait for the tasks to stop: they write what finished first. */
    private static final long WAIT_SECONDS = 60;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OUTPUT_DIR", description = "The batch's output folder (its --out).")
    String dir;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        Path outDir = WorkingDirectory.resolve(dir);
        PrintWriter out = spec.commandLine().getOut();
        SlurmTasks tasks = StatusCommand.tasks(outDir);
        try {
            Map<String, Map<String, Slurm.TaskState>> states = tasks.states();
            for (String job : tasks.jobs()) {
                if (states.getOrDefault(job, Map.of()).values().stream().anyMatch(s -> !s.isFinal())) {
                    Slurm.cancel(job);
                    if (!output.quiet) {
                        out.println("Cancelled SLURM job " + job + ".");
                        out.flush();
                    }
                }
            }
            long giveUp = System.nanoTime() + WAIT_SECONDS * 1_000_000_000L;
            while (SlurmTasks.active(tasks.states()) && System.nanoTime() < giveUp) {
                Thread.sleep(500);
            }
        } catch (IOException e) {
            throw new CliException(ExitCodes.EXECUTION_ERROR, "The batch in " + WorkingDirectory.show(outDir) + " could not be cancelled: "
                    + e.getMessage(), e);
        }
        int code = StatusCommand.report(outDir, out, spec.commandLine().getErr(), output);
        return code == ExitCodes.CANCELLED ? ExitCodes.OK : code;
    }
}
