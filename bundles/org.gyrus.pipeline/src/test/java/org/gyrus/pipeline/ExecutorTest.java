package org.gyrus.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

class ExecutorTest {

    private final FakeNode source = FakeNode.source("1.0.0");
    private final FakeNode add = FakeNode.add();
    private final FakeNode fail = FakeNode.fail();
    private final FakeNode spin = FakeNode.spin();
    private final NodeRegistry registry = FakeNode.registry(source, add, fail, spin);

    private static Pipeline.Node node(String id, String type, Map<String, Object> p) {
        return Pipeline.Node.of(id, type, type.equals("test.add") ? "1.2.0" : "1.0.0", p);
    }

    @Test
    void runsInDependencyOrderAndPassesValues() throws Exception {
        Pipeline p = Pipeline.named("sum")
                .withNode(node("c", "test.add", Map.of("amount", 10)))
                .withNode(node("a", "test.source", Map.of("amount", 2)))
                .withNode(node("b", "test.source", Map.of("amount", 3)))
                .withEdge("a", "value", "c", "value").withEdge("b", "value", "c", "other");
        RunResult r = Executor.builder(registry).threads(2).build().run(p, Map.of());
        assertTrue(r.succeeded(), r::toString);
        assertEquals(15.0, r.outputs("c").get("value"));
        assertEquals(List.of("a", "b", "c"), r.nodes().stream().map(NodeOutcome::node).toList());
    }

    @Test
    void independentBranchesOverlapWithinTheThreadBudget() throws Exception {
        Pipeline p = Pipeline.named("two")
                .withNode(node("a", "test.source", Map.of("delayMs", 150)))
                .withNode(node("b", "test.source", Map.of("delayMs", 150)));
        RunResult parallel = Executor.builder(registry).threads(2).build().run(p, Map.of());
        NodeOutcome a = parallel.node("a").orElseThrow();
        NodeOutcome b = parallel.node("b").orElseThrow();
        // Overlap: each started before the other ended.
        assertTrue(a.started().isBefore(b.started().plus(b.wallTime())) && b.started().isBefore(a.started().plus(a.wallTime())),
                () -> a + " " + a.started() + " / " + b + " " + b.started());
        assertTrue(a.wallTime().toMillis() >= 150, () -> "wall time " + a.wallTime());

        RunResult serial = Executor.builder(registry).threads(1).build().run(p, Map.of());
        assertTrue(serial.wallTime().toMillis() >= 300, () -> "one thread took only " + serial.wallTime());
    }

    @Test
    void aFailureSkipsItsDownstreamWhileTheRestFinishes() throws Exception {
        Pipeline p = Pipeline.named("iso")
                .withNode(node("a", "test.source", Map.of()))
                .withNode(node("bad", "test.fail", Map.of()))
                .withNode(node("after", "test.add", Map.of()))
                .withNode(node("after2", "test.add", Map.of()))
                .withNode(node("other", "test.add", Map.of("delayMs", 30)))
                .withEdge("a", "value", "bad", "value").withEdge("bad", "value", "after", "value")
                .withEdge("after", "value", "after2", "value").withEdge("a", "value", "other", "value");
        RunResult r = Executor.builder(registry).threads(2).build().run(p, Map.of());
        assertFalse(r.succeeded());
        assertEquals(NodeState.FAILED, r.node("bad").orElseThrow().state());
        assertEquals("the data has no rows", r.node("bad").orElseThrow().reason());
        assertTrue(r.node("bad").orElseThrow().failure().orElseThrow() instanceof IllegalStateException);
        assertEquals(NodeState.SKIPPED, r.node("after").orElseThrow().state());
        assertEquals(NodeState.SKIPPED, r.node("after2").orElseThrow().state());
        assertTrue(r.node("after2").orElseThrow().reason().contains("'bad'"));
        assertEquals(NodeState.FINISHED, r.node("other").orElseThrow().state());
        assertEquals(2.0, r.outputs("other").get("value"));
        assertEquals(List.of("bad"), r.failures().stream().map(NodeOutcome::node).toList());
        assertEquals(0, add.executions.get() - 1, "only 'other' ran of the add nodes");
    }

