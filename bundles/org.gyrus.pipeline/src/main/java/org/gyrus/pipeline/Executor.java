package org.gyrus.pipeline;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

import org.gyrus.nn.linalg.ThreadBudget;

/**
 * Runs pipelines: validates, then executes the nodes in dependency order, independent branches in
 * parallel within a thread budget, taking results from a {@link ResultCache} when their key
 * matches, reporting {@link ProgressEvent}s. A failed node marks what is downstream of it skipped
 * while the rest of the run goes on.
 *
 * <pre>{@code
 * Executor executor = Executor.builder(registry).threads(4).cache(ResultCache.onDisk(dir, 10L << 30)).build();
 * RunResult result = executor.run(PipelineFile.read(file), Map.of("subject", "sub-07"));
 * }</pre>
 */
public final class Executor {

    private final NodeRegistry registry;
    private final int threads;
    private final ThreadBudget budget;
    private final ResultCache cache;
    private final ProgressListener listener;
    private final Path scratch;
    private final boolean release;

    private Executor(Builder b) {
        this.release = b.release;
        this.registry = b.registry;
        this.threads = b.budget != null ? b.budget.threads() : b.threads;
        this.budget = b.budget;
        this.cache = b.cache;
        this.listener = b.listener;
        this.scratch = b.scratch;
    }

    /** Starts an executor that takes node types from {@code registry}. */
    public static Builder builder(NodeRegistry registry) {
        return new Builder(registry);
    }

    /**
     * Validates {@code pipeline} and starts running it in the background.
     *
     * @param variables variable overrides as text, by name
     * @throws PipelineValidationException listing every problem; nothing has run then
     */
    public Execution start(Pipeline pipeline, Map<String, String> variables) throws PipelineValidationException {
        Plan plan = new PipelineValidator(registry).plan(pipeline, variables);
        return new Execution(plan, budget != null ? budget : new ThreadBudget(threads), budget == null, cache, listener, scratch, release);
    }

    /**
     * Validates and runs {@code pipeline}, waiting for the end.
     *
     * @throws PipelineValidationException listing every problem; nothing has run then
     * @throws InterruptedException if the waiting thread is interrupted (the run is cancelled then)
     */
    public RunResult run(Pipeline pipeline, Map<String, String> variables) throws PipelineValidationException, InterruptedException {
        Execution e = start(pipeline, variables);
        try {
            return e.await();
        } catch (InterruptedException x) {
            e.cancel();
            throw x;
        }
    }

    /** Assembles an {@link Executor}. */
    public static final class Builder {
        private final NodeRegistry registry;
        private int threads = Runtime.getRuntime().availableProcessors();
        private ThreadBudget budget;
        private ResultCache cache;
        private ProgressListener listener;
        private Path scratch = Path.of(System.getProperty("java.io.tmpdir"));
        private boolean release;

        private Builder(NodeRegistry registry) {
            this.registry = Objects.requireNonNull(registry);
        }

        /**
         * The thread budget of each run: how many threads compute at once, all nodes and their
         * kernels together (default: the number of cores).
         */
        public Builder threads(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("The number of threads must be at least 1, not " + value);
            }
            threads = value;
            return this;
        }

        /**
         * A thread budget that every run of this executor shares with whatever else works under it,
         * such as other runs started at the same time (replaces {@link #threads(int)}; the caller
         * closes it).
         */
        public Builder budget(ThreadBudget value) {
            budget = Objects.requireNonNull(value);
            return this;
        }

        /** Where results are looked up and stored (default: none, everything is computed). */
        public Builder cache(ResultCache value) {
            cache = value;
            return this;
        }

        /** Who hears the progress events (default: nobody). */
        public Builder listener(ProgressListener value) {
            listener = value;
            return this;
        }

        /** Where nodes' scratch directories are made (default: the system's temporary directory). */
        public Builder scratchDirectory(Path dir) {
            scratch = Objects.requireNonNull(dir);
            return this;
        }

        /**
         * Whether a node's outputs are dropped from memory once every node that consumes them has
         * ended (default: no, every output stays until the run's result is dropped). Outputs no
         * node consumes, the end results, always stay; {@link RunResult#outputs} reads released
         * ones back from the cache when asked. Use it for long runs over large data.
         */
        public Builder releaseIntermediateResults(boolean value) {
            release = value;
            return this;
        }

        /** The executor. */
        public Executor build() {
            return new Executor(this);
        }
    }
}
