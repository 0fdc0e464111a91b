package org.gyrus.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;

import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.PipelineFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gyrus run --explain}: one line per recomputed node, saying what changed; the same in the provenance. */
class ExplainOptionTest {

    @TempDir
    java.nio.file.Path dir;

    private String stdout;

    @BeforeEach
    void workIn() {
        System.setProperty("gyrus.cwd", dir.toString());
    }

    @AfterEach
    void reset() {
        System.clearProperty("gyrus.cwd");
    }

    private int gyrus(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--cache-dir", dir.resolve("cache").toString())).toArray(String[]::new);
        int code = GyrusCommand.execute(TestNodes.registry(), java.util.List.of(), all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        stdout = out.toString(StandardCharsets.UTF_8);
        return code;
    }

    @Test
    void explainSaysWhichPartOfEachRecomputedNodesKeyChanged() throws Exception {
        Pipeline p = Pipeline.named("small")
                .withVariable(new Pipeline.Variable("count", Pipeline.VariableType.INTEGER, 3, ""))
                .withNode(Pipeline.Node.of("numbers", "t.numbers", "1.0.0", Map.of("count", "${count}")))
                .withNode(Pipeline.Node.of("check", "t.check", "1.0.0", Map.of("mode", "ok")))
                .withEdge("numbers", "table", "check", "table");
        PipelineFile.write(p, dir.resolve("small.gyrus.json"));

        assertEquals(0, gyrus("run", "small.gyrus.json", "--explain"));
        assertTrue(stdout.contains("Why nodes were recomputed:\n  numbers: not run before with this cache\n  check: not run before with this cache\n"), stdout);

        assertEquals(0, gyrus("run", "small.gyrus.json", "--explain", "--threads", "1"));
        assertTrue(stdout.contains("Nothing was recomputed: every node came from the cache."), stdout);

        assertEquals(0, gyrus("run", "small.gyrus.json", "--explain", "--set", "count=5"));
        assertTrue(stdout.contains("Why nodes were recomputed:\n  numbers: parameter 'count' changed (3 \u2192 5)\n"
                + "  check: upstream result changed (input 'table' from node 'numbers')\n"), stdout);
        String prov = Files.readString(dir.resolve("gyrus-out/small/provenance.json"));
        assertTrue(prov.contains("\"gyrus:recomputedBecause\" : \"parameter 'count' changed (3 \u2192 5)\""), prov);
    }
}
