package org.gyrus.workbench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.gyrus.pipeline.Execution;
import org.gyrus.pipeline.Executor;
import org.gyrus.pipeline.NodeOutcome;
import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.pipeline.NodeState;
import org.gyrus.pipeline.OutputFolder;
import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.Pipeline.Edge;
import org.gyrus.pipeline.PipelineFile;
import org.gyrus.pipeline.PipelineValidationException;
import org.gyrus.pipeline.ProgressEvent;
import org.gyrus.pipeline.Provenance;
import org.gyrus.pipeline.ResultCache;
import org.gyrus.pipeline.RunOutputs;
import org.gyrus.pipeline.RunResult;
import org.gyrus.workbench.editor.NodeStatuses;
import org.gyrus.workbench.editor.PipelineEdits;

/**
 * Runs the edited pipeline as {@code gyrus run} does: the same {@link Executor}, the same on-disk
 * {@link ResultCache} (so a result computed on the command line is a cache hit here and the
 * reverse), the same output folder layout ({@code gyrus-out/NAME}: end results,
 * {@code pipeline.gyrus.json}, {@code provenance.json}). The engine runs on its own threads; every
 * event goes to {@code ui}, which the window sets to post onto the display thread.
 */
public final class PipelineRuns {

    /** Hears the run's life: its node events, its console lines, and its end. */
    public interface Listener {
        /** A node changed state. */
        default void event(ProgressEvent e) {
        }

        /** A line for the console. */
        default void log(String line) {
        }

        /** The run ended (finished, failed or cancelled); {@code result} is empty if it never started. */
        default void ended(Optional<RunResult> result) {
        }
    }

    static final String PIPELINE = "pipeline.gyrus.json";
    static final String PROVENANCE = "provenance.json";

    private final NodeRegistry registry;
    private final ResultCache cache;
    private final java.util.concurrent.Executor ui;
    private final NodeStatuses statuses = new NodeStatuses();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile Execution running;
    private volatile RunResult last;
    private volatile boolean busy;

    /**
     * @param cache the result cache (null: none)
     * @param ui    where listeners are called (the display thread in the window; direct in tests)
     */
    public PipelineRuns(NodeRegistry registry, ResultCache cache, java.util.concurrent.Executor ui) {
        this.registry = registry;
        this.cache = cache;
        this.ui = ui;
    }

    /**
     * The cache {@code gyrus run} uses: {@code $GYRUS_CACHE} or {@code ~/.cache/gyrus}, at most
     * {@code $GYRUS_CACHE_SIZE} (default 10G). Null (no cache) if the folder cannot be used.
     */
    public static ResultCache defaultCache(Consumer<String> warn) {
        Path dir = ResultCache.defaultDirectory();
        try {
            return ResultCache.onDisk(dir, bytes(System.getenv().getOrDefault("GYRUS_CACHE_SIZE", "10G")), 256);
        } catch (IOException | IllegalArgumentException e) {
            warn.accept("The cache folder " + dir + " cannot be used (" + e.getMessage() + "); runs will not be cached.");
            return null;
        }
    }

    static long bytes(String text) {
        String t = text.trim().toUpperCase(java.util.Locale.ROOT);
        long unit = 1;
        char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
        int power = "KMGT".indexOf(last);
        if (power >= 0) {
            t = t.substring(0, t.length() - 1);
            unit = 1L << (10 * (power + 1));
        }
        return Math.round(Double.parseDouble(t) * unit);
    }

    /** Starts telling {@code l} about runs. */
    public void addListener(Listener l) {
        listeners.add(l);
    }

    /** The node states of the current or last run. */
    public NodeStatuses statuses() {
        return statuses;
    }

    /** Whether a run is under way (until its outputs and records are written). */
    public boolean isRunning() {
        return busy;
    }

    /** The last run's result, for viewers and column suggestions. */
    public Optional<RunResult> last() {
        return Optional.ofNullable(last);
    }

