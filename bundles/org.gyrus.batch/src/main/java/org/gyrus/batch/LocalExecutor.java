package org.gyrus.batch;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.gyrus.pipeline.Pipeline;

/** The subjects of a batch in threads of this process, within the thread budget (today's {@code --each}). */
final class LocalExecutor implements BatchExecutor {

    private final SubjectRun runner;
    private final Pipeline pipeline;
    private final Path file;
    private final int threads;
    private final PrintWriter out;
    private final OutputOptions output;
    /** Hears every subject's node events and end (the workbench's batch view); null for the command line. */
    private BatchRun.Listener listener;

    LocalExecutor(SubjectRun runner, Pipeline pipeline, Path file, int threads, PrintWriter out, OutputOptions output) {
        this.runner = runner;
        this.pipeline = pipeline;
        this.file = file;
        this.threads = threads;
        this.out = out;
        this.output = output;
    }

    /** Tells {@code l} of every subject's node events and outcome. */
    LocalExecutor listener(BatchRun.Listener l) {
        listener = l;
        return this;
    }

    @Override
    public boolean skipsDoneSubjects() {
        return false;
    }

    @Override
    public Optional<List<SubjectBatch.Row>> run(List<Subject> subjects, List<Subject> all) throws InterruptedException {
        int n = subjects.size();
        int parallel = Math.min(threads, n);
        int perSubject = Math.max(1, threads / parallel);
        if (!output.quiet) {
            out.printf("Running %d subjects, %d at a time, %d thread%s each%n", n, parallel, perSubject, perSubject == 1 ? "" : "s");
            out.flush();
        }
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "gyrus-subject");
            t.setDaemon(true);
            return t;
        });
        Map<String, Future<SubjectBatch.Row>> futures = new LinkedHashMap<>();
        for (Subject s : subjects) {
            futures.put(s.id(), pool.submit(() -> {
                BatchRun.Listener l = listener;
                SubjectRun r = l == null ? runner : runner.withListener(e -> l.onEvent(s.id(), e));
                SubjectBatch.Row row = r.run(pipeline, file, s, perSubject, null);
                if (l != null) {
                    l.onSubjectDone(row.subject(), row.status(), row.message());
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
        List<SubjectBatch.Row> rows = new ArrayList<>();
        try {
            for (Map.Entry<String, Future<SubjectBatch.Row>> f : futures.entrySet()) {
                try {
                    rows.add(f.getValue().get());
                } catch (ExecutionException e) {
                    rows.add(new SubjectBatch.Row(f.getKey(), "failed", 0, 0, 0, String.valueOf(e.getCause()), null));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return Optional.of(rows);
    }
}
