package org.gyrus.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.gyrus.nn.linalg.ThreadBudget;
import org.gyrus.pipeline.internal.FileHashes;

/**
 * A run in progress, started by {@link Executor#start}: cancel it, or wait for its
 * {@link RunResult}. Nodes run on a pool of as many threads as the budget, each node as one of the
 * budget's computing threads (its kernels borrow the budget's free threads, never more); a
 * coordinator thread hands them out in dependency order.
 */
public final class Execution {

    /** How long cancelled nodes get to notice before the run gives up waiting for them. */
    static final Duration CANCEL_GRACE = Duration.ofMillis(800);

    private static final System.Logger LOG = System.getLogger(Execution.class.getName());

    private final Plan plan;
    private final Map<String, CacheKeys.Key> keys;
    private final int threads;
    private final ThreadBudget budget;
    private final boolean ownBudget;
    private final ResultCache cache;
    private final ProgressListener listener;
    private final Path scratchRoot;
    private final boolean release;
    private final FileHashes hashes;
    private final Map<String, Map<String, Integer>> consumers = new HashMap<>();
    private final Map<String, String> recomputed = new ConcurrentHashMap<>();

    private final AtomicBoolean cancelled = new AtomicBoolean();
    /**
     * The first {@link VirtualMachineError} (out of memory, stack overflow) a node threw, with its
     * node: after one, the JVM may be in a state where nothing can be trusted, so the run stops
     * as if cancelled, but it failed.
     */
    private volatile String fatalNode;
    private final CountDownLatch done = new CountDownLatch(1);
    private final Map<String, NodeOutcome> outcomes = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> outputs = new ConcurrentHashMap<>();
    private final BlockingQueue<NodeOutcome> finished = new LinkedBlockingQueue<>();
    private final AtomicInteger completed = new AtomicInteger();
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    private volatile RunResult result;
    /** What the files that nodes write are stamped with: the pipeline and the variable values. */
    private final PipelineOrigin origin;

    Execution(Plan plan, ThreadBudget budget, boolean ownBudget, ResultCache cache, ProgressListener listener, Path scratchRoot,
            boolean release) {
        this.plan = plan;
        this.release = release;
        for (Plan.Step s : plan.steps()) {
            for (Plan.Source in : s.inputs().values()) {
                consumers.computeIfAbsent(in.node(), k -> new HashMap<>()).merge(in.port(), 1, Integer::sum);
            }
        }
        this.threads = budget.threads();
        this.budget = budget;
        this.ownBudget = ownBudget;
        this.cache = cache;
        this.listener = listener;
        this.scratchRoot = scratchRoot;
        this.hashes = cache != null ? cache.hashes() : new FileHashes();
        this.keys = CacheKeys.of(plan, hashes);
        this.origin = PipelineOrigin.of(plan.pipeline(), plan.variables());
        Thread coordinator = new Thread(this::coordinate, "gyrus-run-" + plan.pipeline().name());
        coordinator.setDaemon(true);
        coordinator.start();
    }

    /**
     * Asks the run to stop: nodes not started are cancelled, running nodes see
     * {@link NodeContext#isCancelled()} and are interrupted. The run ends within about a second
     * even if a node ignores both (that node is then abandoned, still marked cancelled).
     */
    public void cancel() {
        cancelled.set(true);
    }

    /** Whether nodes should stop: the run was cancelled, or a node hit a fatal error. */
    private boolean stopping() {
        return cancelled.get() || fatalNode != null;
    }

    /** The outcome of a node that a stopping run did not run, or stopped. */
    private NodeOutcome stopped(Plan.Step s, Instant started, long nanos, String extra) {
        String f = fatalNode;
        if (f != null && !cancelled.get()) {
            return started == null
                    ? outcome(s, NodeState.SKIPPED, false, null, nanos, null,
                            "not run: the run stopped after node '" + f + "' failed with a fatal error" + extra)
                    : outcome(s, NodeState.CANCELLED, false, started, nanos, null,
                            "stopped: node '" + f + "' failed with a fatal error" + extra);
        }
        return outcome(s, NodeState.CANCELLED, false, started, nanos, null, "the run was cancelled" + extra);
    }

