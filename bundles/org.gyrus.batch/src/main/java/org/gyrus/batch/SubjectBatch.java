package org.gyrus.batch;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.gyrus.data.ColumnRole;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.gyrus.data.TableWriter;
import org.gyrus.data.TextColumn;
import org.gyrus.pipeline.NodeOutcome;
import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.pipeline.OutputFolder;
import org.gyrus.pipeline.OutputFolderException;
import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.PipelineValidationException;
import org.gyrus.pipeline.ResultCache;
import org.gyrus.pipeline.RunResult;

/**
 * {@code gyrus run --each}: the pipeline once per subject, subjects in parallel within the thread
 * budget, each into its own folder. One subject's failure does not stop the others. Because
 * results are cached, a rerun takes finished subjects from the cache and recomputes only the
 * failed or cancelled ones. Ends with {@code summary.tsv}: status and time per subject, also when
 * the batch is cancelled (subjects that did not finish are marked {@code cancelled}).
 */
final class SubjectBatch {

    static final String SUMMARY = "summary.tsv";

    /** One subject's outcome. */
    record Row(String subject, String status, double seconds, long computed, long cached, String message) {
    }

    private final NodeRegistry registry;
    private final ResultCache cache;
    private final int threads;
    private final PrintWriter out;
    private final PrintWriter err;
    private final OutputOptions output;
    private final Cancellation cancellation;
    /** Hears every subject's node events and end (the workbench's batch view); null for the command line. */
    private BatchRun.Listener listener;

    SubjectBatch(NodeRegistry registry, ResultCache cache, int threads, PrintWriter out, PrintWriter err, OutputOptions output,
            Cancellation cancellation) {
        this.registry = registry;
        this.cache = cache;
        this.threads = threads;
        this.out = out;
        this.err = err;
        this.output = output;
        this.cancellation = cancellation;
    }

    /** Tells {@code l} of every subject's node events and outcome. */
    SubjectBatch listener(BatchRun.Listener l) {
        listener = l;
        return this;
    }

