package org.gyrus.batch;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.gyrus.pipeline.Execution;
import org.gyrus.pipeline.Executor;
import org.gyrus.pipeline.NodeOutcome;
import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.pipeline.NodeState;
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
 * ({@code provenance.json}). Ctrl-C cancels the run; the record is still written.
 */
final class PipelineRunner {

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
     * Runs {@code pipeline} read from {@code file} (may be null) with the given overrides.
     *
     * @throws PipelineValidationException if it does not validate (nothing ran, nothing written)
     * @throws IOException if the outputs cannot be written
     */
    Outcome run(Pipeline pipeline, Path file, Map<String, String> overrides, Path outDir, ProgressListener listener)
            throws PipelineValidationException, IOException, InterruptedException {
        // Intermediate results leave memory once consumed; the cache gives them back if a report asks.
        Executor executor = Executor.builder(registry).threads(threads).cache(cache).listener(listener)
                .releaseIntermediateResults(cache != null).build();
        Execution execution = executor.start(pipeline, overrides);
        CountDownLatch recorded = new CountDownLatch(1);
        // Ctrl-C: cancel the run, then give this thread a few seconds to write what finished and the
        // provenance record before the JVM goes.
        Thread hook = new Thread(() -> {
            execution.cancel();
            try {
                recorded.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "gyrus-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            RunResult result = execution.await();
            Map<String, Path> outputs = RunOutputs.write(result, outDir);
            PipelineFile.write(result.resolvedPipeline(), outDir.resolve("pipeline.gyrus.json"));
            Path provenance = outDir.resolve("provenance.json");
            Provenance.of(result).pipelineFile(file).outputs(outputs).software("gyrus", GyrusCommand.version()).writeTo(provenance);
            return new Outcome(result, outputs, provenance);
        } finally {
            recorded.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down (Ctrl-C): the hook is running and has been released.
            }
        }
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
                o.outputs().forEach((k, v) -> out.println("  " + outDir.relativize(v)));
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
}
