package org.gyrus.batch;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.gyrus.pipeline.BundleOrigins;
import org.gyrus.pipeline.Execution;
import org.gyrus.pipeline.Executor;
import org.gyrus.pipeline.NodeOutcome;
import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.pipeline.NodeState;
import org.gyrus.pipeline.OutputFolder;
import org.gyrus.pipeline.OutputFolderException;
import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.PipelineFile;
import org.gyrus.pipeline.PipelineValidationException;
import org.gyrus.pipeline.ProgressListener;
import org.gyrus.pipeline.Provenance;
import org.gyrus.pipeline.ResultCache;
import org.gyrus.pipeline.RunOutputs;
import org.gyrus.pipeline.RunResult;

/**
 * Runs one pipeline into one output folder: validates, executes, then writes the end results,
 * the resolved pipeline ({@code pipeline.gyrus.json}) and the provenance record
 * ({@code provenance.json}). Ctrl-C or SIGTERM ({@link Cancellation}) cancels the run; what
 * finished and the record (status cancelled) are still written.
 */
final class PipelineRunner {

    /** Gyrus's own files in every run's output folder. */
    static final String PIPELINE = "pipeline.gyrus.json";
    static final String PROVENANCE = "provenance.json";

    private final NodeRegistry registry;
    private final ResultCache cache;
    private final int threads;

    PipelineRunner(NodeRegistry registry, ResultCache cache, int threads) {
        this.registry = registry;
        this.cache = cache;
        this.threads = threads;
    }

    /** What a run left behind. */
    record Outcome(RunResult result, Map<String, Path> outputs, Path provenance) {
    }

    /**
     * Checks before a run that its own files can be written into {@code folder}: a file of the
     * same name that Gyrus did not write (the user's pipeline, say) is never replaced.
     *
     * @throws OutputFolderException saying which file is in the way
     */
    static void checkOwnFiles(OutputFolder folder) throws OutputFolderException {
        folder.checkOwn(PIPELINE);
        folder.checkOwn(PROVENANCE);
    }

    /**
     * Runs {@code pipeline} read from {@code file} (may be null) with the given overrides.
     *
     * @param cancellation what cancels the run (null: nothing)
     * @throws PipelineValidationException if it does not validate (nothing ran, nothing written)
     * @throws IOException if the outputs cannot be written
     */
    Outcome run(Pipeline pipeline, Path file, Map<String, String> overrides, OutputFolder folder, ProgressListener listener,
            Cancellation cancellation) throws PipelineValidationException, IOException, InterruptedException {
        checkOwnFiles(folder);
        // Intermediate results leave memory once consumed; the cache gives them back if a report asks.
        Executor executor = Executor.builder(registry).threads(threads).cache(cache).listener(listener)
                .releaseIntermediateResults(cache != null).build();
        Execution execution = executor.start(pipeline, overrides);
        Runnable forget = cancellation == null ? () -> { } : cancellation.onCancel(execution::cancel);
        try {
            RunResult result = execution.await();
            List<IOException> problems = new ArrayList<>();
            Map<String, Path> outputs = RunOutputs.write(result, folder, problems);
            // The record is written even when an output could not be: it says what ran.
            PipelineFile.write(result.resolvedPipeline(), folder.own(PIPELINE));
            Path provenance = folder.own(PROVENANCE);
            Provenance record = Provenance.of(result).pipelineFile(file).outputs(outputs).software("gyrus", GyrusCommand.version())
                    .origins(origins());
            scheduler(System.getenv()).forEach(record::runAttribute);
            record.writeTo(provenance);
            if (!problems.isEmpty()) {
                IOException first = problems.get(0);
                throw new IOException(problems.stream().map(IOException::getMessage).collect(Collectors.joining("; ")), first);
            }
            return new Outcome(result, outputs, provenance);
        } finally {
            forget.run();
        }
    }

    /** SLURM's variables of the job running this process, named for the provenance record (none outside a job). */
    static Map<String, String> scheduler(Map<String, String> env) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        String[][] names = {{"SLURM_JOB_ID", "slurmJobId"}, {"SLURM_ARRAY_JOB_ID", "slurmArrayJobId"},
                {"SLURM_ARRAY_TASK_ID", "slurmArrayTaskId"}, {"SLURMD_NODENAME", "slurmNode"}, {"SLURM_CLUSTER_NAME", "slurmCluster"},
                {"SLURM_JOB_PARTITION", "slurmPartition"}};
        for (String[] n : names) {
            String v = env.get(n[0]);
            if (v != null && !v.isBlank()) {
                m.put(n[1], v);
            }
        }
        return m;
    }

    /**
     * An output as the end-of-run listing shows it: relative to the output folder when it lies inside,
     * else as the user would type it (a writer node's file may be anywhere, its path relative or not).
     */
    static String shown(Path outDir, Path output) {
        Path abs = output.toAbsolutePath().normalize();
        Path dir = outDir.toAbsolutePath().normalize();
        return abs.startsWith(dir) ? dir.relativize(abs).toString() : WorkingDirectory.show(output);
    }

    /** Prints the end of a run: what was written, or one paragraph per failure. */
    static void report(Outcome o, Path outDir, PrintWriter out, PrintWriter err, boolean quiet, boolean verbose) {
        RunResult r = o.result();
        if (!quiet) {
            out.printf("%s %d nodes in %s (%d computed, %d from the cache).%n",
                    r.succeeded() ? "Finished" : r.cancelled() ? "Cancelled after" : "Ran",
                    r.nodes().size(), ProgressDisplay.seconds(r.wallTime().toNanos()), r.computedCount(), r.cachedCount());
            if (!o.outputs().isEmpty()) {
                out.println("Outputs in " + WorkingDirectory.show(outDir) + ":");
                o.outputs().forEach((k, v) -> out.println("  " + shown(outDir, v)));
            }
            out.println("Provenance: " + WorkingDirectory.show(o.provenance()));
            out.flush();
        }
        for (NodeOutcome f : r.failures()) {
            List<String> skipped = r.nodes().stream().filter(n -> n.state() == NodeState.SKIPPED
                    && n.reason().contains("'" + f.node() + "'")).map(NodeOutcome::node).toList();
            err.println("gyrus: node '" + f.node() + "' (" + f.type().id() + " " + f.type().version() + ") failed: "
                    + f.reason() + (skipped.isEmpty() ? "" : ". Skipped because of it: "
                    + skipped.stream().collect(Collectors.joining(", ")) + ".")
                    + (verbose ? "" : " (--verbose shows the stack trace)"));
            if (verbose && f.error() != null) {
                f.error().printStackTrace(err);
            }
        }
        err.flush();
    }

    /** The plug-in installer's record of where bundles came from, when it is installed. */
    private static BundleOrigins origins() {
        org.osgi.framework.Bundle self = org.osgi.framework.FrameworkUtil.getBundle(PipelineRunner.class);
        org.osgi.framework.BundleContext context = self == null ? null : self.getBundleContext();
        if (context == null) {
            return BundleOrigins.NONE;
        }
        org.osgi.framework.ServiceReference<BundleOrigins> ref = context.getServiceReference(BundleOrigins.class);
        BundleOrigins found = ref == null ? null : context.getService(ref);
        return found == null ? BundleOrigins.NONE : found;
    }
}
