package org.gyrus.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The outcome of a run: the state, timing and cause of every node, and the outputs of the nodes
 * that finished.
 */
public final class RunResult {

    private final Pipeline pipeline;
    private final Map<String, Object> variables;
    private final List<NodeOutcome> nodes;
    private final Map<String, Map<String, Object>> outputs;
    private final boolean cancelled;
    private final Instant started;
    private final Duration wallTime;
    private final int threads;
    private volatile Function<String, Map<String, Object>> released = id -> Map.of();

    RunResult(Pipeline pipeline, Map<String, Object> variables, List<NodeOutcome> nodes,
            Map<String, Map<String, Object>> outputs, boolean cancelled, Instant started, Duration wallTime, int threads) {
        this.pipeline = pipeline;
        this.variables = Map.copyOf(variables);
        this.nodes = List.copyOf(nodes);
        this.outputs = Collections.unmodifiableMap(outputs);
        this.cancelled = cancelled;
        this.started = started;
        this.wallTime = wallTime;
        this.threads = threads;
    }

    /** The pipeline that ran. */
    public Pipeline pipeline() { return pipeline; }

    /**
     * The pipeline with each variable's default replaced by the value this run used, so that
     * running it again without overrides repeats this run.
     */
    public Pipeline resolvedPipeline() {
        Pipeline p = pipeline;
        for (Pipeline.Variable v : pipeline.variables()) {
            p = p.withVariable(new Pipeline.Variable(v.name(), v.type(), variables.get(v.name()), v.description()));
        }
        return p;
    }

    /** The value of every variable after overrides. */
    public Map<String, Object> variables() { return variables; }

    /** Every node's outcome, in dependency order. */
    public List<NodeOutcome> nodes() { return nodes; }

    /** The outcome of node {@code id}. */
    public Optional<NodeOutcome> node(String id) {
        return nodes.stream().filter(n -> n.node().equals(id)).findFirst();
    }

    /**
     * The outputs of node {@code id} by port; empty unless it finished. When the run released
     * outputs from memory once their consumers had finished
     * ({@link Executor.Builder#releaseIntermediateResults}), their values are read back from the
     * cache when first asked for (null if the cache no longer has them).
     */
    public Map<String, Object> outputs(String id) {
        Map<String, Object> kept = outputs.getOrDefault(id, Map.of());
        NodeOutcome n = node(id).orElse(null);
        if (n == null || n.state() != NodeState.FINISHED || kept.size() == n.type().descriptor().outputs().size()) {
            return kept;
        }
        List<String> ports = n.type().descriptor().outputs().stream().map(PortDescriptor::name).toList();
        @SuppressWarnings("unchecked")
        Map<String, Object>[] loaded = new Map[1];
        return new java.util.AbstractMap<>() {
            @Override
            public java.util.Set<Map.Entry<String, Object>> entrySet() {
                java.util.Set<Map.Entry<String, Object>> entries = new java.util.LinkedHashSet<>();
                for (String port : ports) {
                    entries.add(new java.util.AbstractMap.SimpleImmutableEntry<>(port, null) {
                        private static final long serialVersionUID = 1L;

                        @Override
                        public Object getValue() {
                            return get(port);
                        }
                    });
                }
                return entries;
            }

            @Override
            public Object get(Object port) {
                if (kept.containsKey(port)) {
                    return kept.get(port);
                }
                if (!ports.contains(port)) {
                    return null;
                }
                synchronized (loaded) {
                    if (loaded[0] == null) {
                        loaded[0] = released.apply(id);
                    }
                    return loaded[0].get(port);
                }
            }

            @Override
            public boolean containsKey(Object port) {
                return ports.contains(port);
            }
        };
    }

    /** Where {@link #outputs} finds released outputs again. */
    void reloadReleased(Function<String, Map<String, Object>> from) {
        released = from;
    }

    /** The nodes that failed, each with its error. */
    public List<NodeOutcome> failures() {
        return nodes.stream().filter(n -> n.state() == NodeState.FAILED).toList();
    }

    /** Whether every node finished. */
    public boolean succeeded() {
        return nodes.stream().allMatch(n -> n.state() == NodeState.FINISHED);
    }

    /** Whether the run was cancelled. */
    public boolean cancelled() { return cancelled; }

    /** When the run started. */
    public Instant started() { return started; }

    /** How long the run took, validation excluded. */
    public Duration wallTime() { return wallTime; }

    /** The thread budget it ran with. */
    public int threads() { return threads; }

    /** How many nodes were computed (not taken from the cache). */
    public long computedCount() {
        return nodes.stream().filter(n -> n.state() == NodeState.FINISHED && !n.cached()).count();
    }

    /** How many nodes were taken from the cache. */
    public long cachedCount() {
        return nodes.stream().filter(NodeOutcome::cached).count();
    }

    @Override
    public String toString() {
        return "RunResult[" + nodes + "]";
    }
}
