package org.gyrus.batch;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gyrus.data.ColumnRole;
import org.gyrus.data.Column;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.gyrus.data.TableWriter;
import org.gyrus.data.TextColumn;
import org.gyrus.pipeline.OutputFolder;
import org.gyrus.pipeline.OutputFolderException;
import org.gyrus.pipeline.Pipeline;

/**
 * {@code gyrus run --each}: the pipeline once per subject, each into its own folder, on a
 * {@link BatchExecutor} (threads here, or a SLURM array job). One subject's failure does not stop
 * the others. A rerun takes finished subjects from the cache (locally) or leaves them out (on
 * SLURM) and runs the failed, cancelled and missing ones. Ends with {@code summary.tsv}: status
 * and time per subject — plus job, task, node and log file for SLURM — also when the batch is
 * cancelled (subjects that did not finish are marked {@code cancelled}). This class is the one
 * code path for both executors: names, resuming, the summary and the exit code.
 */
final class SubjectBatch {

    static final String SUMMARY = "summary.tsv";

    /**
     * The SLURM array task that ran a subject.
     *
     * @param job  the array's job id
     * @param task the array task id
     * @param node the node it ran on ("" if unknown)
     * @param log  its log file ("" if none)
     */
    record Task(String job, String task, String node, String log) {
    }

    /** One subject's outcome; {@code task} is null for a local run. */
    record Row(String subject, String status, double seconds, long computed, long cached, String message, Task task) {
    }

    private final PrintWriter out;
    private final PrintWriter err;
    private final OutputOptions output;

    SubjectBatch(PrintWriter out, PrintWriter err, OutputOptions output) {
        this.out = out;
        this.err = err;
        this.output = output;
    }

    /** The subjects of {@code table}, every name checked and claimed in {@code folder} before anything runs. */
    static List<BatchExecutor.Subject> subjects(Map<String, String> common, SubjectTable table, OutputFolder folder,
            List<String> reserved) {
        // A subject id must not leave the folder, take the summary's name or one of the executor's own.
        List<BatchExecutor.Subject> subjects = new ArrayList<>();
        try {
            folder.checkOwn(SUMMARY);
            for (String id : table.rows().keySet()) {
                folder.checkEntry(SubjectTable.folder(id), subjectId(id, table));
                if (reserved.contains(SubjectTable.folder(id))) {
                    throw new OutputFolderException(subjectId(id, table) + " names the folder where the batch keeps "
                            + SubjectTable.folder(id) + "; rename the subject.");
                }
            }
            int index = 0;
            for (Map.Entry<String, Map<String, String>> row : table.rows().entrySet()) {
                Map<String, String> overrides = new LinkedHashMap<>(common);
                overrides.putAll(row.getValue());
                subjects.add(new BatchExecutor.Subject(index++, row.getKey(),
                        folder.entry(SubjectTable.folder(row.getKey()), subjectId(row.getKey(), table)), overrides));
            }
        } catch (OutputFolderException e) {
            throw new CliException(ExitCodes.BAD_ARGUMENTS, e.getMessage() + " Nothing was run.", e);
        }
        return subjects;
    }

    /** Runs the batch on {@code executor}; returns the exit code. */
    int run(BatchExecutor executor, Pipeline pipeline, SubjectTable table, List<BatchExecutor.Subject> subjects, OutputFolder folder)
            throws InterruptedException {
        Path summary;
        try {
            summary = folder.own(SUMMARY);
        } catch (OutputFolderException e) {
            throw new CliException(ExitCodes.BAD_ARGUMENTS, e.getMessage() + " Nothing was run.", e);
        }
        if (output.verbose && !table.ignored().isEmpty()) {
            out.println("Columns that set no variable (ignored): " + table.ignored());
        }
        Map<String, Row> kept = new LinkedHashMap<>();
        List<BatchExecutor.Subject> toRun = new ArrayList<>();
        for (BatchExecutor.Subject s : subjects) {
            Optional<SubjectRecord> done = executor.skipsDoneSubjects() ? doneRecord(pipeline, s) : Optional.empty();
            if (done.isPresent()) {
                kept.put(s.id(), done.get().row());
            } else {
                toRun.add(s);
            }
        }
        if (!output.quiet) {
            out.printf("%d subjects, variables from the table: %s%s%n", subjects.size(), table.variables(),
                    kept.isEmpty() ? "" : "; " + kept.size() + " done already (left out), " + toRun.size() + " to run");
            out.flush();
        }
        List<Row> ran = List.of();
        if (!toRun.isEmpty()) {
            Optional<List<Row>> rows = executor.run(toRun, subjects);
            if (rows.isEmpty()) {
                return ExitCodes.OK; // detached: gyrus status reports it
            }
            ran = rows.get();
        }
        List<Row> rows = new ArrayList<>();
        Map<String, Row> byId = new LinkedHashMap<>(kept);
        ran.forEach(r -> byId.put(r.subject(), r));
        for (BatchExecutor.Subject s : subjects) {
            rows.add(byId.get(s.id()));
        }
        return finish(rows, summary);
    }

