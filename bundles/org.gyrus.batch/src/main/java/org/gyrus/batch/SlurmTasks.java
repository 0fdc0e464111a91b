package org.gyrus.batch;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import org.gyrus.data.AtomicFile;

/**
 * Which SLURM array task runs or ran each subject of a batch, kept in
 * {@code OUTPUT_DIR/slurm/tasks.properties}: what {@code gyrus status} and {@code gyrus cancel}
 * read, and what a rerun updates for the subjects it submits again. The state of a subject comes
 * from the record its task wrote ({@link SubjectRecord}) or, if the task wrote none (pending,
 * running, killed, or it could not start), from the scheduler and the task's log.
 */
final class SlurmTasks {

    /** The folder of a SLURM batch's own files in its output folder (job script, task list, logs). */
    static final String FOLDER = "slurm";
    static final String FILE = "tasks.properties";

    /** Where one subject was submitted. */
    record Entry(String job, String task, String log) {
    }

    private final Path outDir;
    private final List<String> subjects;
    private final Map<String, Entry> entries;

    private SlurmTasks(Path outDir, List<String> subjects, Map<String, Entry> entries) {
        this.outDir = outDir;
        this.subjects = subjects;
        this.entries = entries;
    }

    /** An empty list for {@code outDir}. */
    static SlurmTasks empty(Path outDir) {
        return new SlurmTasks(outDir, List.of(), Map.of());
    }

    /** The task list of the batch in {@code outDir}, if it has one. */
    static Optional<SlurmTasks> read(Path outDir) throws IOException {
        Path file = outDir.resolve(FOLDER).resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        String all = p.getProperty("subjects", "");
        List<String> subjects = all.isEmpty() ? List.of() : List.of(all.split("\n"));
        Map<String, Entry> entries = new HashMap<>();
        for (String id : subjects) {
            String key = SubjectTable.folder(id);
            if (p.getProperty(key + ".job") != null) {
                entries.put(id, new Entry(p.getProperty(key + ".job"), p.getProperty(key + ".task", ""), p.getProperty(key + ".log", "")));
            }
        }
        return Optional.of(new SlurmTasks(outDir, subjects, entries));
    }

    /** This list with {@code submitted} (subject id → task id) added as tasks of {@code job}, and {@code all} as the subjects. */
    SlurmTasks with(String job, Map<String, String> submitted, List<String> all) {
        Map<String, Entry> e = new HashMap<>(entries);
        submitted.forEach((id, task) -> e.put(id, new Entry(job, task, FOLDER + "/logs/" + job + "_" + task + ".log")));
        return new SlurmTasks(outDir, List.copyOf(all), e);
    }

    /** Writes the list atomically. */
    void write() throws IOException {
        Properties p = new Properties();
        p.setProperty("subjects", String.join("\n", subjects));
        for (String id : subjects) {
            Entry e = entries.get(id);
            if (e != null) {
                String key = SubjectTable.folder(id);
                p.setProperty(key + ".job", e.job());
                p.setProperty(key + ".task", e.task());
                p.setProperty(key + ".log", e.log());
            }
        }
        StringWriter w = new StringWriter();
        p.store(w, "gyrus run --each --executor slurm: the array task of each subject");
        Path dir = Files.createDirectories(outDir.resolve(FOLDER));
        AtomicFile.write(dir.resolve(FILE), w.toString());
    }

    /** The subject ids, in the table's order. */
    List<String> subjects() {
        return subjects;
    }

    /** The job ids this list names. */
    Set<String> jobs() {
        Set<String> jobs = new LinkedHashSet<>();
        entries.values().forEach(e -> jobs.add(e.job()));
        return jobs;
    }

    /** The scheduler's view of every job of the list. */
    Map<String, Map<String, Slurm.TaskState>> states() throws IOException {
        Map<String, Map<String, Slurm.TaskState>> states = new HashMap<>();
        for (String job : jobs()) {
            states.put(job, Slurm.tasks(job));
        }
        return states;
    }