    @Test
    void cancellationStopsTheRunWithinASecond() throws Exception {
        Pipeline p = Pipeline.named("spin").withNode(node("s", "test.spin", Map.of()))
                .withNode(node("a", "test.source", Map.of("delayMs", 5000)))
                .withNode(node("later", "test.add", Map.of())).withEdge("a", "value", "later", "value");
        List<ProgressEvent> events = Collections.synchronizedList(new ArrayList<>());
        Execution e = Executor.builder(registry).threads(2).listener(events::add).build().start(p, Map.of());
        // Cancel once the spinning node is under way (a loaded machine may take a while to start it).
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (events.stream().noneMatch(x -> x.node().equals("s") && x.state() == NodeState.RUNNING && x.fraction() > 0)
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        long t0 = System.nanoTime();
        e.cancel();
        RunResult r = e.await(Duration.ofSeconds(2)).orElseThrow(() -> new AssertionError("did not stop in 2 s"));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 1000, "stopped after " + ms + " ms");
        assertTrue(r.cancelled());
        assertEquals(List.of(NodeState.CANCELLED, NodeState.CANCELLED, NodeState.CANCELLED),
                r.nodes().stream().map(NodeOutcome::state).toList());
        assertTrue(events.stream().anyMatch(x -> x.node().equals("s") && x.state() == NodeState.RUNNING && x.fraction() > 0),
                "spin reported progress");
        assertEquals(0, add.executions.get());
    }

    @Test
    void progressEventsTellEachNodesLifeAndTheOverallFraction() throws Exception {
        Pipeline p = Pipeline.named("ev").withNode(node("a", "test.source", Map.of()))
                .withNode(node("b", "test.add", Map.of())).withEdge("a", "value", "b", "value");
        Map<String, List<NodeState>> seen = new ConcurrentHashMap<>();
        List<Double> overall = Collections.synchronizedList(new ArrayList<>());
        Executor.builder(registry).threads(2).listener(ev -> {
            seen.computeIfAbsent(ev.node(), k -> Collections.synchronizedList(new ArrayList<>())).add(ev.state());
            overall.add(ev.overallFraction());
        }).build().run(p, Map.of());
        assertEquals(List.of(NodeState.QUEUED, NodeState.RUNNING, NodeState.FINISHED), seen.get("a"));
        assertEquals(List.of(NodeState.QUEUED, NodeState.RUNNING, NodeState.FINISHED), seen.get("b"));
        assertEquals(1.0, overall.get(overall.size() - 1));
        assertEquals(0.5, overall.stream().filter(x -> x > 0 && x < 1).findFirst().orElseThrow());
    }

    @Test
    void validationErrorsStopTheRunBeforeAnythingExecutes() {
        Pipeline p = Pipeline.named("bad").withNode(node("a", "test.source", Map.of("amount", 1000)));
        PipelineValidationException e = assertThrows(PipelineValidationException.class,
                () -> Executor.builder(registry).build().run(p, Map.of()));
        assertEquals(1, e.errors().size());
        assertEquals(0, source.executions.get());
        assertTrue(e.getMessage().contains("Node 'a', parameters.amount"), e.getMessage());
    }

    @Test
    void variablesReachTheNodes() throws Exception {
        Pipeline p = Pipeline.named("v").withVariable(new Pipeline.Variable("x", Pipeline.VariableType.NUMBER, 1, ""))
                .withNode(node("a", "test.source", Map.of("amount", "${x}")));
        RunResult r = Executor.builder(registry).build().run(p, Map.of("x", "42.5"));
        assertEquals(42.5, r.outputs("a").get("value"));
        assertEquals(42.5, r.variables().get("x"));
    }

    @Test
    void aLongChainRunsInOrderWithLittleOverhead() throws Exception {
        RunResult r = Executor.builder(registry).threads(2).build().run(ChainBenchmark.chain(200), Map.of());
        assertTrue(r.succeeded());
        assertEquals(200.0, r.outputs("n199").get("value")); // 1 + 199 × 1
        // The benchmark's bound is 1 s on a warm JVM; this cold, first run only guards against gross regressions.
        assertTrue(r.wallTime().toMillis() < 5000, () -> "took " + r.wallTime());
    }

    @Test
    void aFailureSaysWhyEvenWhenWrappedAndOutOfMemoryIsExplained() throws Exception {
        FakeNode wrapped = new FakeNode(NodeDescriptor.builder("test.wrapped", "1.0.0").output("value", Double.class, "").build(), c -> {
            throw new IllegalStateException("Generating a phantom failed", new java.io.IOException("disk full"));
        });
        FakeNode oom = new FakeNode(NodeDescriptor.builder("test.oom", "1.0.0").output("value", Double.class, "").build(), c -> {
            throw new OutOfMemoryError("Java heap space");
        });
        // Separate runs: out of memory stops a whole run (below), which could stop 'w' before it fails by itself.
        Executor executor = Executor.builder(FakeNode.registry(wrapped, oom)).build();
        RunResult r = executor.run(Pipeline.named("wrapped").withNode(Pipeline.Node.of("w", "test.wrapped", "1.0.0", Map.of())), Map.of());
        assertEquals("Generating a phantom failed: disk full", r.node("w").orElseThrow().reason());
        r = executor.run(Pipeline.named("oom").withNode(Pipeline.Node.of("m", "test.oom", "1.0.0", Map.of())), Map.of());
        assertTrue(r.node("m").orElseThrow().reason().contains("GYRUS_JAVA_OPTS=-Xmx16g"), r.node("m").orElseThrow().reason());
    }

