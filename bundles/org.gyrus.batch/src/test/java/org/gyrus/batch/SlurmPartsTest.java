package org.gyrus.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.gyrus.pipeline.Pipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parts of the SLURM executor that need no cluster: reading scontrol's answers (real ones, in
 * testdata/), array ranges, the task script's quoting, the per-subject record that resuming
 * relies on, and the provenance names of a job. The cluster itself is tested in
 * tests/org.gyrus.cli.tests (SlurmBatchTest).
 */
class SlurmPartsTest {

    @TempDir
    Path dir;

    @Test
    void scontrolLinesGiveEveryTasksStateAPendingRangeIncluded() throws Exception {
        Map<String, Slurm.TaskState> pending = Slurm.parse(Files.readString(Path.of("testdata/scontrol-array-pending.txt")));
        assertEquals(List.of("0", "1", "2", "3", "4", "5"), List.copyOf(pending.keySet()));
        assertTrue(pending.values().stream().allMatch(s -> s.state().equals("PENDING") && !s.isFinal() && s.node().isEmpty()));

        Map<String, Slurm.TaskState> later = Slurm.parse(Files.readString(Path.of("testdata/scontrol-array-running.txt")));
        assertEquals(6, later.size());
        assertEquals(new Slurm.TaskState("FAILED", "3:0", "gyrus-test", 3, "NonZeroExitCode"), later.get("0"));
        assertTrue(later.get("0").isFinal());
        assertEquals("RUNNING", later.get("2").state());
        assertFalse(later.get("3").isFinal(), "COMPLETING is not final: the task's processes are still ending");
        assertEquals("PENDING", later.get("5").state());
    }

    @Test
    void arrayRangesAndRunTimes() {
        assertEquals("0-3,7,9-10", Slurm.ranges(List.of(0, 1, 2, 3, 7, 9, 10)));
        assertEquals("6", Slurm.ranges(List.of(6)));
        assertEquals(List.of("0", "1", "2", "3", "7", "9", "10"), Slurm.expand("0-3,7,9-10%8"));
        assertEquals(List.of("0", "2", "4"), Slurm.expand("0-4:2"));
        assertEquals(3 * 86400 + 2 * 3600 + 5 * 60 + 9, Slurm.seconds("3-02:05:09"));
        assertEquals(65, Slurm.seconds("01:05"));
        assertEquals(0, Slurm.seconds("INVALID"));
    }

    @Test
    void theTaskScriptQuotesWhatBashWouldOtherwiseExpand() throws Exception {
        String nasty = "it's $HOME `x` \"q\"";
        Process p = new ProcessBuilder("bash", "-c", "printf %s " + SlurmExecutor.quote(nasty)).start();
        assertEquals(nasty, new String(p.getInputStream().readAllBytes()));
        assertEquals(0, p.waitFor());
    }

    @Test
    void theTaskScriptPicksItsSubjectByArrayTaskIdAndStopsClearlyWithoutJava() throws Exception {
        System.setProperty("gyrus.launcher", "/bin/echo");
        try {
            SlurmOptions o = new SlurmOptions();
            o.executor = "slurm";
            String script = new SlurmExecutor(o, List.of("run", "p.gyrus.json"), dir, "p", null, new OutputOptions(), null)
                    .script(List.of(new BatchExecutor.Subject(0, "sub-01", dir.resolve("sub-01"), Map.of()),
                            new BatchExecutor.Subject(4, "sub 05's", dir.resolve("sub_05_s"), Map.of())));
            Path f = Files.writeString(dir.resolve("task.sh"), script);
            // /bin/echo stands in for the launcher: the script hands it the run and the subject of task 4.
            ProcessBuilder pb = new ProcessBuilder("bash", f.toString()).redirectErrorStream(true);
            pb.environment().put("SLURM_ARRAY_TASK_ID", "4");
            pb.environment().put("SLURM_ARRAY_JOB_ID", "77");
            Process four = pb.start();
            String out = new String(four.getInputStream().readAllBytes());
            assertEquals(0, four.waitFor(), out);
            assertTrue(out.contains("== subject sub 05's: array task 77_4 on "), out);
            assertTrue(out.endsWith("run p.gyrus.json --batch-task sub 05's\n"), out);
            // Task 2 is no subject of this submission (a rerun of rows 0 and 4): a clear message, not a run.
            pb.environment().put("SLURM_ARRAY_TASK_ID", "2");
            Process two = pb.start();
            assertEquals(2, two.waitFor());
            assertTrue(new String(two.getInputStream().readAllBytes()).contains("gyrus: array task 2 is no subject of this batch"));
        } finally {
            System.clearProperty("gyrus.launcher");
        }
    }