    /** The record of {@code s} if it says that the same run is done and its outputs exist. */
    static Optional<SubjectRecord> doneRecord(Pipeline pipeline, BatchExecutor.Subject s) {
        String fingerprint = SubjectRecord.fingerprint(pipeline, s.overrides());
        return SubjectRecord.read(s.dir()).filter(r -> r.done(s.dir(), fingerprint));
    }

    /** Writes the summary, prints the totals, returns the batch's exit code. */
    int finish(List<Row> rows, Path summary) {
        try {
            writeSummary(rows, summary);
        } catch (IOException e) {
            throw new CliException(ExitCodes.EXECUTION_ERROR, "The subjects ran but the summary could not be written: " + e.getMessage(), e);
        }
        int n = rows.size();
        long failed = count(rows, "failed");
        long invalid = count(rows, "invalid");
        long cancelled = count(rows, "cancelled");
        if (!output.quiet) {
            out.printf("%d of %d subjects done (%d failed, %d invalid, %d cancelled). Summary: %s%n", n - failed - invalid - cancelled,
                    n, failed, invalid, cancelled, WorkingDirectory.show(summary));
            out.flush();
        }
        if (failed + invalid + cancelled > 0) {
            err.println("gyrus: " + (failed + invalid + cancelled) + " of " + n + " subjects did not finish; see " + WorkingDirectory.show(summary)
                    + ". Running the same command again runs them; finished subjects are taken from the cache (on SLURM: left out).");
            err.flush();
        }
        return failed > 0 ? ExitCodes.EXECUTION_ERROR : invalid > 0 ? ExitCodes.LOAD_ERROR
                : cancelled > 0 ? ExitCodes.CANCELLED : ExitCodes.OK;
    }

    private static String subjectId(String id, SubjectTable subjects) {
        return "The subject id '" + id + "' (from " + WorkingDirectory.show(subjects.file()) + ")";
    }

    private static long count(List<Row> rows, String status) {
        return rows.stream().filter(r -> r.status().equals(status)).count();
    }

    /**
     * {@code summary.tsv}, through the one table writer: a message with tabs or line breaks is
     * quoted, not mangled. Rows of SLURM tasks add the columns job_id, task_id, node and log.
     */
    static void writeSummary(List<Row> rows, Path summary) throws IOException {
        int n = rows.size();
        String[] subject = new String[n];
        String[] status = new String[n];
        double[] seconds = new double[n];
        double[] computed = new double[n];
        double[] cached = new double[n];
        String[] message = new String[n];
        String[][] task = new String[4][n];
        boolean slurm = false;
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            subject[i] = r.subject();
            status[i] = r.status();
            seconds[i] = Math.round(r.seconds() * 1000) / 1000.0;
            computed[i] = r.computed();
            cached[i] = r.cached();
            message[i] = r.message().isEmpty() ? null : r.message();
            if (r.task() != null) {
                slurm = true;
                task[0][i] = r.task().job();
                task[1][i] = r.task().task();
                task[2][i] = r.task().node().isEmpty() ? null : r.task().node();
                task[3][i] = r.task().log().isEmpty() ? null : r.task().log();
            }
        }
        List<Column> columns = new ArrayList<>(List.of(new TextColumn("subject", ColumnRole.ID, subject), new TextColumn("status", status),
                new NumericColumn("seconds", seconds), new NumericColumn("computed_nodes", computed),
                new NumericColumn("cached_nodes", cached), new TextColumn("message", message)));
        if (slurm) {
            columns.add(new TextColumn("job_id", task[0]));
            columns.add(new TextColumn("task_id", task[1]));
            columns.add(new TextColumn("node", task[2]));
            columns.add(new TextColumn("log", task[3]));
        }
        TableWriter.tsv().write(Table.of(columns.toArray(Column[]::new)), summary);
    }
}
