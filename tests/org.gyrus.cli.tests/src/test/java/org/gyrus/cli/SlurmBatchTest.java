package org.gyrus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gyrus run --each ... --executor slurm} against a real SLURM: the class brings up a
 * private cluster (munged, slurmctld, slurmd: {@code tests/slurm/slurm-up.sh}, own ports and
 * state folder) and tears it down after. Without SLURM (or root) the tests are skipped and say
 * so; with {@code GYRUS_REQUIRE_SLURM=1} (CI) they fail instead, so CI can never pass them silently.
 */
class SlurmBatchTest {

    private static final Path ROOT = Path.of(System.getProperty("gyrus.root", "../..")).toAbsolutePath().normalize();

    private static Path cluster;
    private static String slurmConf;
    /** Why the tests cannot run here, or null. */
    private static String skipped;

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    @BeforeAll
    static void bringUpSlurm() throws Exception {
        String missing = missing();
        if (missing != null) {
            String why = "SLURM integration tests SKIPPED: " + missing
                    + " (apt-get install slurmctld slurmd slurm-client munge, as root; .ci/run does it)";
            System.err.println(why);
            if ("1".equals(System.getenv("GYRUS_REQUIRE_SLURM"))) {
                fail(why.replace("SKIPPED", "required (GYRUS_REQUIRE_SLURM=1) but cannot run"));
            }
            // Each test is then skipped in @BeforeEach: an abort here would make surefire count no test at all.
            skipped = why;
            return;
        }
        cluster = Files.createTempDirectory(Path.of("/tmp"), "gyrus-slurm-");
        // Should the test JVM be stopped before @AfterAll (a timeout, Ctrl-C), the daemons must not outlive it.
        Path mine = cluster;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                new ProcessBuilder(ROOT.resolve("tests/slurm/slurm-down.sh").toString(), mine.toString()).start().waitFor(60, TimeUnit.SECONDS);
            } catch (IOException e) {
                // nothing more to do while the JVM ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "slurm-down"));
        Process up = new ProcessBuilder(ROOT.resolve("tests/slurm/slurm-up.sh").toString(), cluster.toString()).redirectErrorStream(true)
                .start();
        String log = new String(up.getInputStream().readAllBytes());
        if (!up.waitFor(60, TimeUnit.SECONDS) || up.exitValue() != 0) {
            tearDownSlurm();
            fail("SLURM did not come up: " + log);
        }
        slurmConf = cluster.resolve("slurm.conf").toString();
    }

    @BeforeEach
    void skipWithoutSlurm() {
        Assumptions.assumeTrue(skipped == null, skipped);
    }

    @AfterAll
    static void tearDownSlurm() throws Exception {
        if (cluster != null) {
            Process down = new ProcessBuilder(ROOT.resolve("tests/slurm/slurm-down.sh").toString(), cluster.toString()).inheritIO().start();
            assertTrue(down.waitFor(60, TimeUnit.SECONDS), "slurm-down.sh ended");
            for (String pid : List.of("slurmd.pid", "slurmctld.pid", "munge/munged.pid")) {
                Path f = cluster.resolve(pid);
                if (Files.exists(f)) {
                    long p = Long.parseLong(Files.readString(f).strip());
                    assertFalse(ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false), pid + " is still running after tear-down");
                }
            }
            // The daemons are gone: their folder (state, logs, munge key) goes too.
            try (Stream<Path> files = Files.walk(cluster)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
            cluster = null;
        }
    }

    /** What is missing to run a private SLURM here, or null. */
    private static String missing() throws Exception {
        for (String tool : List.of("sbatch", "scontrol", "scancel", "sinfo", "slurmctld", "slurmd", "munged")) {
            Process p = new ProcessBuilder("sh", "-c", "PATH=$PATH:/usr/sbin:/sbin command -v " + tool).start();
            if (p.waitFor() != 0) {
                return tool + " is not installed";
            }
        }
        Process id = new ProcessBuilder("id", "-u").start();
        String uid = new String(id.getInputStream().readAllBytes()).strip();
        return uid.equals("0") ? null : "not root (slurmd must start jobs as their user)";
    }

