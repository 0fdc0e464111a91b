package org.gyrus.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.PipelineFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line run in-process on test node types: outputs, provenance, exit codes, batches. */
class GyrusCommandTest {

    @TempDir
    Path dir;

    private String stdout;
    private String stderr;

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
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        if (List.of("run", "demo").contains(args[0])) {
            all.add("--cache-dir");
            all.add(dir.resolve("cache").toString());
        }
        int code = GyrusCommand.execute(TestNodes.registry(), List.of(), all.toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        stdout = out.toString(StandardCharsets.UTF_8);
        stderr = err.toString(StandardCharsets.UTF_8);
        return code;
    }

    private Path pipeline(String mode) throws Exception {
        Pipeline p = Pipeline.named("small")
                .withVariable(new Pipeline.Variable("count", Pipeline.VariableType.INTEGER, 3, ""))
                .withVariable(new Pipeline.Variable("mode", Pipeline.VariableType.STRING, mode, ""))
                .withNode(Pipeline.Node.of("numbers", "t.numbers", "1.0.0", Map.of("count", "${count}")))
                .withNode(Pipeline.Node.of("check", "t.check", "1.0.0", Map.of("mode", "${mode}")))
                .withEdge("numbers", "table", "check", "table");
        Path f = dir.resolve("small.gyrus.json");
        PipelineFile.write(p, f);
        return f;
    }

    @Test
    void runWritesOutputsResolvedPipelineAndProvenance() throws Exception {
        pipeline("ok");
        assertEquals(0, gyrus("run", "small.gyrus.json", "--set", "count=4"), stderr);
        Path out = dir.resolve("gyrus-out/small");
        assertEquals("x\n0\n1\n2\n3\n", Files.readString(out.resolve("check.table.tsv")));
        assertEquals(4L, ((Number) PipelineFile.read(out.resolve("pipeline.gyrus.json")).variable("count").orElseThrow().defaultValue()).longValue());
        String prov = Files.readString(out.resolve("provenance.json"));
        assertTrue(prov.contains("\"gyrus:variable.count\" : \"4\""), prov);
        assertTrue(prov.matches("(?s).*\"gyrus:output.check.table\" : \\{[^}]*\"gyrus:sha256\" : \"[0-9a-f]{64}\".*"), prov);
        assertTrue(stdout.contains("Finished 2 nodes"), stdout);

        assertEquals(0, gyrus("run", "small.gyrus.json", "--set", "count=4", "--out", "again"));
        assertTrue(stdout.contains("(0 computed, 2 from the cache)"), stdout);
        assertEquals(0, gyrus("run", "small.gyrus.json", "--set", "count=4", "--out", "again", "--no-cache", "--quiet"));
        assertEquals("", stdout);
    }

    @Test
    void badArgumentsExitWith2() throws Exception {
        pipeline("ok");
        assertEquals(2, gyrus("run"));
        assertTrue(stderr.contains("Missing required parameter: 'PIPELINE'"), stderr);
        assertEquals(2, gyrus("run", "small.gyrus.json", "--threads", "many"));
        assertEquals(2, gyrus("run", "small.gyrus.json", "--set", "count"));
        assertTrue(stderr.contains("NAME=VALUE"), stderr);
        assertEquals(2, gyrus("describe", "t.nothing"));
        assertEquals(2, gyrus("run", "small.gyrus.json", "--each", "missing.tsv"));
    }

    @Test
    void loadAndValidationErrorsExitWith3AndRunNothing() throws Exception {
        assertEquals(3, gyrus("run", "absent.gyrus.json"));
        assertTrue(stderr.contains("does not exist"), stderr);
        Files.writeString(dir.resolve("broken.gyrus.json"), "{\"format\": \"gyrus-pipeline\", \"formatVersion\": 1, \"nodes\": [}");
        assertEquals(3, gyrus("run", "broken.gyrus.json"));
        assertTrue(stderr.contains("not valid JSON at line 1"), stderr);
        pipeline("ok");
        assertEquals(3, gyrus("run", "small.gyrus.json", "--set", "count=0", "--set", "nope=1"));
        assertTrue(stderr.contains("Node 'numbers', parameters.count") && stderr.contains("there is no variable 'nope'"), stderr);
        assertTrue(stderr.contains("Nothing was run."), stderr);
        assertFalse(Files.exists(dir.resolve("gyrus-out/small")));
        assertEquals(3, gyrus("validate", "small.gyrus.json", "--set", "count=0"));
        assertEquals(0, gyrus("validate", "small.gyrus.json"));
        assertTrue(stdout.contains("is valid: 2 nodes, 1 edges, 2 variables"), stdout);
    }

