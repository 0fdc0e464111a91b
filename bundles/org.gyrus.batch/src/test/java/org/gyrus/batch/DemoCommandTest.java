package org.gyrus.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.gyrus.pipeline.ExamplePipeline;
import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.pipeline.Pipeline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gyrus demo} runs the example pipeline a bundle contributes, and names no node type itself. */
class DemoCommandTest {

    @TempDir
    Path dir;

    private String stdout;
    private String stderr;

    /** A contributed demo made of the test nodes: numbers feeding a check that fails in mode "fail". */
    private record Demo(String mode) implements ExamplePipeline {
        @Override
        public String name() {
            return "demo";
        }

        @Override
        public String summary() {
            return "test demo";
        }

        @Override
        public Pipeline build(NodeRegistry registry, Path outDir) {
            return Pipeline.named("demo").withNode(Pipeline.Node.of("numbers", "t.numbers", "1.0.0", Map.of("count", 3)))
                    .withNode(Pipeline.Node.of("check", "t.check", "1.0.0", Map.of("mode", mode)))
                    .withEdge("numbers", "table", "check", "table");
        }
    }

    @BeforeEach
    void workIn() {
        System.setProperty("gyrus.cwd", dir.toString());
    }

    @AfterEach
    void reset() {
        System.clearProperty("gyrus.cwd");
    }

    private int demo(List<ExamplePipeline> examples) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = GyrusCommand.execute(TestNodes.registry(), List.of(), examples,
                new String[] {"demo", "--cache-dir", dir.resolve("cache").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        stdout = out.toString(StandardCharsets.UTF_8);
        stderr = err.toString(StandardCharsets.UTF_8);
        return code;
    }

    @Test
    void runsTheContributedDemoAndLeavesItsFiles() throws Exception {
        assertEquals(0, demo(List.of(new Demo("ok"))), stderr);
        Path out = dir.resolve("gyrus-out/demo");
        assertTrue(Files.exists(out.resolve("demo.gyrus.json")));
        assertTrue(Files.exists(out.resolve("provenance.json")));
        assertTrue(Files.readString(out.resolve("report/report.md")).contains("## Clinical table summary"), "the source's table is summarised");
        assertTrue(stdout.contains("Demo pipeline with 2 nodes written to"), stdout);
    }

    /** Counts a table's rows into a report. */
    private static final class Summary implements org.gyrus.pipeline.NodeType {
        @Override
        public org.gyrus.pipeline.NodeDescriptor descriptor() {
            return org.gyrus.pipeline.NodeDescriptor.builder("t.summary", "1.0.0").name("Summary").category("Test").documentation("Counts rows.")
                    .input("table", org.gyrus.data.Table.class, "").output("report", org.gyrus.data.Report.class, "").build();
        }

        @Override
        public void execute(org.gyrus.pipeline.NodeContext c) {
            org.gyrus.data.Table t = c.input("table", org.gyrus.data.Table.class);
            c.output("report", org.gyrus.data.Report.empty().withText("Count", t.rowCount() + " rows")
                    .withMetrics("Rows", "rows", org.gyrus.data.Table.of(new org.gyrus.data.NumericColumn("n", new double[] {t.rowCount()}))));
        }
    }

    @Test
    void theReportsOfTheNodesThatEndThePipelineJoinTheDemoReport() throws Exception {
        ExamplePipeline withSummary = new ExamplePipeline() {
            @Override
            public String name() {
                return "demo";
            }

            @Override
            public String summary() {
                return "test demo";
            }

            @Override
            public Pipeline build(NodeRegistry registry, Path outDir) {
                return new Demo("ok").build(registry, outDir).withNode(Pipeline.Node.of("summary", "t.summary", "1.0.0", Map.of()))
                        .withEdge("numbers", "table", "summary", "table");
            }
        };
        NodeRegistry registry = TestNodes.registry();
        registry.add(new Summary(), "test", "1.0.0");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = GyrusCommand.execute(registry, List.of(), List.of(withSummary),
                new String[] {"demo", "--cache-dir", dir.resolve("cache").toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        Path report = dir.resolve("gyrus-out/demo/report");
        String md = Files.readString(report.resolve("report.md"));
        assertTrue(md.contains("## summary: Count") && md.contains("3 rows"), md);
        assertEquals(List.of("n", "3"), Files.readAllLines(report.resolve("tables/summary_rows.csv")).stream().map(String::strip).toList());
    }

    @Test
    void aFailingStepAfterTheDataIsReportedButTheDemoStillSucceeds() {
        assertEquals(0, demo(List.of(new Demo("fail"))), stderr);
        assertTrue(stderr.contains("node 'check' (t.check 1.0.0) failed"), stderr);
    }

    @Test
    void withoutAContributedDemoItSaysWhichPlugInIsMissing() {
        assertEquals(4, demo(List.of()));
        assertTrue(stderr.contains("No installed plug-in contributes the demo pipeline (the samples plug-in does)"), stderr);
    }
}
