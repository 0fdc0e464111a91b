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
    void subjectIdsNeverWriteOutsideTheOutputFolderNorOverGyrusFiles() throws Exception {
        pipeline("ok");
        for (String id : List.of("..", ".", "../x", ".hidden", "summary.tsv", "Provenance.json", "pipeline.gyrus.json")) {
            Files.writeString(dir.resolve("subjects.tsv"), "participant_id\tcount\nsub-01\t2\n" + id + "\t3\n");
            assertEquals(2, gyrus("run", "small.gyrus.json", "--each", "subjects.tsv", "--out", "batch/out"), id + ": " + stderr);
            assertTrue(stderr.contains("The subject id '" + id + "'") && stderr.contains("Nothing was run."), stderr);
        }
        // Nothing ran: no subject folder, no summary, nothing beside the output folder.
        try (var s = Files.list(dir)) {
            assertEquals(List.of("small.gyrus.json", "subjects.tsv"), s.map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals("cache")).sorted().toList());
        }
        // An absolute path is made one plain name inside the folder.
        Files.writeString(dir.resolve("subjects.tsv"), "participant_id\tcount\n" + dir.resolve("elsewhere") + "\t2\n");
        assertEquals(0, gyrus("run", "small.gyrus.json", "--each", "subjects.tsv", "--out", "batch"), stderr);
        assertFalse(Files.exists(dir.resolve("elsewhere")));
        assertTrue(Files.exists(dir.resolve("batch/" + SubjectTable.folder(dir.resolve("elsewhere").toString()) + "/check.table.tsv")));
    }

    @Test
    void outNeverReplacesTheUsersFiles() throws Exception {
        Path mine = pipeline("ok");
        Files.copy(mine, dir.resolve("pipeline.gyrus.json"));
        String before = Files.readString(dir.resolve("pipeline.gyrus.json"));
        assertEquals(2, gyrus("run", "pipeline.gyrus.json", "--out", "."));
        assertTrue(stderr.contains(dir.resolve("pipeline.gyrus.json") + " already exists and was not written by Gyrus"), stderr);
        assertTrue(stderr.contains("Nothing was run."), stderr);
        assertEquals(before, Files.readString(dir.resolve("pipeline.gyrus.json")));
        assertFalse(Files.exists(dir.resolve("check.table.tsv")), "refused before the run, not after");

        // A result whose name holds a user's file goes beside it; the run's own files are Gyrus's to replace.
        Files.delete(dir.resolve("pipeline.gyrus.json"));
        Files.writeString(dir.resolve("check.table.tsv"), "my notes");
        assertEquals(0, gyrus("run", "small.gyrus.json", "--out", "."), stderr);
        assertEquals("my notes", Files.readString(dir.resolve("check.table.tsv")));
        assertEquals("x\n0\n1\n2\n", Files.readString(dir.resolve("check.table-2.tsv")));
        assertEquals(0, gyrus("run", "small.gyrus.json", "--out", "."), stderr);

        // --out must be a usable folder, checked before the run.
        Files.writeString(dir.resolve("a-file"), "x");
        assertEquals(2, gyrus("run", "small.gyrus.json", "--out", "a-file"));
        assertTrue(stderr.contains("The output folder (--out) " + dir.resolve("a-file") + " is a file, not a folder"), stderr);
        assertEquals(2, gyrus("run", "small.gyrus.json", "--out", "a-file/sub"));
        assertTrue(stderr.contains("cannot be created: " + dir.resolve("a-file") + " is a file."), stderr);
    }

    @Test
    void theSummaryKeepsTabsAndLineBreaksOfMessages() throws Exception {
        pipeline("ok");
        Files.writeString(dir.resolve("subjects.tsv"), "participant_id\tcount\nsub-01\t2\n");
        assertEquals(4, gyrus("run", "small.gyrus.json", "--each", "subjects.tsv", "--set", "mode=fail:column\tvolume\nmissing"));
        String summary = Files.readString(dir.resolve("gyrus-out/small/summary.tsv"));
        assertTrue(summary.startsWith("subject\tstatus\tseconds\tcomputed_nodes\tcached_nodes\tmessage\nsub-01\tfailed\t"), summary);
        assertTrue(summary.endsWith("\t1\t0\t\"node 'check' failed: column\tvolume\nmissing\"\n"), summary);
    }

    @Test
    void aCancelledBatchStillWritesItsSummaryAndARerunFinishesTheRest() throws Exception {
        pipeline("wait:60000");
        Files.writeString(dir.resolve("subjects.tsv"), "participant_id\tcount\tmode\nsub-01\t2\tok\nsub-02\t3\twait:60000\n"
                + "sub-03\t4\twait:60000\nsub-04\t5\tok\n");
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.PrintWriter w = new java.io.PrintWriter(out, true);
        Cancellation cancel = Cancellation.install(w);
        org.gyrus.pipeline.ResultCache cache = org.gyrus.pipeline.ResultCache.onDisk(dir.resolve("cache"), 1L << 30, 4);
        OutputOptions quiet = new OutputOptions();
        quiet.quiet = true;
        Pipeline p = PipelineFile.read(dir.resolve("small.gyrus.json"));
        SubjectTable subjects = SubjectTable.read(dir.resolve("subjects.tsv"), p);
        Path outDir = dir.resolve("out");
        int[] code = new int[1];
        Thread batch = new Thread(() -> {
            try {
                org.gyrus.pipeline.OutputFolder folder = org.gyrus.pipeline.OutputFolder.open(outDir, "The output folder");
                List<BatchExecutor.Subject> each = SubjectBatch.subjects(Map.of(), subjects, folder, List.of());
                code[0] = new SubjectBatch(w, w, quiet).run(new LocalExecutor(new SubjectRun(TestNodes.registry(), cache, cancel), p, null, 2,
                        w, quiet), p, subjects, each, folder);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        try {
            batch.start();
            // One thread per subject, two at once: sub-01 finishes, sub-02 waits; then sub-03 starts waiting too.
            long giveUp = System.nanoTime() + 20_000_000_000L;
            while (!Files.exists(outDir.resolve("sub-01/provenance.json")) && System.nanoTime() < giveUp) {
                Thread.sleep(20);
            }
            Thread.sleep(300);
            cancel.request();
            batch.join(20_000);
        } finally {
            cancel.finished();
        }
        assertFalse(batch.isAlive(), "the batch ended after the cancellation");
        assertEquals(ExitCodes.CANCELLED, code[0], out::toString);
        List<String> summary = Files.readAllLines(outDir.resolve("summary.tsv"));
        assertTrue(summary.get(1).startsWith("sub-01\tdone\t"), summary::toString);
        assertTrue(summary.get(2).startsWith("sub-02\tcancelled\t"), summary::toString);
        assertTrue(summary.get(3).startsWith("sub-03\tcancelled\t"), summary::toString);
        assertTrue(summary.get(4).startsWith("sub-04\tcancelled\t") && summary.get(4).endsWith("not started: the batch was cancelled"),
                summary::toString);
        // The cancelled subject still got its record, saying so.
        assertTrue(Files.readString(outDir.resolve("sub-02/provenance.json")).contains("\"gyrus:status\" : \"cancelled\""));

        // The rerun takes sub-01 from the cache and runs the rest (now quick).
        Files.writeString(dir.resolve("subjects.tsv"), "participant_id\tcount\tmode\nsub-01\t2\tok\nsub-02\t3\tok\n"
                + "sub-03\t4\tok\nsub-04\t5\tok\n");
        assertEquals(0, gyrus("run", "small.gyrus.json", "--each", "subjects.tsv", "--out", "out"), stderr);
        summary = Files.readAllLines(outDir.resolve("summary.tsv"));
        assertTrue(summary.get(1).startsWith("sub-01\tcached\t0\t") || summary.get(1).matches("sub-01\tcached\t[0-9.]+\t0\t2\t.*"),
                summary::toString);
        for (int i = 2; i <= 4; i++) {
            assertTrue(summary.get(i).contains("\tdone\t"), summary::toString);
        }
    }

    @Test
    void everyCommandShowsItsHelp() throws Exception {
        for (String command : List.of("run", "validate", "nodes", "describe", "demo")) {
            assertEquals(0, gyrus(command, "--help"), command + ": " + stderr);
            assertTrue(stdout.contains("Usage: gyrus " + command), command + ": " + stdout);
        }
    }

    @Test
    void everyCommandTakesQuietAndVerbose() throws Exception {
        pipeline("ok");
        for (String flag : List.of("--quiet", "-q", "--verbose", "-v")) {
            assertEquals(0, gyrus("validate", "small.gyrus.json", flag), flag + ": " + stderr);
            assertEquals(0, gyrus("nodes", flag), flag + ": " + stderr);
            assertEquals(0, gyrus("describe", "t.numbers", flag), flag + ": " + stderr);
            boolean quiet = flag.startsWith("-q") || flag.equals("--quiet");
            assertEquals(quiet, stdout.isEmpty(), flag + ": " + stdout);
        }
        // A contributed command (as org.gyrus.io's 'gyrus info') gets neither flag; --quiet silences its results.
        List<List<String>> seen = new ArrayList<>();
        org.gyrus.pipeline.Subcommand echo = new org.gyrus.pipeline.Subcommand() {
            @Override
            public String name() {
                return "echo";
            }

            @Override
            public String summary() {
                return "prints its arguments";
            }

            @Override
            public int run(List<String> args, PrintStream out, PrintStream err) {
                seen.add(args);
                out.println(args);
                return 0;
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, GyrusCommand.execute(TestNodes.registry(), List.of(echo), new String[] {"echo", "a", "--quiet", "b", "-v"},
                new PrintStream(out, true), System.err));
        assertEquals(List.of(List.of("a", "b")), seen);
        assertEquals("", out.toString());
    }

    @Test
    void anErrorInACommandIsOneParagraphAndNeverExitCodeZero() {
        org.gyrus.pipeline.Subcommand broken = new org.gyrus.pipeline.Subcommand() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public String summary() {
                return "runs out of memory";
            }

            @Override
            public int run(List<String> args, PrintStream out, PrintStream err) {
                throw new OutOfMemoryError("Java heap space");
            }
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(4, GyrusCommand.execute(TestNodes.registry(), List.of(broken), new String[] {"broken"}, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.startsWith("gyrus: Java ran out of memory (") && e.contains("GYRUS_JAVA_OPTS=-Xmx16g"), e);
        assertFalse(e.contains("\tat "), e);
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