    int run(Pipeline pipeline, Path file, Map<String, String> common, SubjectTable subjects, OutputFolder folder)
            throws InterruptedException {
        // Every name is checked before any subject runs: a subject id must not leave the folder or take the summary's name.
        Path summary;
        Map<String, Path> dirs = new LinkedHashMap<>();
        try {
            folder.checkOwn(SUMMARY);
            for (String id : subjects.rows().keySet()) {
                folder.checkEntry(SubjectTable.folder(id), subjectId(id, subjects));
            }
            summary = folder.own(SUMMARY);
            for (String id : subjects.rows().keySet()) {
                dirs.put(id, folder.entry(SubjectTable.folder(id), subjectId(id, subjects)));
            }
        } catch (OutputFolderException e) {
            throw new CliException(ExitCodes.BAD_ARGUMENTS, e.getMessage() + " Nothing was run.", e);
        }
        int n = subjects.rows().size();
        int parallel = Math.min(threads, n);
        int perSubject = Math.max(1, threads / parallel);
        if (output.verbose && !subjects.ignored().isEmpty()) {
            out.println("Columns that set no variable (ignored): " + subjects.ignored());
        }
        if (!output.quiet) {
            out.printf("Running %d subjects, %d at a time, %d thread%s each; variables from the table: %s%n", n, parallel, perSubject,
                    perSubject == 1 ? "" : "s", subjects.variables());
            out.flush();
        }
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "gyrus-subject");
            t.setDaemon(true);
            return t;
        });
        Map<String, Future<Row>> futures = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> s : subjects.rows().entrySet()) {
            Map<String, String> overrides = new LinkedHashMap<>(common);
            overrides.putAll(s.getValue());
            futures.put(s.getKey(), pool.submit(() -> {
                Row row = subject(pipeline, file, s.getKey(), overrides, dirs.get(s.getKey()), perSubject);
                if (listener != null) {
                    listener.onSubjectDone(row.subject(), row.status(), row.message());
                }
                if (!output.quiet) {
                    synchronized (out) {
                        out.printf("[%d/%d] %s %s in %s%s%n", done.incrementAndGet(), n, row.subject(), row.status(),
                                ProgressDisplay.seconds((long) (row.seconds() * 1e9)), row.message().isEmpty() ? "" : ": " + row.message());
                        out.flush();
                    }
                }
                return row;
            }));
        }
        List<Row> rows = new ArrayList<>();
        try {
            for (Map.Entry<String, Future<Row>> f : futures.entrySet()) {
                try {
                    rows.add(f.getValue().get());
                } catch (java.util.concurrent.ExecutionException e) {
                    rows.add(new Row(f.getKey(), "failed", 0, 0, 0, String.valueOf(e.getCause())));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        try {
            writeSummary(rows, summary);
        } catch (IOException e) {
            throw new CliException(ExitCodes.EXECUTION_ERROR, "The subjects ran but the summary could not be written: " + e.getMessage(), e);
        }
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
                    + ". Running the same command again runs them and takes the finished ones from the cache.");
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

    /** {@code summary.tsv}, through the one table writer: a message with tabs or line breaks is quoted, not mangled. */
    static void writeSummary(List<Row> rows, Path summary) throws IOException {
        int n = rows.size();
        String[] subject = new String[n];
        String[] status = new String[n];
        double[] seconds = new double[n];
        double[] computed = new double[n];
        double[] cached = new double[n];
        String[] message = new String[n];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            subject[i] = r.subject();
            status[i] = r.status();
            seconds[i] = Math.round(r.seconds() * 1000) / 1000.0;
            computed[i] = r.computed();
            cached[i] = r.cached();
            message[i] = r.message().isEmpty() ? null : r.message();
        }
        TableWriter.tsv().write(Table.of(new TextColumn("subject", ColumnRole.ID, subject), new TextColumn("status", status),
                new NumericColumn("seconds", seconds), new NumericColumn("computed_nodes", computed),
                new NumericColumn("cached_nodes", cached), new TextColumn("message", message)), summary);
    }

    private Row subject(Pipeline p, Path file, String id, Map<String, String> overrides, Path dir, int subjectThreads) {
        long t0 = System.nanoTime();
        if (cancellation.requested()) {
            return new Row(id, "cancelled", 0, 0, 0, "not started: the batch was cancelled");
        }
        try {
            OutputFolder folder = OutputFolder.open(dir, "The subject's output folder");
            PipelineRunner.Outcome o = new PipelineRunner(registry, cache, subjectThreads).run(p, file, overrides, folder,
                    listener == null ? null : e -> listener.onEvent(id, e), cancellation);
            RunResult r = o.result();
            double s = (System.nanoTime() - t0) / 1e9;
            if (r.succeeded()) {
                return new Row(id, r.computedCount() == 0 ? "cached" : "done", s, r.computedCount(), r.cachedCount(), "");
            }
            if (r.cancelled()) {
                return new Row(id, "cancelled", s, r.computedCount(), r.cachedCount(), "the batch was cancelled");
            }
            NodeOutcome f = r.failures().isEmpty() ? null : r.failures().get(0);
            return new Row(id, "failed", s, r.computedCount(), r.cachedCount(),
                    f == null ? "did not finish" : "node '" + f.node() + "' failed: " + f.reason());
        } catch (PipelineValidationException e) {
            return new Row(id, "invalid", (System.nanoTime() - t0) / 1e9, 0, 0,
                    String.join("; ", e.errors().stream().map(Object::toString).toList()));
        } catch (IOException | RuntimeException e) {
            return new Row(id, "failed", (System.nanoTime() - t0) / 1e9, 0, 0, String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Row(id, "cancelled", (System.nanoTime() - t0) / 1e9, 0, 0, "the batch was cancelled");
        }
    }
}
