package org.gyrus.batch;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.gyrus.data.AtomicFile;

/**
 * The subjects of a batch as the tasks of one SLURM array job: writes the task script into
 * {@code OUTPUT_DIR/slurm/}, submits it with {@code sbatch --array=...%K} (array task id = the
 * subject's row in the table), records which task runs which subject ({@link SlurmTasks}), then
 * waits and shows progress unless detached. Ctrl-C while waiting cancels the array
 * ({@code scancel}). Each task runs this same command line for its one subject
 * ({@code --batch-task}), so its folder, provenance and record are those of a local batch.
 */
final class SlurmExecutor implements BatchExecutor {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    /** Polling the controller once a second is cheap for it (one RPC) and quick enough to show progress. */
    private static final long POLL_MILLIS = 1000;

    private final SlurmOptions options;
    private final List<String> taskArguments;
    private final Path outDir;
    private final String name;
    private final PrintWriter out;
    private final OutputOptions output;
    private final Cancellation cancellation;

    /**
     * @param taskArguments the {@code gyrus} arguments every task runs, to which {@code --batch-task SUBJECT} is added
     * @param name          the job's name
     */
    SlurmExecutor(SlurmOptions options, List<String> taskArguments, Path outDir, String name, PrintWriter out, OutputOptions output,
            Cancellation cancellation) {
        this.options = options;
        this.taskArguments = taskArguments;
        this.outDir = outDir;
        this.name = name;
        this.out = out;
        this.output = output;
        this.cancellation = cancellation;
    }

    @Override
    public boolean skipsDoneSubjects() {
        return true;
    }

    /**
     * Refuses a new submission into {@code outDir} while a task of an earlier one may still run:
     * two jobs must never write the same subject's folder.
     */
    static void checkNothingRuns(Path outDir) {
        try {
            Optional<SlurmTasks> tasks = SlurmTasks.read(outDir);
            if (tasks.isPresent() && SlurmTasks.active(tasks.get().states())) {
                throw new CliException(ExitCodes.BAD_ARGUMENTS, "A SLURM job of this batch is still queued or running (job "
                        + String.join(", ", tasks.get().jobs()) + "): see 'gyrus status " + WorkingDirectory.show(outDir)
                        + "', or cancel it with 'gyrus cancel " + WorkingDirectory.show(outDir) + "'. Nothing was submitted.");
            }
        } catch (IOException e) {
            throw new CliException(ExitCodes.EXECUTION_ERROR, "The state of the earlier SLURM job in " + WorkingDirectory.show(outDir)
                    + " cannot be read: " + e.getMessage() + ". Nothing was submitted.", e);
        }
    }

    @Override
    public Optional<List<SubjectBatch.Row>> run(List<Subject> subjects, List<Subject> all) throws InterruptedException {
        String job;
        SlurmTasks tasks;
        Path dir = outDir.resolve(SlurmTasks.FOLDER);
        try {
            Files.createDirectories(dir.resolve("logs"));
            Path script = dir.resolve("task.sh");
            AtomicFile.write(script, script(subjects));
            List<Integer> ids = subjects.stream().map(Subject::index).toList();
            List<String> sbatch = new ArrayList<>();
            sbatch.add("--array=" + Slurm.ranges(ids) + (options.maxParallel == null ? "" : "%" + options.maxParallel));
            sbatch.add("--job-name=gyrus-" + name);
            sbatch.add("--output=" + dir.resolve("logs").resolve("%A_%a.log"));
            sbatch.add("--chdir=" + WorkingDirectory.get());
            sbatch.addAll(options.sbatch());
            job = Slurm.submit(sbatch, script);
            Map<String, String> submitted = new LinkedHashMap<>();
            subjects.forEach(s -> submitted.put(s.id(), Integer.toString(s.index())));
            tasks = SlurmTasks.read(outDir).orElse(SlurmTasks.empty(outDir)).with(job, submitted, all.stream().map(Subject::id).toList());
            tasks.write();
        } catch (IOException e) {
            throw new CliException(ExitCodes.EXECUTION_ERROR, "The batch could not be submitted to SLURM: " + e.getMessage(), e);
        }
        String shown = WorkingDirectory.show(outDir);
        if (!output.quiet) {
            out.printf("Submitted SLURM job %s: %d task%s (%s), logs in %s%n", job, subjects.size(), subjects.size() == 1 ? "" : "s",
                    options.maxParallel == null ? "no limit on tasks at once" : "at most " + options.maxParallel + " at once",
                    WorkingDirectory.show(dir.resolve("logs")));
            out.flush();
        }
        if (options.detach) {
            if (!output.quiet) {
                out.printf("Detached. 'gyrus status %s' reports the batch and writes its summary when it has ended; "
                        + "'gyrus cancel %s' cancels it.%n", shown, shown);
                out.flush();
            }
            return Optional.empty();
        }
        return Optional.of(await(job, tasks, subjects.stream().map(Subject::id).toList()));
    }