    private Result gyrus(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Process p = start(env, args);
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("gyrus " + String.join(" ", args) + " did not end within 240 s: " + read());
        }
        return new Result(p.exitValue(), Files.readString(dir.resolve(".stdout")), Files.readString(dir.resolve(".stderr")));
    }

    private Result gyrus(String... args) throws IOException, InterruptedException {
        return gyrus(Map.of(), args);
    }

    private Process start(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("setsid", ROOT.resolve("gyrus").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve(".stdout").toFile()).redirectError(dir.resolve(".stderr").toFile());
        pb.environment().put("GYRUS_CACHE", dir.resolve(".cache").toString());
        pb.environment().put("GYRUS_PROGRESS", "plain");
        pb.environment().put("SLURM_CONF", slurmConf);
        pb.environment().putAll(env);
        return pb.start();
    }

    private String read() {
        try {
            return Files.readString(dir.resolve(".stdout")) + Files.readString(dir.resolve(".stderr"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private String slurm(String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("SLURM_CONF", slurmConf);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
        return out;
    }

    /** read-table of the file ${table}: a subject whose table is a folder fails while running. */
    private void readPipeline(int subjects, int failing) throws IOException {
        Files.writeString(dir.resolve("read.gyrus.json"), """
                {"format": "gyrus-pipeline", "formatVersion": 1, "name": "read",
                 "variables": [{"name": "table", "type": "string", "default": "none"}],
                 "nodes": [{"id": "read", "type": "org.gyrus.io.read-table", "version": "1.0.0", "parameters": {"file": "${table}"}}]}
                """);
        Files.createDirectories(dir.resolve("data"));
        StringBuilder table = new StringBuilder("participant_id\ttable\tage\n");
        for (int i = 1; i <= subjects; i++) {
            String id = String.format("sub-%02d", i);
            Path f = dir.resolve("data").resolve(id + ".tsv");
            if (i == failing) {
                Files.createDirectories(f);
            } else {
                Files.writeString(f, "id\tvalue\n" + id + "\t" + i + "\n");
            }
            table.append(id).append("\tdata/").append(id).append(".tsv\t").append(30 + i).append('\n');
        }
        Files.writeString(dir.resolve("subjects.tsv"), table);
    }

    private static List<Map<String, String>> summary(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.get(0).split("\t", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split("\t", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], i < cells.length ? cells[i] : "");
            }
            rows.add(row);
        }
        return rows;
    }

    @Test
    void twentySubjectsOneFailingThenARerunSubmitsOnlyThatOne() throws Exception {
        readPipeline(20, 7);
        // JVM options reach the tasks: their heap is the one asked for here.
        Result r = gyrus(Map.of("GYRUS_JAVA_OPTS", "-Xmx320m"), "run", "read.gyrus.json", "--each", "subjects.tsv", "--executor", "slurm",
                "--max-parallel", "8", "--out", "out", "--time", "10:00", "--mem", "1500M");
        assertEquals(4, r.code(), r::toString);
        assertTrue(r.out().contains("Submitted SLURM job") && r.out().contains("at most 8 at once"), r::toString);
        assertTrue(r.out().contains("[20/20]") && r.out().contains("19 done, 1 failed"), r::toString);
        Path out = dir.resolve("out");
        assertEquals("subject\tstatus\tseconds\tcomputed_nodes\tcached_nodes\tmessage\tjob_id\ttask_id\tnode\tlog",
                Files.readAllLines(out.resolve("summary.tsv")).get(0));
        List<Map<String, String>> rows = summary(out.resolve("summary.tsv"));
        assertEquals(20, rows.size());
        String job = rows.get(0).get("job_id");
        for (int i = 0; i < 20; i++) {
            Map<String, String> row = rows.get(i);
            assertEquals(String.format("sub-%02d", i + 1), row.get("subject"));
            assertEquals(i == 6 ? "failed" : "done", row.get("status"), row::toString);
            assertEquals(job, row.get("job_id"));
            assertEquals(Integer.toString(i), row.get("task_id"), "the array task id is the subject's row");
            assertEquals("gyrus-test", row.get("node"));
            assertEquals("slurm/logs/" + job + "_" + i + ".log", row.get("log"));
            assertTrue(Files.readString(out.resolve(row.get("log"))).contains("== subject " + row.get("subject")), row::toString);
        }
        assertTrue(rows.get(6).get("message").contains("node 'read' failed"), rows.get(6)::toString);
        // The local layout: per-subject folder with outputs, the resolved pipeline and provenance naming job, task and node.
        assertEquals(List.of("id\tvalue", "sub-03\t3"), Files.readAllLines(out.resolve("sub-03/read.table.tsv")));
        assertTrue(Files.exists(out.resolve("sub-03/pipeline.gyrus.json")));
        JsonNode run = new ObjectMapper().readTree(out.resolve("sub-03/provenance.json").toFile()).at("/activity/gyrus:run");
        assertEquals(job, run.get("gyrus:slurmArrayJobId").asText());
        assertEquals("2", run.get("gyrus:slurmArrayTaskId").asText());
        assertEquals("gyrus-test", run.get("gyrus:slurmNode").asText());
        assertEquals("succeeded", run.get("gyrus:status").asText());
        long heap = run.get("gyrus:maxHeapBytes").asLong();
        assertTrue(heap <= 320L << 20 && heap > 200L << 20, "the task ran with -Xmx320m: " + heap);
        // What sbatch was asked for reached the scheduler.
        String task0 = slurm("scontrol", "-o", "show", "job", job + "_0");
        assertTrue(task0.contains("TimeLimit=00:10:00") && task0.contains("MinMemoryNode=1500M"), task0);

        // Fix sub-07's input: the rerun submits only sub-07, as a new job of one task.
        Files.delete(dir.resolve("data/sub-07.tsv"));
        Files.writeString(dir.resolve("data/sub-07.tsv"), "id\tvalue\nsub-07\t7\n");
        Result again = gyrus("run", "read.gyrus.json", "--each", "subjects.tsv", "--executor", "slurm", "--max-parallel", "8", "--out", "out");
        assertEquals(0, again.code(), again::toString);
        assertTrue(again.out().contains("19 done already (left out), 1 to run") && again.out().contains("Submitted SLURM job")
                && again.out().contains(": 1 task "), again::toString);
        rows = summary(out.resolve("summary.tsv"));
        String second = rows.get(6).get("job_id");
        assertNotEquals(job, second);
        assertEquals("done", rows.get(6).get("status"));
        assertEquals("6", rows.get(6).get("task_id"));
        assertEquals(job, rows.get(0).get("job_id"), "subjects not resubmitted keep the job that ran them");
        assertEquals(List.of("6"), List.of(slurm("scontrol", "-o", "show", "job", second).lines()
                .map(l -> l.replaceAll(".* ArrayTaskId=(\\S+) .*", "$1")).toArray()), "one task in the second job");
        assertEquals(List.of("id\tvalue", "sub-07\t7"), Files.readAllLines(out.resolve("sub-07/read.table.tsv")));
    }

    /** cohort → select → scale → impute → an autoencoder of ${epochs} epochs: 2 is quick, 100000 runs until cancelled. */
    private void slowPipeline(String... epochs) throws IOException {
        Files.writeString(dir.resolve("slow.gyrus.json"), """
                {
                  "format": "gyrus-pipeline", "formatVersion": 1, "name": "slow", "seed": 7,
                  "variables": [{"name": "epochs", "type": "integer", "default": 2}],
                  "nodes": [
                    { "id": "cohort", "type": "org.gyrus.samples.cohort", "version": "1.0.0", "parameters": { "subjects": 40, "size": 16 } },
                    { "id": "keep", "type": "org.gyrus.preprocess.select-columns", "version": "1.0.0", "parameters": { "names": "subject_id,sex" } },
                    { "id": "select", "type": "org.gyrus.preprocess.select-columns", "version": "1.0.0", "parameters": { "names": "subject_id,age" } },
                    { "id": "scale", "type": "org.gyrus.preprocess.standard-scaler", "version": "1.0.0" },
                    { "id": "impute", "type": "org.gyrus.preprocess.simple-imputer", "version": "1.0.0" },
                    { "id": "ae", "type": "org.gyrus.reduce.autoencoder", "version": "1.0.0",
                      "parameters": { "layers": [256, 256, 2], "epochs": "${epochs}" } }
                  ],
                  "edges": [
                    { "from": "cohort", "output": "clinical", "to": "keep", "input": "table" },
                    { "from": "cohort", "output": "clinical", "to": "select", "input": "table" },
                    { "from": "select", "output": "table", "to": "scale", "input": "table" },
                    { "from": "scale", "output": "table", "to": "impute", "input": "table" },
                    { "from": "impute", "output": "table", "to": "ae", "input": "table" }
                  ]
                }
                """);
        StringBuilder t = new StringBuilder("subject\tepochs\n");
        for (int i = 0; i < epochs.length; i++) {
            t.append("s").append(i + 1).append('\t').append(epochs[i]).append('\n');
        }
        Files.writeString(dir.resolve("slow.tsv"), t);
    }

    /** Waits until {@code file} contains {@code text}. */
    private void await(Path file, String text, Process p) throws Exception {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        while (!Files.exists(file) || !Files.readString(file).contains(text)) {
            assertTrue(System.nanoTime() < giveUp && (p == null || p.isAlive()), () -> file + " never said '" + text + "': " + read());
            Thread.sleep(200);
        }
    }

    private static List<Path> temporaries(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".gyrus-part")).toList();
        }
    }

    @Test
    void aTaskKilledWhileRunningIsCancelledAndLeavesNothingHalfWritten() throws Exception {
        slowPipeline("2", "100000", "2");
        Result submitted = gyrus("run", "slow.gyrus.json", "--each", "slow.tsv", "--executor", "slurm", "--out", "out", "--detach");
        assertEquals(0, submitted.code(), submitted::toString);
        assertTrue(submitted.out().contains("Detached.") && !submitted.out().contains("subjects done"), submitted::toString);
        Path out = dir.resolve("out");
        String job = summaryJob(out);
        // s2 trains; kill it hard (SIGKILL: no chance to clean up), as a node failure or an OOM killer would.
        await(out.resolve("slurm/logs/" + job + "_1.log"), "ae started", null);
        Result running = gyrus("status", "out");
        assertEquals(0, running.code(), running::toString);
        assertTrue(running.out().contains("running") && !Files.exists(out.resolve("summary.tsv")), running::toString);
        slurm("scancel", "--signal=KILL", job + "_1");
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Result status;
        do {
            Thread.sleep(500);
            status = gyrus("status", "out");
        } while ((status.out().contains("running") || status.out().contains("pending")) && System.nanoTime() < giveUp);
        assertTrue(status.out().contains("(ended)"), status::toString);
        List<Map<String, String>> rows = summary(out.resolve("summary.tsv"));
        // s1 and s3 run the same pipeline with the same values: whichever ends second may take every node from the cache.
        assertTrue(List.of("done", "cached").contains(rows.get(0).get("status")), rows.get(0)::toString);
        assertTrue(List.of("cancelled", "failed").contains(rows.get(1).get("status")), rows.get(1)::toString);
        assertTrue(List.of("done", "cached").contains(rows.get(2).get("status")), rows.get(2)::toString);
        assertNotEquals(0, status.code(), status::toString);
        // The killed task wrote no output of the autoencoder and left no half-written file that a reader could take for one.
        try (Stream<Path> s2 = Files.list(out.resolve("s2"))) {
            assertEquals(List.of(), s2.filter(f -> f.getFileName().toString().startsWith("ae.")).toList());
        }
        assertEquals(List.of(), temporaries(out).stream().filter(f -> !f.startsWith(out.resolve("s2"))).toList());

        // The rerun submits s2 alone, now quick: the nodes before the autoencoder come from the cache, intact.
        slowPipeline("2", "3", "2");
        Result again = gyrus("run", "slow.gyrus.json", "--each", "slow.tsv", "--executor", "slurm", "--out", "out");
        assertEquals(0, again.code(), again::toString);
        assertTrue(again.out().contains("2 done already (left out), 1 to run"), again::toString);
        rows = summary(out.resolve("summary.tsv"));
        assertEquals("done", rows.get(1).get("status"), rows.get(1)::toString);
        assertTrue(Integer.parseInt(rows.get(1).get("cached_nodes")) >= 4, rows.get(1)::toString);
        assertEquals(List.of(), temporaries(out), "the rerun removed what the killed task left");
        assertTrue(Files.size(out.resolve("s2/keep.table.tsv")) > 0);
    }

    private static String summaryJob(Path out) throws IOException {
        String tasks = Files.readString(out.resolve("slurm/tasks.properties"));
        return tasks.replaceAll("(?s).*s1\\.job=(\\d+).*", "$1");
    }

    @Test
    void ctrlCWhileWaitingCancelsTheArrayAndGyrusCancelTheDetachedOne() throws Exception {
        slowPipeline("100000", "100000", "2");
        Process p = start(Map.of(), "run", "slow.gyrus.json", "--each", "slow.tsv", "--executor", "slurm", "--out", "waiting",
                "--max-parallel", "1");
        await(dir.resolve(".stdout"), "1 running", p);
        String job = summaryJob(dir.resolve("waiting"));
        await(dir.resolve("waiting/slurm/logs/" + job + "_0.log"), "ae started", p);
        assertEquals(0, new ProcessBuilder("kill", "-INT", "--", Long.toString(p.pid())).start().waitFor());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "gyrus ended after Ctrl-C");
        assertEquals(130, p.exitValue(), this::read);
        String tasks = slurm("scontrol", "-o", "show", "job", job);
        assertFalse(tasks.contains("JobState=RUNNING") || tasks.contains("JobState=PENDING"), "the array was cancelled: " + tasks);
        List<Map<String, String>> rows = summary(dir.resolve("waiting/summary.tsv"));
        for (Map<String, String> row : rows) {
            assertEquals("cancelled", row.get("status"), row::toString);
        }
        // The first subject was running: its own gyrus wrote what finished and its record says cancelled.
        assertTrue(Files.readString(dir.resolve("waiting/s1/provenance.json")).contains("\"gyrus:status\" : \"cancelled\""));

        // A detached batch: gyrus cancel stops it and writes its summary.
        Result submitted = gyrus("run", "slow.gyrus.json", "--each", "slow.tsv", "--executor", "slurm", "--out", "detached", "--detach",
                "--max-parallel", "1");
        assertEquals(0, submitted.code(), submitted::toString);
        Result again = gyrus("run", "slow.gyrus.json", "--each", "slow.tsv", "--executor", "slurm", "--out", "detached");
        assertEquals(2, again.code(), "a second submission into a running batch is refused: " + again);
        assertTrue(again.err().contains("still queued or running"), again::toString);
        Result cancel = gyrus("cancel", "detached");
        assertEquals(0, cancel.code(), cancel::toString);
        assertTrue(cancel.out().contains("Cancelled SLURM job"), cancel::toString);
        assertTrue(summary(dir.resolve("detached/summary.tsv")).stream().allMatch(r -> r.get("status").equals("cancelled")),
                () -> read());
    }

    @Test
    void aTaskThatCannotStartIsReportedFailedWithItsLogsReason() throws Exception {
        readPipeline(2, 0);
        Result r = gyrus(Map.of("GYRUS_TASK_JAVA_HOME", "/nonexistent/java"), "run", "read.gyrus.json", "--each", "subjects.tsv",
                "--executor", "slurm", "--out", "out");
        assertEquals(4, r.code(), r::toString);
        for (Map<String, String> row : summary(dir.resolve("out/summary.tsv"))) {
            assertEquals("failed", row.get("status"), row::toString);
            assertTrue(row.get("message").contains("gyrus: no Java at /nonexistent/java/bin/java on "), row::toString);
        }
        // A status of an ended batch says the same, from the scheduler and the logs.
        Result status = gyrus("status", "out");
        assertEquals(4, status.code(), status::toString);
        assertTrue(status.out().contains("sub-01 failed") && status.out().contains("no Java at"), status::toString);
    }
}