    @Test
    void aFailingNodeExitsWith4AndSaysWhy() throws Exception {
        pipeline("fail");
        assertEquals(4, gyrus("run", "small.gyrus.json"));
        assertTrue(stderr.contains("node 'check' (t.check 1.0.0) failed: the table has no column 'volume'"), stderr);
        assertFalse(stderr.contains("\tat "), "no stack trace without --verbose");
        assertTrue(Files.exists(dir.resolve("gyrus-out/small/provenance.json")));
        assertEquals(4, gyrus("run", "small.gyrus.json", "--verbose"));
        assertTrue(stderr.contains("\tat org.gyrus.batch.TestNodes$Check.execute"), stderr);
    }

    @Test
    void eachRunsEverySubjectDespiteOneFailingAndARerunRetriesOnlyIt() throws Exception {
        pipeline("ok");
        Files.writeString(dir.resolve("subjects.tsv"), "participant_id\tcount\tmode\tage\nsub-01\t2\tok\t31\nsub-02\t5\tfail\t40\nsub-03\t7\tok\t52\n");
        assertEquals(4, gyrus("run", "small.gyrus.json", "--each", "subjects.tsv", "--threads", "2"));
        List<String> summary = Files.readAllLines(dir.resolve("gyrus-out/small/summary.tsv"));
        assertEquals(4, summary.size(), summary::toString);
        assertTrue(summary.get(1).startsWith("sub-01\tdone\t"), summary.get(1));
        assertTrue(summary.get(2).startsWith("sub-02\tfailed\t") && summary.get(2).contains("no column 'volume'"), summary.get(2));
        assertTrue(summary.get(3).startsWith("sub-03\tdone\t"), summary.get(3));
        assertEquals(7, Files.readAllLines(dir.resolve("gyrus-out/small/sub-03/check.table.tsv")).size() - 1);
        assertTrue(Files.exists(dir.resolve("gyrus-out/small/sub-02/provenance.json")));

        // sub-02's table is fixed: the rerun takes 01 and 03 from the cache and computes 02.
        Files.writeString(dir.resolve("subjects.tsv"), "participant_id\tcount\tmode\tage\nsub-01\t2\tok\t31\nsub-02\t5\tok\t40\nsub-03\t7\tok\t52\n");
        assertEquals(0, gyrus("run", "small.gyrus.json", "--each", "subjects.tsv"));
        summary = Files.readAllLines(dir.resolve("gyrus-out/small/summary.tsv"));
        assertTrue(summary.get(1).startsWith("sub-01\tcached\t"), summary.get(1));
        assertTrue(summary.get(2).startsWith("sub-02\tdone\t") && summary.get(2).contains("\t1\t1\t"), summary.get(2));
        assertTrue(summary.get(3).startsWith("sub-03\tcached\t"), summary.get(3));
    }

    @Test
    void describeShowsPortsParametersDefaultsAndRanges() {
        assertEquals(0, gyrus("describe", "t.numbers"));
        assertTrue(stdout.contains("id t.numbers, version 1.0.0, from org.gyrus.test 1.0.0"), stdout);
        assertTrue(stdout.matches("(?s).*count\\s+int\\s+default 3\\s+range 1 \\.\\. 1000.*"), stdout);
        assertTrue(stdout.contains("Count: How many numbers"), stdout);
        assertTrue(stdout.matches("(?s).*table\\s+Table\\s+the numbers.*"), stdout);
    }
}