    /** Waits until every task of {@code ids} has ended, printing progress; Ctrl-C cancels the job. */
    private List<SubjectBatch.Row> await(String job, SlurmTasks tasks, List<String> ids) throws InterruptedException {
        AtomicLong cancelledAt = new AtomicLong();
        Runnable forget = cancellation.onCancel(() -> {
            cancelledAt.set(System.nanoTime());
            try {
                Slurm.cancel(job);
            } catch (IOException e) {
                System.err.println("gyrus: " + e.getMessage() + "; cancel the job yourself: scancel " + job);
            }
        });
        try {
            Map<String, String> shown = new HashMap<>();
            String lastCounts = "";
            int finished = 0;
            while (true) {
                List<SubjectBatch.Row> rows;
                try {
                    rows = tasks.rows(ids);
                } catch (IOException e) {
                    // A controller that does not answer for a moment is no reason to give up a batch of hours.
                    out.println("gyrus: " + e.getMessage() + "; asking again");
                    out.flush();
                    Thread.sleep(5 * POLL_MILLIS);
                    continue;
                }
                boolean stillRunning = false;
                for (SubjectBatch.Row r : rows) {
                    if (isActive(r)) {
                        stillRunning = true;
                    } else if (!r.status().equals(shown.put(r.subject(), r.status())) && !output.quiet) {
                        finished++;
                        out.printf("[%d/%d] %s %s in %s (task %s_%s%s)%s%n", finished, ids.size(), r.subject(), r.status(),
                                ProgressDisplay.seconds((long) (r.seconds() * 1e9)), r.task().job(), r.task().task(),
                                r.task().node().isEmpty() ? "" : " on " + r.task().node(), r.message().isEmpty() ? "" : ": " + r.message());
                    }
                }
                String counts = counts(rows);
                if (!counts.equals(lastCounts) && !output.quiet) {
                    out.println(LocalTime.now().format(CLOCK) + " job " + job + ": " + counts);
                    lastCounts = counts;
                }
                out.flush();
                // The shutdown hook holds the JVM for Cancellation.GRACE at most: the summary must be written before that.
                long since = cancelledAt.get() == 0 ? 0 : System.nanoTime() - cancelledAt.get();
                boolean givenUp = since > (Cancellation.GRACE.toNanos() * 4) / 5;
                if (!stillRunning || givenUp) {
                    List<SubjectBatch.Row> end = new ArrayList<>();
                    for (SubjectBatch.Row r : rows) {
                        end.add(isActive(r) ? new SubjectBatch.Row(r.subject(), "cancelled", r.seconds(), 0, 0,
                                "the batch was cancelled; the task was still " + r.status(), r.task()) : r);
                    }
                    return end;
                }
                Thread.sleep(POLL_MILLIS);
            }
        } finally {
            forget.run();
        }
    }

    static boolean isActive(SubjectBatch.Row r) {
        return r.status().equals("pending") || r.status().equals("running");
    }

    /** "2 pending, 8 running, 9 done, 1 failed" (only the states that occur, cached counted as done). */
    static String counts(List<SubjectBatch.Row> rows) {
        Map<String, Integer> n = new LinkedHashMap<>();
        for (String s : List.of("pending", "running", "done", "failed", "invalid", "cancelled")) {
            n.put(s, 0);
        }
        rows.forEach(r -> n.merge(r.status().equals("cached") ? "done" : r.status(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        n.forEach((k, v) -> {
            if (v > 0 || k.equals("done")) {
                parts.add(v + " " + k);
            }
        });
        return String.join(", ", parts);
    }

    /** The script every task runs: its subject from the array task id, then this gyrus for that subject. */
    String script(List<Subject> subjects) {
        String launcher = System.getProperty("gyrus.launcher");
        if (launcher == null || launcher.isBlank()) {
            throw new CliException(ExitCodes.BAD_ARGUMENTS, "--executor slurm needs to know where the gyrus launcher lies: start gyrus "
                    + "with its launcher script (./gyrus), which the tasks run too.");
        }
        String javaHome = System.getenv().getOrDefault("GYRUS_TASK_JAVA_HOME", System.getProperty("java.home"));
        StringBuilder s = new StringBuilder();
        s.append("#!/bin/bash\n");
        s.append("# One task of a gyrus batch, written by 'gyrus run --each ... --executor slurm' (sbatch keeps a copy per job).\n");
        s.append("# The array task id is the subject's row in the subjects table, from 0.\n");
        s.append("declare -A subject=(");
        for (Subject x : subjects) {
            s.append(" [").append(x.index()).append("]=").append(quote(x.id()));
        }
        s.append(" )\n");
        s.append("id=\"${subject[${SLURM_ARRAY_TASK_ID:-none}]:-}\"\n");
        s.append("[ -n \"$id\" ] || { echo \"gyrus: array task ${SLURM_ARRAY_TASK_ID:-?} is no subject of this batch\" >&2; exit 2; }\n");
        s.append("export JAVA_HOME=").append(quote(javaHome)).append('\n');
        s.append("[ -x \"$JAVA_HOME/bin/java\" ] || { echo \"gyrus: no Java at $JAVA_HOME/bin/java on $(hostname): the tasks run the Java "
                + "of the submitting gyrus (or GYRUS_TASK_JAVA_HOME), which must exist on every node\" >&2; exit 127; }\n");
        s.append("[ -x ").append(quote(launcher)).append(" ] || { echo \"gyrus: the gyrus launcher ").append(launcher.replace("\"", ""))
                .append(" is missing on $(hostname): the product must lie on a file system every node shares\" >&2; exit 127; }\n");
        s.append("export GYRUS_JAVA_OPTS=").append(quote(System.getenv().getOrDefault("GYRUS_JAVA_OPTS", ""))).append('\n');
        s.append("export GYRUS_NO_BUILD=1 GYRUS_PROGRESS=plain\n");
        s.append("echo \"== subject $id: array task ${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID} on $(hostname), "
                + "$(date -u +%Y-%m-%dT%H:%M:%SZ)\"\n");
        s.append("exec ").append(quote(launcher));
        for (String a : taskArguments) {
            s.append(' ').append(quote(a));
        }
        s.append(" --batch-task \"$id\"\n");
        return s.toString();
    }

    /** {@code text} in single quotes for bash. */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