    /** The value a finished node of the last run gave on {@code port}, if any. */
    public Optional<Object> value(String node, String port) {
        RunResult r = last;
        if (r == null || r.node(node).map(o -> o.state() != NodeState.FINISHED).orElse(true)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(r.outputs(node).get(port));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The part of {@code p} that {@code node} needs: it and every node upstream of it (Run to here).
     * Same ids and parameters, so that the cache keys are those of a full run.
     */
    public static Pipeline upTo(Pipeline p, String node) {
        Set<String> keep = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(node));
        while (!todo.isEmpty()) {
            String n = todo.pop();
            if (keep.add(n)) {
                for (Edge e : p.edges()) {
                    if (e.toNode().equals(n)) {
                        todo.push(e.fromNode());
                    }
                }
            }
        }
        Set<String> drop = new LinkedHashSet<>();
        p.nodes().forEach(n -> {
            if (!keep.contains(n.id())) {
                drop.add(n.id());
            }
        });
        return PipelineEdits.delete(p, drop);
    }

    /**
     * Starts running {@code p} in the background, writing into {@code outDir}.
     *
     * @param file the pipeline's file, for the provenance record (null if unsaved)
     * @throws PipelineValidationException if it does not validate (nothing runs)
     * @throws IllegalStateException if a run is already under way
     */
    public synchronized void start(Pipeline p, Path file, Path outDir, Map<String, String> variables, int threads)
            throws PipelineValidationException, IOException {
        if (isRunning()) {
            throw new IllegalStateException("A run is under way; cancel it first.");
        }
        OutputFolder folder = OutputFolder.open(outDir, "The output folder");
        folder.checkOwn(PIPELINE);
        folder.checkOwn(PROVENANCE);
        statuses.clear();
        last = null;
        Executor executor = Executor.builder(registry).threads(threads).cache(cache).listener(this::onEvent).build();
        Execution execution = executor.start(p, variables);
        running = execution;
        busy = true;
        post(l -> l.log("Running '" + p.name() + "' (" + p.nodes().size() + " nodes) into " + outDir));
        Thread waiter = new Thread(() -> finish(execution, file, folder), "gyrus-workbench-run");
        waiter.setDaemon(true);
        waiter.start();
    }

    /** Cancels the run under way, if any; nodes that finished keep their results. */
    public void cancel() {
        Execution e = running;
        if (e != null && !e.isDone()) {
            post(l -> l.log("Cancelling..."));
            e.cancel();
        }
    }

    /** Waits for the run under way to end (tests, closing the window). */
    public Optional<RunResult> await() throws InterruptedException {
        Execution e = running;
        return e == null ? Optional.ofNullable(last) : Optional.of(e.await());
    }

    private void onEvent(ProgressEvent e) {
        statuses.update(e);
        post(l -> l.event(e));
        if (e.state().isFinal() && e.state() != NodeState.FINISHED) {
            post(l -> l.log("Node '" + e.node() + "' " + e.state().name().toLowerCase(java.util.Locale.ROOT)
                    + (e.message().isEmpty() ? "" : ": " + e.message())));
        } else if (e.state() == NodeState.FINISHED) {
            post(l -> l.log("Node '" + e.node() + "' finished" + (e.cached() ? " (from the cache)" : "")));
        }
    }

    private void finish(Execution execution, Path file, OutputFolder folder) {
        RunResult result = null;
        try {
            result = execution.await();
            for (NodeOutcome o : result.nodes()) {
                statuses.put(o.node(), new NodeStatuses.Status(o.state(), o.state() == NodeState.FINISHED ? 1 : 0, o.cached(),
                        o.reason() == null ? "" : o.reason()));
            }
            List<IOException> problems = new ArrayList<>();
            Map<String, Path> outputs = RunOutputs.write(result, folder, problems);
            PipelineFile.write(result.resolvedPipeline(), folder.own(PIPELINE));
            Path provenance = folder.own(PROVENANCE);
            Provenance.of(result).pipelineFile(file).outputs(outputs).software("gyrus-workbench", Version.of()).writeTo(provenance);
            RunResult r = result;
            post(l -> l.log(String.format("%s %d nodes in %.1f s (%d computed, %d from the cache). Provenance: %s",
                    r.succeeded() ? "Finished" : r.cancelled() ? "Cancelled after" : "Ran", r.nodes().size(),
                    r.wallTime().toMillis() / 1000.0, r.computedCount(), r.cachedCount(), provenance)));
            for (IOException p : problems) {
                post(l -> l.log("Could not write an output: " + p.getMessage()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            post(l -> l.log("The run's records could not be written: " + e.getMessage()));
        } finally {
            // Set last, so that "the run has ended" is true only once its records are written.
            if (result != null) {
                last = result;
            }
            busy = false;
            Optional<RunResult> r = Optional.ofNullable(result);
            post(l -> l.ended(r));
        }
    }

    private void post(Consumer<Listener> call) {
        ui.execute(() -> listeners.forEach(call));
    }
}
