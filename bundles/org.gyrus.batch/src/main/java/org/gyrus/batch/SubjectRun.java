package org.gyrus.batch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.gyrus.pipeline.NodeOutcome;
import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.pipeline.OutputFolder;
import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.PipelineValidationException;
import org.gyrus.pipeline.ProgressListener;
import org.gyrus.pipeline.ResultCache;
import org.gyrus.pipeline.RunResult;

/**
 * One subject of a batch, run into its own folder — by a thread of the local batch or by a SLURM
 * array task, the same code — ending in its {@link SubjectRecord}.
 */
final class SubjectRun {

    private final NodeRegistry registry;
    private final ResultCache cache;
    private final Cancellation cancellation;
    private final ProgressListener listener;

    /** A runner without per-node progress (the local batch prints one line per subject). */
    SubjectRun(NodeRegistry registry, ResultCache cache, Cancellation cancellation) {
        this(registry, cache, cancellation, null);
    }

    /** @param listener per-node progress (a SLURM task's log), or null */
    SubjectRun(NodeRegistry registry, ResultCache cache, Cancellation cancellation, ProgressListener listener) {
        this.registry = registry;
        this.cache = cache;
        this.cancellation = cancellation;
        this.listener = listener;
    }

    /** This runner, telling {@code l} of every node event (null: nobody). */
    SubjectRun withListener(ProgressListener l) {
        return new SubjectRun(registry, cache, cancellation, l);
    }

    /**
     * Runs {@code subject} with {@code threads} threads and writes its record (with {@code task},
     * the SLURM task running it, or null).
     */
    SubjectBatch.Row run(Pipeline p, Path file, BatchExecutor.Subject subject, int threads, SubjectBatch.Task task) {
        long t0 = System.nanoTime();
        String id = subject.id();
        if (cancellation.requested()) {
            return new SubjectBatch.Row(id, "cancelled", 0, 0, 0, "not started: the batch was cancelled", task);
        }
        SubjectBatch.Row row;
        List<String> outputs = new ArrayList<>();
        OutputFolder folder = null;
        try {
            folder = OutputFolder.open(subject.dir(), "The subject's output folder");
            PipelineRunner.Outcome o = new PipelineRunner(registry, cache, threads).run(p, file, subject.overrides(), folder, listener,
                    cancellation);
            RunResult r = o.result();
            double s = (System.nanoTime() - t0) / 1e9;
            outputs.add(PipelineRunner.PIPELINE);
            outputs.add(PipelineRunner.PROVENANCE);
            o.outputs().values().forEach(f -> outputs.add(subject.dir().toAbsolutePath().normalize()
                    .relativize(f.toAbsolutePath().normalize()).toString()));
            if (r.succeeded()) {
                row = new SubjectBatch.Row(id, r.computedCount() == 0 ? "cached" : "done", s, r.computedCount(), r.cachedCount(), "", task);
            } else if (r.cancelled()) {
                row = new SubjectBatch.Row(id, "cancelled", s, r.computedCount(), r.cachedCount(), "the batch was cancelled", task);
            } else {
                NodeOutcome f = r.failures().isEmpty() ? null : r.failures().get(0);
                row = new SubjectBatch.Row(id, "failed", s, r.computedCount(), r.cachedCount(),
                        f == null ? "did not finish" : "node '" + f.node() + "' failed: " + f.reason(), task);
            }
        } catch (PipelineValidationException e) {
            row = new SubjectBatch.Row(id, "invalid", (System.nanoTime() - t0) / 1e9, 0, 0,
                    String.join("; ", e.errors().stream().map(Object::toString).toList()), task);
        } catch (IOException | RuntimeException e) {
            row = new SubjectBatch.Row(id, "failed", (System.nanoTime() - t0) / 1e9, 0, 0, String.valueOf(e.getMessage()), task);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            row = new SubjectBatch.Row(id, "cancelled", (System.nanoTime() - t0) / 1e9, 0, 0, "the batch was cancelled", task);
        }
        if (folder != null) {
            try {
                new SubjectRecord(row, SubjectRecord.fingerprint(p, subject.overrides()), outputs)
                        .write(folder.own(SubjectRecord.FILE));
            } catch (IOException e) {
                row = new SubjectBatch.Row(id, "failed", row.seconds(), row.computed(), row.cached(),
                        "its record could not be written: " + e.getMessage(), task);
            }
        }
        return row;
    }
}
