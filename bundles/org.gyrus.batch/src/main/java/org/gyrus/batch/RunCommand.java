package org.gyrus.batch;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.gyrus.pipeline.NodeOutcome;
import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.pipeline.OutputFolder;
import org.gyrus.pipeline.OutputFolderException;
import org.gyrus.pipeline.NodeState;
import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.PipelineFile;
import org.gyrus.pipeline.ResultCache;
import org.gyrus.pipeline.RunResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gyrus run}: runs a pipeline file once, or once per row of a subjects table. */
@Command(name = "run", description = {"Run a pipeline file.",
        "End results, the resolved pipeline and a provenance record (W3C PROV-JSON) go to the output folder."})
final class RunCommand implements Callable<Integer> {

    private final NodeRegistry registry;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PIPELINE", description = "The pipeline file (*.gyrus.json).")
    String pipeline;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "Give a pipeline variable a value (repeatable).")
    List<String> sets = List.of();

    @Option(names = "--out", paramLabel = "DIR", description = "The output folder (default: gyrus-out/NAME, NAME from the file name).")
    String out;

    @Option(names = "--threads", paramLabel = "N", description = "Nodes (or subjects) running at once (default: the number of cores, ${DEFAULT-VALUE}).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--each", paramLabel = "SUBJECTS.tsv", description = {"Run once per row of this table; its columns set the "
            + "variables of the same name. One output folder per subject (the 'subject', 'participant_id' or first column), "
            + "and summary.tsv."})
    String each;

    @Option(names = "--explain", description = "Say for each node that was computed instead of taken from the cache why: "
            + "which parameter, input file, node or bundle version or upstream result changed since it last ran.")
    boolean explain;

    @Mixin
    CacheOptions cache;

    @Mixin
    SlurmOptions slurm;

    /** Set by a SLURM array task of a batch: run only this subject of the --each table, into its folder. */
    @Option(names = "--batch-task", hidden = true, paramLabel = "SUBJECT")
    String batchTask;

    @Mixin
    OutputOptions output;

    RunCommand(NodeRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Integer call() throws Exception {
        if (threads < 1) {
            throw new CliException(ExitCodes.BAD_ARGUMENTS, "--threads must be at least 1, not " + threads + ".");
        }
        Map<String, String> overrides = overrides(sets);
        Path file = WorkingDirectory.resolve(pipeline);
        Pipeline p = PipelineFile.read(file);
        Path outDir = out != null ? WorkingDirectory.resolve(out) : WorkingDirectory.resolve("gyrus-out").resolve(baseName(file));
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        slurm.check(each != null);
        if (batchTask != null) {
            return task(p, file, overrides, outDir, stdout, stderr);
        }
        if (slurm.slurm()) {
            // Before the folder is opened: opening it removes temporary files, which a running task may be writing.
            SlurmExecutor.checkNothingRuns(outDir);
        }
        // Everything that can be checked before the run is: a run of hours must not fail at its end.
        OutputFolder folder = openOutputFolder(outDir, out != null ? "The output folder (--out)" : "The output folder");
        ResultCache results = cache.open();
        Cancellation cancellation = Cancellation.install(stderr);
        try {
            if (each != null) {
                SubjectTable table = SubjectTable.read(WorkingDirectory.resolve(each), p);
                List<String> reserved = slurm.slurm() ? List.of(SlurmTasks.FOLDER) : List.of();
                List<BatchExecutor.Subject> subjects = SubjectBatch.subjects(overrides, table, folder, reserved);
                BatchExecutor executor;
                if (slurm.slurm()) {
                    List<String> task = new java.util.ArrayList<>(List.of("run", file.toString(), "--each", table.file().toString(),
                            "--out", outDir.toString(), "--threads", Integer.toString(slurm.cpus())));
                    task.addAll(cache.arguments());
                    sets.forEach(x -> task.addAll(List.of("--set", x)));
                    if (output.verbose) {
                        task.add("--verbose");
                    }
                    executor = new SlurmExecutor(slurm, task, outDir, baseName(file), stdout, output, cancellation);
                } else {
                    executor = new LocalExecutor(new SubjectRun(registry, results, cancellation), p, file, threads, stdout, output);
                }
                int code = new SubjectBatch(stdout, stderr, output).run(executor, p, table, subjects, folder);
                if (explain) {
                    stdout.println("Why nodes were recomputed: see gyrus:recomputedBecause in each subject's provenance.json.");
                    stdout.flush();
                }
                return code;
            }
            try {
                PipelineRunner.checkOwnFiles(folder);
            } catch (OutputFolderException e) {
                throw new CliException(ExitCodes.BAD_ARGUMENTS, e.getMessage() + " Nothing was run.", e);
            }
            PipelineRunner.Outcome o;
            try {
                o = new PipelineRunner(registry, results, threads).run(p, file, overrides, folder,
                        new ProgressDisplay(stdout, ProgressDisplay.modeFor(output), output.verbose), cancellation);
            } catch (IOException e) {
                throw new CliException(ExitCodes.EXECUTION_ERROR, "The run finished but its results could not be written: "
                        + e.getMessage(), e);
            }
            PipelineRunner.report(o, outDir, stdout, stderr, output.quiet, output.verbose);
            if (explain) {
                explain(o.result(), stdout);
            }
            return o.result().succeeded() ? ExitCodes.OK : o.result().cancelled() ? ExitCodes.CANCELLED : ExitCodes.EXECUTION_ERROR;
        } finally {
            cancellation.finished();
        }
    }

    /**
     * One subject of a batch, run by its SLURM array task: into its folder of the batch's output
     * folder (which the submitting command has claimed; it is not opened here, since other tasks
     * write into it at the same time), ending in the subject's record.
     */
    private int task(Pipeline p, Path file, Map<String, String> common, Path outDir, PrintWriter stdout, PrintWriter stderr)
            throws InterruptedException {
        SubjectTable table = SubjectTable.read(WorkingDirectory.resolve(each), p);
        Map<String, String> row = table.rows().get(batchTask);
        if (row == null) {
            throw new CliException(ExitCodes.BAD_ARGUMENTS, "The subject '" + batchTask + "' is no longer in "
                    + WorkingDirectory.show(table.file()) + ": the table changed after the batch was submitted.");
        }
        Map<String, String> overrides = new LinkedHashMap<>(common);
        overrides.putAll(row);
        int index = new java.util.ArrayList<>(table.rows().keySet()).indexOf(batchTask);
        String job = System.getenv().getOrDefault("SLURM_ARRAY_JOB_ID", System.getenv().getOrDefault("SLURM_JOB_ID", ""));
        String taskId = System.getenv().getOrDefault("SLURM_ARRAY_TASK_ID", "");
        SubjectBatch.Task task = new SubjectBatch.Task(job, taskId, System.getenv().getOrDefault("SLURMD_NODENAME", ""),
                SlurmTasks.FOLDER + "/logs/" + job + "_" + taskId + ".log");
        Cancellation cancellation = Cancellation.install(stderr);
        try {
            SubjectBatch.Row r = new SubjectRun(registry, cache.open(), cancellation,
                    new ProgressDisplay(stdout, ProgressDisplay.modeFor(output), output.verbose)).run(p, file,
                    new BatchExecutor.Subject(index, batchTask, outDir.resolve(SubjectTable.folder(batchTask)), overrides), threads, task);
            if (!output.quiet) {
                stdout.printf("%s %s in %s%s%n", r.subject(), r.status(), ProgressDisplay.seconds((long) (r.seconds() * 1e9)),
                        r.message().isEmpty() ? "" : ": " + r.message());
                stdout.flush();
            }
            if (!r.message().isEmpty() && !r.status().equals("done") && !r.status().equals("cached")) {
                stderr.println("gyrus: subject " + r.subject() + " " + r.status() + ": " + r.message());
                stderr.flush();
            }
            return switch (r.status()) {
                case "done", "cached" -> ExitCodes.OK;
                case "invalid" -> ExitCodes.LOAD_ERROR;
                case "cancelled" -> ExitCodes.CANCELLED;
                default -> ExitCodes.EXECUTION_ERROR;
            };
        } finally {
            cancellation.finished();
        }
    }

    /** The output folder, checked before anything runs: a folder, writable, not full. */
    static OutputFolder openOutputFolder(Path dir, String what) {
        try {
            return OutputFolder.open(dir, what);
        } catch (OutputFolderException e) {
            throw new CliException(ExitCodes.BAD_ARGUMENTS, e.getMessage() + " Nothing was run.", e);
        }
    }

    /** One line per node computed instead of taken from the cache, saying why. */
    static void explain(RunResult r, PrintWriter out) {
        List<NodeOutcome> recomputed = r.nodes().stream().filter(n -> n.state() == NodeState.FINISHED && !n.cached()).toList();
        out.println(recomputed.isEmpty() ? "Nothing was recomputed: every node came from the cache."
                : "Why nodes were recomputed:");
        for (NodeOutcome n : recomputed) {
            out.println("  " + n.node() + ": " + (n.recomputed().isEmpty() ? "no cache in use" : n.recomputed()));
        }
        out.flush();
    }

    /** Parses {@code NAME=VALUE} pairs. */
    static Map<String, String> overrides(List<String> sets) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String s : sets) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new CliException(ExitCodes.BAD_ARGUMENTS, "--set '" + s + "' needs the form NAME=VALUE, e.g. --set subject=sub-01.");
            }
            m.put(s.substring(0, eq).trim(), s.substring(eq + 1));
        }
        return m;
    }

    /** {@code analysis} for {@code analysis.gyrus.json}. */
    static String baseName(Path file) {
        String n = file.getFileName().toString();
        for (String suffix : new String[] {".gyrus.json", ".json"}) {
            if (n.endsWith(suffix)) {
                return n.substring(0, n.length() - suffix.length());
            }
        }
        return n;
    }
}
