package org.gyrus.pipeline;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

import org.gyrus.nn.linalg.ThreadBudget;

/**
 * One execution of one node: the {@link NodeContext} the engine hands to a node, and the way to
 * run a node type by itself (in tests, or from code):
 *
 * <pre>{@code
 * Map<String, Object> out = NodeRun.builder(type.descriptor())
 *         .input("table", table).parameter("strategy", "median").seed(42)
 *         .build().execute(type);
 * }</pre>
 */
public final class NodeRun implements NodeContext {

    private final NodeDescriptor descriptor;
    private final String nodeId;
    private final Map<String, Object> inputs;
    private final ParameterValues parameters;
    private final Map<String, Object> outputs = Collections.synchronizedMap(new LinkedHashMap<>());
    private final long seed;
    private final ThreadBudget budget;
    private final boolean ownBudget;
    private final Path scratch;
    private final BooleanSupplier cancelled;
    private final DoubleConsumer progress;
    private final System.Logger logger;
    private final PipelineOrigin origin;

    private NodeRun(Builder b) {
        this.descriptor = b.descriptor;
        this.nodeId = b.nodeId;
        this.inputs = Map.copyOf(b.inputs);
        this.parameters = b.parameters != null ? b.parameters : ParameterValues.resolve(descriptor.parameters(), b.rawParameters);
        this.seed = b.seed;
        this.ownBudget = b.budget == null;
        this.budget = ownBudget ? new ThreadBudget(b.threads) : b.budget;
        this.scratch = b.scratch;
        this.cancelled = b.cancelled;
        this.progress = b.progress;
        this.logger = b.logger != null ? b.logger : System.getLogger("gyrus.node." + descriptor.id());
        this.origin = b.origin;
    }

    /** Starts a run of a node of the given type. */
    public static Builder builder(NodeDescriptor descriptor) {
        return new Builder(descriptor);
    }

    /**
     * Executes {@code type} in this context and returns its outputs.
     *
     * @throws Exception whatever the node throws
     * @throws IllegalStateException if the node left a declared output unset
     */
    public Map<String, Object> execute(NodeType type) throws Exception {
        try {
            budget.call(() -> {
                type.execute(this);
                return null;
            });
        } finally {
            if (ownBudget) {
                budget.close();
            }
        }
        for (PortDescriptor p : descriptor.outputs()) {
            if (!outputs.containsKey(p.name())) {
                throw new IllegalStateException("Node '" + nodeId + "' (" + descriptor.id() + ") finished without setting its output '"
                        + p.name() + "'");
            }
        }
        return outputs();
    }

    /** The outputs set so far, by port. */
    public Map<String, Object> outputs() {
        synchronized (outputs) {
            return Map.copyOf(outputs);
        }
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public <T> T input(String port, Class<T> type) {
        return optionalInput(port, type).orElseThrow(() -> new IllegalStateException(
                "Node '" + nodeId + "': nothing is connected to its input '" + port + "'"));
    }

    @Override
    public <T> Optional<T> optionalInput(String port, Class<T> type) {
        if (descriptor.input(port).isEmpty()) {
            throw new IllegalArgumentException("Node type " + descriptor.id() + " has no input '" + port + "'");
        }
        Object v = inputs.get(port);
        if (v != null && !type.isInstance(v)) {
            throw new IllegalStateException("Node '" + nodeId + "': input '" + port + "' holds a "
                    + v.getClass().getSimpleName() + ", not a " + type.getSimpleName());
        }
        return Optional.ofNullable(type.cast(v));
    }

    @Override
    public void output(String port, Object value) {
        PortDescriptor p = descriptor.output(port).orElseThrow(() -> new IllegalArgumentException(
                "Node type " + descriptor.id() + " has no output '" + port + "'"));
        Objects.requireNonNull(value, () -> "Node '" + nodeId + "': output '" + port + "' set to null");
        if (!p.type().isInstance(value)) {
            throw new IllegalArgumentException("Node '" + nodeId + "': output '" + port + "' must be a "
                    + p.type().getSimpleName() + ", not a " + value.getClass().getSimpleName());
        }
        outputs.put(port, value);
    }

    @Override
    public ParameterValues parameters() {
        return parameters;
    }

    @Override
    public void progress(double fraction) {
        progress.accept(Math.max(0, Math.min(1, fraction)));
    }

    @Override
    public boolean isCancelled() {
        return cancelled.getAsBoolean();
    }

    @Override
    public System.Logger logger() {
        return logger;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public int threads() {
        return budget.threads();
    }

    @Override
    public ThreadBudget budget() {
        return budget;
    }

    @Override
    public Path scratchDirectory() {
        return scratch;
    }

    @Override
    public java.util.Optional<PipelineOrigin> origin() {
        return java.util.Optional.ofNullable(origin);
    }

    /** Assembles a {@link NodeRun}. */
    public static final class Builder {
        private final NodeDescriptor descriptor;
        private String nodeId;
        private final Map<String, Object> inputs = new LinkedHashMap<>();
        private final Map<String, Object> rawParameters = new LinkedHashMap<>();
        private ParameterValues parameters;
        private long seed = 0;
        private int threads = Runtime.getRuntime().availableProcessors();
        private ThreadBudget budget;
        private Path scratch = Path.of(System.getProperty("java.io.tmpdir"));
        private BooleanSupplier cancelled = () -> false;
        private DoubleConsumer progress = f -> { };
        private System.Logger logger;
        private PipelineOrigin origin;

        private Builder(NodeDescriptor descriptor) {
            this.descriptor = Objects.requireNonNull(descriptor);
            this.nodeId = descriptor.id();
        }

        /** The node instance id (default: the type id). */
        public Builder nodeId(String id) {
            nodeId = Objects.requireNonNull(id);
            return this;
        }

        /** A value on an input port. */
        public Builder input(String port, Object value) {
            inputs.put(port, value);
            return this;
        }

        /** A raw parameter value, converted and checked at {@link #build()}. */
        public Builder parameter(String name, Object value) {
            rawParameters.put(name, value);
            return this;
        }

        /** Parameter values already resolved (replaces raw ones). */
        public Builder parameters(ParameterValues values) {
            parameters = values;
            return this;
        }

        /** The seed (default 0). */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** The size of the node's own thread budget (default: the number of cores). */
        public Builder threads(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("threads must be at least 1");
            }
            threads = value;
            return this;
        }

        /** A thread budget shared with other work, such as a run's (replaces {@link #threads(int)}). */
        public Builder budget(ThreadBudget value) {
            budget = Objects.requireNonNull(value);
            return this;
        }

        /** The scratch directory (default: the system's temporary directory). */
        public Builder scratchDirectory(Path dir) {
            scratch = dir;
            return this;
        }

        /** Where the node learns of cancellation. */
        public Builder cancelled(BooleanSupplier value) {
            cancelled = value;
            return this;
        }

        /** Where progress goes. */
        public Builder progress(DoubleConsumer listener) {
            progress = listener;
            return this;
        }

        /** The logger (default: one named after the node type). */
        public Builder logger(System.Logger value) {
            logger = value;
            return this;
        }

        /** The pipeline run this node belongs to (default: none), see {@link NodeContext#origin()}. */
        public Builder origin(PipelineOrigin value) {
            origin = value;
            return this;
        }

        /**
         * The run.
         *
         * @throws IllegalArgumentException if a parameter value is invalid
         */
        public NodeRun build() {
            return new NodeRun(this);
        }
    }
}