    @Test
    void aRecordCountsAsDoneOnlyForTheSameRunWithItsOutputsPresent() throws Exception {
        Pipeline p = Pipeline.named("p").withVariable(new Pipeline.Variable("n", Pipeline.VariableType.INTEGER, 3, ""));
        String fingerprint = SubjectRecord.fingerprint(p, Map.of("n", "4"));
        Files.writeString(dir.resolve("out.tsv"), "x\n");
        SubjectBatch.Row row = new SubjectBatch.Row("sub-01", "done", 1.5, 2, 0, "", new SubjectBatch.Task("12", "0", "node1", "slurm/logs/12_0.log"));
        new SubjectRecord(row, fingerprint, List.of("out.tsv")).write(dir.resolve(SubjectRecord.FILE));
        SubjectRecord r = SubjectRecord.read(dir).orElseThrow();
        assertEquals(row, r.row());
        assertTrue(r.done(dir, fingerprint));
        assertTrue(r.writtenBy(new SubjectBatch.Task("12", "0", "", "")));
        assertFalse(r.writtenBy(new SubjectBatch.Task("13", "0", "", "")), "a record of an earlier job is not this task's result");
        assertFalse(r.done(dir, SubjectRecord.fingerprint(p, Map.of("n", "5"))), "another value: run again");
        assertFalse(r.done(dir, SubjectRecord.fingerprint(p.withVariable(new Pipeline.Variable("m", Pipeline.VariableType.INTEGER, 1, "")),
                Map.of("n", "4"))), "another pipeline: run again");
        Files.delete(dir.resolve("out.tsv"));
        assertFalse(r.done(dir, fingerprint), "an output is missing: run again");
        Files.writeString(dir.resolve(SubjectRecord.FILE), "\\u00zz broken");
        assertTrue(SubjectRecord.read(dir).isEmpty(), "an unreadable record counts as none");
    }