    /** Whether the run has ended. */
    public boolean isDone() {
        return done.getCount() == 0;
    }

    /** Waits for the run to end and returns its result. */
    public RunResult await() throws InterruptedException {
        done.await();
        return result;
    }

    /** Waits at most {@code timeout} for the run to end. */
    public Optional<RunResult> await(Duration timeout) throws InterruptedException {
        return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS) ? Optional.of(result) : Optional.empty();
    }

    private void coordinate() {
        Instant start = Instant.now();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "gyrus-node");
            t.setDaemon(true);
            return t;
        });
        Path scratch = null;
        try {
            scratch = Files.createDirectories(scratchRoot).resolve("gyrus-run-" + Long.toHexString(System.nanoTime()));
            Files.createDirectories(scratch);
            schedule(pool, scratch);
        } catch (IOException | RuntimeException e) {
            // Only infrastructure fails here (node errors are caught per node): fail whatever is left.
            for (Plan.Step s : plan.steps()) {
                outcomes.computeIfAbsent(s.id(), id -> outcome(s, NodeState.FAILED, false, null, 0, e,
                        "the engine could not run it: " + e.getMessage()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelled.set(true);
        } catch (Throwable e) {
            // An Error in the coordinator itself (out of memory): end the run, failed, rather than leave await() hanging.
            fatalNode = fatalNode == null ? "(the engine)" : fatalNode;
            for (Plan.Step s : plan.steps()) {
                outcomes.computeIfAbsent(s.id(), id -> outcome(s, NodeState.FAILED, false, null, 0, e, describe(e)));
            }
        } finally {
            try {
                pool.shutdownNow();
                if (ownBudget) {
                    budget.close();
                }
                deleteTree(scratch);
                List<NodeOutcome> ordered = new ArrayList<>();
                for (Plan.Step s : plan.steps()) {
                    ordered.add(outcomes.computeIfAbsent(s.id(), id -> stopped(s, null, 0, "")));
                }
                result = new RunResult(plan.pipeline(), plan.variables(), ordered, new LinkedHashMap<>(outputs), cancelled.get(),
                        start, Duration.ofNanos(System.nanoTime() - t0), threads);
                if (release && cache != null) {
                    reloadReleased(result);
                }
            } finally {
                done.countDown();
            }
        }
    }

    private void schedule(ExecutorService pool, Path scratch) throws InterruptedException {
        Map<String, Integer> waiting = new HashMap<>();
        for (Plan.Step s : plan.steps()) {
            waiting.put(s.id(), (int) s.inputs().values().stream().map(Plan.Source::node).distinct().count());
            emit(s.id(), NodeState.QUEUED, 0, false, "");
        }
        Map<String, Future<?>> inFlight = new HashMap<>();
        for (Plan.Step s : plan.steps()) {
            if (waiting.get(s.id()) == 0) {
                inFlight.put(s.id(), submit(pool, s, scratch));
            }
        }
        long giveUpAt = Long.MAX_VALUE;
        while (!inFlight.isEmpty()) {
            if (stopping() && giveUpAt == Long.MAX_VALUE) {
                giveUpAt = System.nanoTime() + CANCEL_GRACE.toNanos();
                for (var it = inFlight.entrySet().iterator(); it.hasNext();) {
                    var e = it.next();
                    if (started.contains(e.getKey())) {
                        e.getValue().cancel(true); // interrupts sleeps and waits in the node
                    } else {
                        e.getValue().cancel(false);
                        record(stopped(plan.step(e.getKey()), null, 0, ""));
                        it.remove();
                    }
                }
            }
            NodeOutcome o = finished.poll(20, TimeUnit.MILLISECONDS);
            if (o == null) {
                if (System.nanoTime() > giveUpAt) {
                    for (String id : inFlight.keySet()) {
                        LOG.log(System.Logger.Level.WARNING, "Node ''{0}'' ignored the cancellation; abandoning it", id);
                        record(stopped(plan.step(id), null, 0, "; the node did not stop and was abandoned"));
                    }
                    return;
                }
                continue;
            }
            inFlight.remove(o.node());
            if (o.state() == NodeState.FAILED) {
                skipDownstream(o.node());
            }
            if (o.state() != NodeState.FINISHED || stopping()) {
                continue;
            }
            for (String d : plan.step(o.node()).downstream()) {
                if (waiting.merge(d, -1, Integer::sum) == 0 && !outcomes.containsKey(d)) {
                    inFlight.put(d, submit(pool, plan.step(d), scratch));
                }
            }
        }
    }

    private Future<?> submit(ExecutorService pool, Plan.Step s, Path scratch) {
        return pool.submit(() -> {
            started.add(s.id());
            finished.add(executeInBudget(s, scratch));
        });
    }

    /** Runs one node as one of the budget's computing threads (cache work included); never throws. */
    private NodeOutcome executeInBudget(Plan.Step s, Path scratch) {
        try {
            return budget.call(() -> execute(s, scratch));
        } catch (InterruptedException e) {
            return record(outcome(s, NodeState.CANCELLED, false, null, 0, null, "the run was cancelled"));
        } catch (Exception e) {
            return record(outcome(s, NodeState.FAILED, false, null, 0, e, describe(e))); // execute() never throws
        }
    }

    /** Runs one node on a pool thread; never throws. */
    private NodeOutcome execute(Plan.Step s, Path scratch) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        CacheKeys.Key key = keys.get(s.id());
        if (stopping()) {
            return record(stopped(s, null, 0, ""));
        }
        emit(s.id(), NodeState.RUNNING, 0, false, "");
        Path dir = scratch.resolve(s.id());
        try {
            Map<String, Object> out = null;
            String why = "";
            if (cache != null) {
                Map<String, Object> stored = cache.get(key.hash()).orElse(null);
                if (stored != null && stored.keySet().containsAll(
                        s.node().descriptor().outputs().stream().map(PortDescriptor::name).toList())) {
                    why = CachedFiles.staleness(stored, hashes).orElse("");
                    out = why.isEmpty() ? CachedFiles.unwrap(stored) : null;
                }
            }
            boolean cached = out != null;
            if (!cached) {
                if (cache != null) {
                    recomputed.put(s.id(), why.isEmpty() ? explain(s, key) : why);
                }
                Files.createDirectories(dir);
                NodeRun.Builder run = NodeRun.builder(s.node().descriptor()).nodeId(s.id()).parameters(s.parameters())
                        .seed(s.seed()).budget(budget).scratchDirectory(dir)
                        .cancelled(this::stopping).origin(origin)
                        .progress(f -> emit(s.id(), NodeState.RUNNING, f, false, ""));
                for (Map.Entry<String, Plan.Source> in : s.inputs().entrySet()) {
                    run.input(in.getKey(), outputs.get(in.getValue().node()).get(in.getValue().port()));
                }
                out = run.build().execute(s.node().type());
                if (cache != null) {
                    cache.put(key.hash(), CachedFiles.wrap(s, out, hashes));
                }
            }
            if (cache != null) {
                cache.rememberKey(identity(s, true), key.text());
                cache.rememberKey(identity(s, false), key.text());
            }
            outputs.put(s.id(), out);
            return record(outcome(s, NodeState.FINISHED, cached, started, System.nanoTime() - t0, null, ""));
        } catch (CancellationException | InterruptedException e) {
            if (stopping()) {
                return record(stopped(s, started, System.nanoTime() - t0, ""));
            }
            return record(outcome(s, NodeState.FAILED, false, started, System.nanoTime() - t0, e, describe(e)));
        } catch (Throwable e) {
            if (fatal(e) != null) {
                // Out of memory or stack: the JVM may be in an undefined state; stop the whole run, as failed.
                synchronized (this) {
                    if (fatalNode == null) {
                        fatalNode = s.id();
                    }
                }
            } else if (stopping()) {
                // A node that failed while stopping (an interrupted read, say) was stopped, not broken.
                return record(stopped(s, started, System.nanoTime() - t0, ""));
            }
            // Any other failure of a node stays with that node: the rest of the run goes on.
            return record(outcome(s, NodeState.FAILED, false, started, System.nanoTime() - t0, e, describe(e) + namedBy(s, e)));
        } finally {
            deleteTree(dir);
        }
    }

    /** Why node {@code s} must be computed: what changed in its key since it last ran with this cache. */
    private String explain(Plan.Step s, CacheKeys.Key key) {
        Optional<String> last = cache.lastKey(identity(s, true)).or(() -> cache.lastKey(identity(s, false)));
        return RecomputeReason.of(last.map(t -> t.lines().map(CacheKeys.Part::parse).toList()).orElse(null), key.parts());
    }

    /**
     * Who a node is across runs, to compare its key with the last one: the pipeline name and node
     * id, and with {@code exact} the variable values too (one subject of a batch).
     */
    private String identity(Plan.Step s, boolean exact) {
        String base = "pipeline " + plan.pipeline().name() + "\nnode " + s.id();
        return exact ? base + "\nvariables " + CanonicalValue.of(new java.util.TreeMap<>(plan.variables())) : base;
    }

    /**
     * Reads the released outputs back into the result. Decoding is computing, so it waits for a
     * thread of the budget like a node; after a cancellation it does not, since a node that ignored
     * the cancellation may keep its thread.
     */
    private void reloadReleased(RunResult r) {
        if (cancelled.get()) {
            r.reloadReleased(this::reload);
            return;
        }
        try {
            budget.run(() -> r.reloadReleased(this::reload));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            r.reloadReleased(this::reload);
        }
    }

    /** The outputs of a node whose consumed outputs were released, read back from the cache. */
    private Map<String, Object> reload(String node) {
        return cache.get(keys.get(node).hash()).filter(m -> CachedFiles.staleness(m, hashes).isEmpty()).map(CachedFiles::unwrap)
                .orElse(Map.of());
    }

    /**
     * Once node {@code consumer} has ended, drops every output it was the last consumer of, so a
     * long chain never holds every intermediate result at once. Outputs nobody consumes (the end
     * results) stay.
     */
    private void releaseInputsOf(String consumer) {
        if (!release) {
            return;
        }
        synchronized (consumers) {
            for (Plan.Source in : plan.step(consumer).inputs().values()) {
                Map<String, Integer> left = consumers.get(in.node());
                if (left != null && left.merge(in.port(), -1, Integer::sum) == 0) {
                    outputs.computeIfPresent(in.node(), (k, m) -> {
                        Map<String, Object> kept = new LinkedHashMap<>(m);
                        kept.remove(in.port());
                        return kept.isEmpty() ? null : Map.copyOf(kept);
                    });
                }
            }
        }
    }

    private void skipDownstream(String failed) {
        Deque<String> todo = new ArrayDeque<>(plan.step(failed).downstream());
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (seen.add(id) && !outcomes.containsKey(id)) {
                record(outcome(plan.step(id), NodeState.SKIPPED, false, null, 0, null,
                        "skipped because '" + failed + "' upstream of it failed"));
                todo.addAll(plan.step(id).downstream());
            }
        }
    }

    private NodeOutcome record(NodeOutcome o) {
        if (outcomes.putIfAbsent(o.node(), o) == null) {
            releaseInputsOf(o.node());
            completed.incrementAndGet();
            emit(o.node(), o.state(), o.state() == NodeState.FINISHED ? 1 : 0, o.cached(), o.reason());
            return o;
        }
        return outcomes.get(o.node());
    }

    private NodeOutcome outcome(Plan.Step s, NodeState state, boolean cached, Instant started, long nanos, Throwable error,
            String reason) {
        return new NodeOutcome(s.id(), s.node(), state, cached, started, Duration.ofNanos(nanos), error, reason,
                keys.get(s.id()).hash(), s.seed(), s.parameters(), state == NodeState.FINISHED && !cached
                        ? recomputed.getOrDefault(s.id(), "") : "");
    }

    private void emit(String node, NodeState state, double fraction, boolean cached, String message) {
        if (listener == null) {
            return;
        }
        synchronized (listener) {
            try {
                listener.onEvent(new ProgressEvent(node, state, fraction, cached, message, completed.get(), plan.steps().size()));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "A progress listener failed", e);
            }
        }
    }

    /** The {@link VirtualMachineError} in {@code e}'s causes, or null. */
    static VirtualMachineError fatal(Throwable e) {
        int depth = 0;
        for (Throwable c = e; c != null && depth < 20; c = c.getCause(), depth++) {
            if (c instanceof VirtualMachineError v) {
                return v;
            }
        }
        return null;
    }

    static String describe(Throwable e) {
        VirtualMachineError fatal = fatal(e);
        if (fatal instanceof OutOfMemoryError) {
            return "Java ran out of memory (" + (Runtime.getRuntime().maxMemory() >> 20) + " MB heap); give it more with "
                    + "GYRUS_JAVA_OPTS=-Xmx16g (or larger), or run fewer nodes at once with --threads";
        }
        if (fatal instanceof StackOverflowError) {
            return "the node overflowed Java's stack (too deep a recursion); give threads more stack with GYRUS_JAVA_OPTS=-Xss16m";
        }
        if (fatal != null) {
            return "the Java virtual machine failed: " + fatal;
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            // The JDK's own exceptions say only the path; a reader's carry their reason ("FILE: is a folder").
            if (c instanceof java.nio.file.NoSuchFileException f && f.getReason() == null) {
                return "the file " + f.getFile() + " does not exist";
            }
            if (c instanceof java.nio.file.AccessDeniedException f && f.getReason() == null) {
                return "the file " + f.getFile() + " cannot be read: permission denied";
            }
            if (c == c.getCause()) {
                break;
            }
        }
        String m = e.getMessage();
        String own = m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
        // A wrapper's message ("Generating a phantom failed") says where; its cause says why.
        Throwable cause = e.getCause();
        if (cause != null && cause != e && cause.getMessage() != null && !own.contains(cause.getMessage())) {
            return own + ": " + cause.getMessage();
        }
        return own;
    }

    /** Which parameter named the file that a file-system error is about: " (parameter 'file')", or nothing. */
    private static String namedBy(Plan.Step s, Throwable e) {
        for (Throwable c = e; c != null && c != c.getCause(); c = c.getCause()) {
            if (c instanceof java.nio.file.FileSystemException f && f.getFile() != null
                    && (f.getReason() == null || !f.getReason().contains("parameter"))) {
                Path file;
                try {
                    file = Path.of(f.getFile()).toAbsolutePath().normalize();
                } catch (java.nio.file.InvalidPathException x) {
                    continue;
                }
                for (Map.Entry<String, Object> p : s.parameters().asMap().entrySet()) {
                    if (p.getValue() instanceof Path named && named.toAbsolutePath().normalize().equals(file)) {
                        return " (the file named by parameter '" + p.getKey() + "')";
                    }
                }
            }
        }
        return "";
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // Scratch space in the temporary directory; what is left is cleaned by the system.
                }
            });
        } catch (IOException e) {
            // as above
        }
    }
}
