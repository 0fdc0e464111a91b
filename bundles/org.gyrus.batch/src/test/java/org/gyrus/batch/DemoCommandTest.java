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