    @Test
    void aSubjectsStateComesFromItsTasksRecordElseFromTheSchedulerAndTheLog() throws Exception {
        SlurmTasks tasks = SlurmTasks.empty(dir).with("40", Map.of("a", "0", "b", "1", "c", "2", "d", "3", "e", "4"),
                List.of("a", "b", "c", "d", "e"));
        tasks.write();
        tasks = SlurmTasks.read(dir).orElseThrow();
        assertEquals(List.of("a", "b", "c", "d", "e"), tasks.subjects());
        Pipeline p = Pipeline.named("p");
        // a: its task wrote its record; b: only a record of an earlier job (no result of this one yet).
        Files.createDirectories(dir.resolve("a"));
        new SubjectRecord(new SubjectBatch.Row("a", "done", 2, 1, 0, "", new SubjectBatch.Task("40", "0", "n1", "")),
                SubjectRecord.fingerprint(p, Map.of()), List.of()).write(dir.resolve("a").resolve(SubjectRecord.FILE));
        Files.createDirectories(dir.resolve("b"));
        new SubjectRecord(new SubjectBatch.Row("b", "failed", 2, 1, 0, "old", new SubjectBatch.Task("39", "1", "n1", "")),
                SubjectRecord.fingerprint(p, Map.of()), List.of()).write(dir.resolve("b").resolve(SubjectRecord.FILE));
        Files.createDirectories(dir.resolve("slurm/logs"));
        Files.writeString(dir.resolve("slurm/logs/40_2.log"), "== subject c\ngyrus: no Java at /x/bin/java on n2\n\n");
        Files.writeString(dir.resolve("slurm/logs/40_3.log"), "== subject d\nUnrecognized VM option 'Nope'\nError: Could not create the JVM.\n");
        Map<String, Map<String, Slurm.TaskState>> states = Map.of("40", Map.of(
                "0", new Slurm.TaskState("COMPLETED", "0:0", "n1", 2, "None"),
                "1", new Slurm.TaskState("RUNNING", "0:0", "n1", 5, "None"),
                "2", new Slurm.TaskState("FAILED", "127:0", "n2", 0, "NonZeroExitCode"),
                "3", new Slurm.TaskState("FAILED", "1:0", "n2", 0, "NonZeroExitCode"),
                "4", new Slurm.TaskState("CANCELLED", "0:15", "", 0, "None")));
        assertEquals(new SubjectBatch.Row("a", "done", 2, 1, 0, "", new SubjectBatch.Task("40", "0", "n1", "slurm/logs/40_0.log")),
                tasks.row("a", states));
        assertEquals("running", tasks.row("b", states).status());
        SubjectBatch.Row c = tasks.row("c", states);
        assertEquals("failed", c.status());
        assertEquals("the task FAILED (exit 127:0); log slurm/logs/40_2.log: gyrus: no Java at /x/bin/java on n2", c.message());
        assertEquals("the task FAILED (exit 1:0); log slurm/logs/40_3.log: Unrecognized VM option 'Nope' | Error: Could not create the JVM.",
                tasks.row("d", states).message());
        assertEquals(new SubjectBatch.Row("e", "cancelled", 0, 0, 0, "cancelled before it started",
                new SubjectBatch.Task("40", "4", "", "slurm/logs/40_4.log")), tasks.row("e", states));
        // A job the scheduler has forgotten (MinJobAge): the records still tell; a task without one is failed, saying why.
        assertEquals("done", tasks.row("a", Map.of()).status());
        assertTrue(tasks.row("b", Map.of()).message().startsWith("no result, and the scheduler no longer knows task 40_1"),
                tasks.row("b", Map.of())::toString);
        assertTrue(SlurmTasks.active(states));
        assertFalse(SlurmTasks.active(Map.of("40", Map.of("0", states.get("40").get("0")))));
    }

    @Test
    void slurmOptionsAreCheckedAndNeedTheSlurmExecutor() {
        SlurmOptions o = new SlurmOptions();
        o.executor = "local";
        o.maxParallel = 4;
        assertTrue(assertThrows(CliException.class, () -> o.check(true)).getMessage().contains("--max-parallel only work with"));
        o.executor = "pbs";
        assertTrue(assertThrows(CliException.class, () -> o.check(true)).getMessage().contains("choose local or slurm"));
        o.executor = "slurm";
        assertTrue(assertThrows(CliException.class, () -> o.check(false)).getMessage().contains("--each"));
        o.partition = "short";
        o.mem = "2G";
        o.sbatchArgs = List.of("--qos=low");
        assertEquals(List.of("--partition=short", "--mem=2G", "--cpus-per-task=1", "--qos=low"), o.sbatch());
    }

    @Test
    void provenanceNamesTheJobTaskAndNodeOfASlurmTask() {
        assertEquals(Map.of("slurmJobId", "15", "slurmArrayJobId", "12", "slurmArrayTaskId", "3", "slurmNode", "n7"),
                PipelineRunner.scheduler(Map.of("SLURM_JOB_ID", "15", "SLURM_ARRAY_JOB_ID", "12", "SLURM_ARRAY_TASK_ID", "3",
                        "SLURMD_NODENAME", "n7", "HOME", "/root")));
        assertEquals(Map.of(), PipelineRunner.scheduler(Map.of("HOME", "/root")));
    }
}
