package org.gyrus.pipeline;

import java.util.concurrent.atomic.AtomicInteger;

import org.scijava.plugin.Parameter;

/** Test-only node types: a descriptor, a body, and a count of executions. */
final class FakeNode implements NodeType {

    interface Body {
        void run(NodeContext c) throws Exception;
    }

    /** Parameters of the numeric test nodes. */
    public static final class NumberParameters {
        @Parameter(min = "0", max = "100")
        public double amount = 1;
        @Parameter(choices = {"add", "multiply"})
        public String mode = "add";
        @Parameter
        public int delayMs = 0;
        @Parameter(required = false)
        public java.nio.file.Path file;
        @Parameter
        public String label = "";
    }

    final AtomicInteger executions = new AtomicInteger();
    private final NodeDescriptor descriptor;
    private final Body body;

    FakeNode(NodeDescriptor descriptor, Body body) {
        this.descriptor = descriptor;
        this.body = body;
    }

    @Override
    public NodeDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public void execute(NodeContext context) throws Exception {
        executions.incrementAndGet();
        body.run(context);
    }

    /** {@code test.source}: outputs its amount as a Double after delayMs. */
    static FakeNode source(String version) {
        return new FakeNode(NodeDescriptor.builder("test.source", version).output("value", Double.class, "")
                .parameters(NumberParameters.class).build(), c -> {
                    NumberParameters p = c.parameters(NumberParameters.class);
                    sleep(c, p.delayMs);
                    c.output("value", p.amount);
                });
    }

    /** {@code test.add}: value (+ optional other) + amount, or × amount in multiply mode. */
    static FakeNode add() {
        return new FakeNode(NodeDescriptor.builder("test.add", "1.2.0").input("value", Double.class, "")
                .optionalInput("other", Double.class, "").output("value", Double.class, "")
                .parameters(NumberParameters.class).build(), c -> {
                    NumberParameters p = c.parameters(NumberParameters.class);
                    sleep(c, p.delayMs);
                    double v = c.input("value", Double.class) + c.optionalInput("other", Double.class).orElse(0.0);
                    c.output("value", p.mode.equals("add") ? v + p.amount : v * p.amount);
                });
    }

    /** {@code test.text}: outputs a String. */
    static FakeNode text() {
        return new FakeNode(NodeDescriptor.builder("test.text", "1.0.0").output("text", String.class, "").build(),
                c -> c.output("text", "hello"));
    }

    /** {@code test.fail}: takes a value and throws. */
    static FakeNode fail() {
        return new FakeNode(NodeDescriptor.builder("test.fail", "1.0.0").input("value", Double.class, "")
                .output("value", Double.class, "").build(), c -> {
                    throw new IllegalStateException("the data has no rows");
                });
    }

    /** {@code test.spin}: runs until cancelled, checking every millisecond, reporting progress. */
    static FakeNode spin() {
        return new FakeNode(NodeDescriptor.builder("test.spin", "1.0.0").output("value", Double.class, "").build(), c -> {
            for (int i = 0; ; i++) {
                c.checkCancelled();
                c.progress((i % 100) / 100.0);
                Thread.sleep(1);
            }
        });
    }

    static void sleep(NodeContext c, int ms) throws InterruptedException {
        long end = System.nanoTime() + ms * 1_000_000L;
        while (System.nanoTime() < end) {
            c.checkCancelled();
            Thread.sleep(Math.max(1, Math.min(5, (end - System.nanoTime()) / 1_000_000)));
        }
    }

    static NodeRegistry registry(NodeType... types) {
        NodeRegistry r = new NodeRegistry();
        for (NodeType t : types) {
            r.add(t, "org.gyrus.test", "1.0.0");
        }
        return r;
    }
}