    /** Whether a task of the list may still run (pending, running, completing). */
    static boolean active(Map<String, Map<String, Slurm.TaskState>> states) {
        return states.values().stream().flatMap(m -> m.values().stream()).anyMatch(s -> !s.isFinal());
    }

    /**
     * The state of every subject of {@code ids} as a summary row: from its task's record if that
     * task wrote one, else {@code pending} or {@code running}, else what the scheduler and the
     * task's log say. The scheduler is asked first and the record read after, so that a task
     * that ends between the two is never taken for one that ended without a result.
     */
    List<SubjectBatch.Row> rows(List<String> ids) throws IOException {
        Map<String, Map<String, Slurm.TaskState>> states = states();
        List<SubjectBatch.Row> rows = new ArrayList<>();
        for (String id : ids) {
            rows.add(row(id, states));
        }
        return rows;
    }

    SubjectBatch.Row row(String id, Map<String, Map<String, Slurm.TaskState>> states) {
        Path dir = outDir.resolve(SubjectTable.folder(id));
        Entry e = entries.get(id);
        Optional<SubjectRecord> record = SubjectRecord.read(dir);
        if (e == null) {
            // Done before this batch went to SLURM (a local run), or never submitted.
            return record.map(SubjectRecord::row).orElse(new SubjectBatch.Row(id, "failed", 0, 0, 0, "never submitted", null));
        }
        Slurm.TaskState state = states.getOrDefault(e.job(), Map.of()).get(e.task());
        String node = state == null ? "" : state.node();
        SubjectBatch.Task task = new SubjectBatch.Task(e.job(), e.task(), node, e.log());
        if (record.isPresent() && record.get().writtenBy(task)) {
            SubjectBatch.Row r = record.get().row();
            String recordedNode = r.task() == null || r.task().node().isEmpty() ? node : r.task().node();
            return new SubjectBatch.Row(r.subject(), r.status(), r.seconds(), r.computed(), r.cached(), r.message(),
                    new SubjectBatch.Task(e.job(), e.task(), recordedNode, e.log()));
        }
        if (state == null) {
            return new SubjectBatch.Row(id, "failed", 0, 0, 0, "no result, and the scheduler no longer knows task " + e.job() + "_"
                    + e.task() + logReason(e), task);
        }
        double seconds = state.seconds();
        return switch (state.state()) {
            case "PENDING", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED", "SUSPENDED", "RESV_DEL_HOLD" ->
                    new SubjectBatch.Row(id, "pending", 0, 0, 0, state.reason().equals("None") ? "" : state.reason(), task);
            case "CANCELLED" -> new SubjectBatch.Row(id, "cancelled", seconds, 0, 0, Files.exists(outDir.resolve(e.log()))
                    ? "the task was cancelled before it wrote its result" + logReason(e) : "cancelled before it started", task);
            case "COMPLETED" -> new SubjectBatch.Row(id, "failed", seconds, 0, 0, "the task ended without writing its result" + logReason(e),
                    task);
            default -> state.isFinal()
                    ? new SubjectBatch.Row(id, "failed", seconds, 0, 0, "the task " + state.state() + " (exit " + state.exitCode() + ")"
                            + logReason(e), task)
                    : new SubjectBatch.Row(id, "running", seconds, 0, 0, "", task);
        };
    }

    /** What the task's log says last: its last "gyrus:" line, else its last two lines. */
    private String logReason(Entry e) {
        Path log = outDir.resolve(e.log());
        if (!Files.isRegularFile(log)) {
            return "; no log at " + log;
        }
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(0, f.length() - 16384);
            byte[] tail = new byte[(int) (f.length() - start)];
            f.seek(start);
            f.readFully(tail);
            List<String> lines = new String(tail, StandardCharsets.UTF_8).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            if (lines.isEmpty()) {
                return "; its log " + e.log() + " is empty";
            }
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).startsWith("gyrus:")) {
                    return "; log " + e.log() + ": " + lines.get(i);
                }
            }
            return "; log " + e.log() + ": " + String.join(" | ", lines.subList(Math.max(0, lines.size() - 2), lines.size()));
        } catch (IOException x) {
            return "; its log " + log + " cannot be read: " + x.getMessage();
        }
    }
}