    @Test
    void outOfMemoryInANodeStopsTheWholeRunWhichFailedNotCancelled() throws Exception {
        FakeNode oom = new FakeNode(NodeDescriptor.builder("test.oom", "1.0.0").output("value", Double.class, "").build(), c -> {
            Thread.sleep(50);
            throw new RuntimeException("while reading", new OutOfMemoryError("Java heap space"));
        });
        // 'spin' runs until told to stop; 'after' waits for 'a', which waits 400 ms: it must never start.
        Pipeline p = Pipeline.named("fatal").withNode(Pipeline.Node.of("m", "test.oom", "1.0.0", Map.of()))
                .withNode(node("s", "test.spin", Map.of()))
                .withNode(node("a", "test.source", Map.of("delayMs", 400)))
                .withNode(node("after", "test.add", Map.of()))
                .withEdge("a", "value", "after", "value");
        long t0 = System.nanoTime();
        RunResult r = Executor.builder(FakeNode.registry(oom, spin, source, add)).threads(3).build().run(p, Map.of());
        assertTrue(System.nanoTime() - t0 < 3_000_000_000L, "the run stopped at once");
        assertFalse(r.cancelled(), "nobody cancelled it: it failed");
        assertFalse(r.succeeded());
        assertEquals(NodeState.FAILED, r.node("m").orElseThrow().state());
        assertTrue(r.node("m").orElseThrow().reason().startsWith("Java ran out of memory ("), r::toString);
        assertEquals(NodeState.CANCELLED, r.node("s").orElseThrow().state(), r::toString);
        assertTrue(r.node("s").orElseThrow().reason().contains("node 'm' failed with a fatal error"), r::toString);
        assertEquals(NodeState.SKIPPED, r.node("after").orElseThrow().state(), r::toString);
        assertEquals(0, add.executions.get(), "nothing started after the error");
        String prov = Provenance.of(r).toJson();
        assertTrue(prov.contains("\"gyrus:status\" : \"failed\""), prov);
    }

    @Test
    void aMissingFileSaysWhichParameterNamedIt() throws Exception {
        FakeNode reader = new FakeNode(NodeDescriptor.builder("test.read", "1.0.0").output("value", Double.class, "")
                .parameters(FakeNode.NumberParameters.class).build(), c -> {
                    java.nio.file.Files.readAllBytes(c.parameters(FakeNode.NumberParameters.class).file);
                });
        java.nio.file.Path missing = java.nio.file.Path.of("/nonexistent/gyrus/data.csv");
        RunResult r = Executor.builder(FakeNode.registry(reader)).build().run(Pipeline.named("files")
                .withNode(Pipeline.Node.of("read", "test.read", "1.0.0", Map.of("file", missing.toString()))), Map.of());
        assertEquals("the file " + missing + " does not exist (the file named by parameter 'file')",
                r.node("read").orElseThrow().reason());
        // A reader that says what is wrong and who named the file is left to say it.
        FakeNode checked = new FakeNode(NodeDescriptor.builder("test.checked", "1.0.0").output("value", Double.class, "")
                .parameters(FakeNode.NumberParameters.class).build(), c -> {
                    throw new java.nio.file.FileSystemException(missing.toString(), null, "is a folder, not a file (set by the parameter 'File')");
                });
        r = Executor.builder(FakeNode.registry(checked)).build().run(Pipeline.named("files")
                .withNode(Pipeline.Node.of("read", "test.checked", "1.0.0", Map.of("file", missing.toString()))), Map.of());
        assertEquals(missing + ": is a folder, not a file (set by the parameter 'File')", r.node("read").orElseThrow().reason());
    }

    @Test
    void neverMoreNodesRunAtOnceThanTheBudget() throws Exception {
        java.util.concurrent.atomic.AtomicInteger now = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger peak = new java.util.concurrent.atomic.AtomicInteger();
        FakeNode counted = new FakeNode(NodeDescriptor.builder("test.counted", "1.0.0").output("value", Double.class, "").build(), c -> {
            peak.accumulateAndGet(now.incrementAndGet(), Math::max);
            Thread.sleep(30);
            now.decrementAndGet();
            c.output("value", (double) c.threads());
        });
        Pipeline p = Pipeline.named("budget");
        for (int i = 0; i < 6; i++) {
            p = p.withNode(Pipeline.Node.of("n" + i, "test.counted", "1.0.0", Map.of()));
        }
        RunResult r = Executor.builder(FakeNode.registry(counted)).threads(3).build().run(p, Map.of());
        assertTrue(r.succeeded());
        assertEquals(3, peak.get());
        assertEquals(3, r.threads());
        assertTrue(r.nodes().stream().allMatch(n -> n.wallTime().toMillis() >= 30));
    }
}
