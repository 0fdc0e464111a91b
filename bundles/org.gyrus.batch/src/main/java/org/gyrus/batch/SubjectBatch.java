package org.gyrus.batch;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.gyrus.data.AtomicFile;
import org.gyrus.pipeline.NodeOutcome;
import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.PipelineValidationException;
import org.gyrus.pipeline.ResultCache;
import org.gyrus.pipeline.RunResult;

/**
 * {@code gyrus run --each}: the pipeline once per subject, subjects in parallel within the thread
 * budget, each into its own folder. One subject's failure does not stop the others. Because
 * results are cached, a rerun takes finished subjects from the cache and recomputes only the
 * failed ones. Ends with {@code summary.tsv}: status and time per subject.
 */
final class SubjectBatch {

    /** One subject's outcome. */
    record Row(String subject, String status, double seconds, long computed, long cached, String message) {
    }

    private final NodeRegistry registry;
    private final ResultCache cache;
    private final int threads;
    private final PrintWriter out;
    private final PrintWriter err;
    private final OutputOptions output;

    SubjectBatch(NodeRegistry registry, ResultCache cache, int threads, PrintWriter out, PrintWriter err, OutputOptions output) {
        this.registry = registry;
        this.cache = cache;
        this.threads = threads;
        this.out = out;
        this.err = err;
        this.output = output;
    }

    int run(Pipeline pipeline, Path file, Map<String, String> common, SubjectTable subjects, Path outDir) throws InterruptedException {
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
                Row row = subject(pipeline, file, s.getKey(), overrides, outDir.resolve(SubjectTable.folder(s.getKey())), perSubject);
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
        Path summary = outDir.resolve("summary.tsv");
        try {
            Files.createDirectories(outDir);
            StringBuilder tsv = new StringBuilder("subject\tstatus\tseconds\tcomputed_nodes\tcached_nodes\tmessage\n");
            for (Row r : rows) {
                tsv.append(r.subject()).append('\t').append(r.status()).append('\t')
                        .append(String.format(Locale.ROOT, "%.3f", r.seconds())).append('\t').append(r.computed()).append('\t')
                        .append(r.cached()).append('\t').append(r.message().replace('\t', ' ').replace('\n', ' ')).append('\n');
            }
            AtomicFile.write(summary, tsv.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CliException(ExitCodes.EXECUTION_ERROR, "The subjects ran but the summary could not be written: " + e.getMessage(), e);
        }
        long failed = rows.stream().filter(r -> r.status().equals("failed")).count();
        long invalid = rows.stream().filter(r -> r.status().equals("invalid")).count();
        if (!output.quiet) {
            out.printf("%d of %d subjects done (%d failed, %d invalid). Summary: %s%n", n - failed - invalid, n, failed, invalid,
                    WorkingDirectory.show(summary));
            out.flush();
        }
        if (failed + invalid > 0) {
            err.println("gyrus: " + (failed + invalid) + " of " + n + " subjects did not finish; see " + WorkingDirectory.show(summary)
                    + ". Running the same command again retries them and takes the finished ones from the cache.");
            err.flush();
        }
        return failed > 0 ? ExitCodes.EXECUTION_ERROR : invalid > 0 ? ExitCodes.LOAD_ERROR : ExitCodes.OK;
    }

    private Row subject(Pipeline p, Path file, String id, Map<String, String> overrides, Path dir, int subjectThreads) {
        long t0 = System.nanoTime();
        try {
            PipelineRunner.Outcome o = new PipelineRunner(registry, cache, subjectThreads).run(p, file, overrides, dir, null);
            RunResult r = o.result();
            double s = (System.nanoTime() - t0) / 1e9;
            if (r.succeeded()) {
                return new Row(id, r.computedCount() == 0 ? "cached" : "done", s, r.computedCount(), r.cachedCount(), "");
            }
            NodeOutcome f = r.failures().isEmpty() ? null : r.failures().get(0);
            return new Row(id, "failed", s, r.computedCount(), r.cachedCount(),
                    f == null ? "cancelled" : "node '" + f.node() + "' failed: " + f.reason());
        } catch (PipelineValidationException e) {
            return new Row(id, "invalid", (System.nanoTime() - t0) / 1e9, 0, 0,
                    String.join("; ", e.errors().stream().map(Object::toString).toList()));
        } catch (IOException | RuntimeException e) {
            return new Row(id, "failed", (System.nanoTime() - t0) / 1e9, 0, 0, String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Row(id, "failed", (System.nanoTime() - t0) / 1e9, 0, 0, "cancelled");
        }
    }
}
