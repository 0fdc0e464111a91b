package org.gyrus.batch;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.pipeline.OutputFolder;
import org.gyrus.pipeline.OutputFolderException;
import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.ProgressEvent;
import org.gyrus.pipeline.ResultCache;

/**
 * A batch over subjects for callers other than the command line (the workbench's batch view):
 * exactly what {@code gyrus run --each SUBJECTS.tsv --out DIR} does — the same subjects table,
 * per-subject folders, {@code summary.tsv}, cache and exit codes — with every subject's node events
 * passed to a {@link Listener} and cancellation by {@link #cancel()} instead of a signal. Running
 * it again reruns the failed and cancelled subjects and takes the finished ones from the cache.
 */
public final class BatchRun {

    /** Hears a batch: called from the batch's threads, one event at a time per subject. */
    public interface Listener {

        /** A node of {@code subject}'s run changed state or made progress. */
        void onEvent(String subject, ProgressEvent event);

        /**
         * {@code subject} ended: {@code status} is {@code done}, {@code cached}, {@code failed},
         * {@code invalid} or {@code cancelled} (as in {@code summary.tsv}), {@code message} why.
         */
        void onSubjectDone(String subject, String status, String message);
    }

    private final NodeRegistry registry;
    private final ResultCache cache;
    private final int threads;
    private final StringWriter log = new StringWriter();
    private final PrintWriter logWriter = new PrintWriter(log, true);
    private final Cancellation cancellation = Cancellation.manual(logWriter);

    /**
     * A batch with the node types of {@code registry}, the disk cache {@code cache} (null: none)
     * and {@code threads} threads for all subjects together.
     */
    public BatchRun(NodeRegistry registry, ResultCache cache, int threads) {
        this.registry = registry;
        this.cache = cache;
        this.threads = Math.max(1, threads);
    }

    /**
     * The subjects table a path stands for: the file itself, or a BIDS dataset folder's
     * {@code participants.tsv}.
     */
    public static Path subjectsTable(Path path) {
        return Files.isDirectory(path) && Files.isRegularFile(path.resolve("participants.tsv")) ? path.resolve("participants.tsv") : path;
    }

    /**
     * The subject ids of a subjects table (or BIDS dataset) for {@code pipeline}, in table order.
     *
     * @throws IllegalArgumentException saying what is wrong with the table, as {@code gyrus run --each} does
     */
    public static List<String> subjects(Path table, Pipeline pipeline) {
        try {
            return List.copyOf(SubjectTable.read(subjectsTable(table), pipeline).rows().keySet());
        } catch (CliException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * The variable values each subject's run gets from the table (or BIDS dataset), by subject id
     * in table order; columns that name no variable are left out.
     *
     * @throws IllegalArgumentException saying what is wrong with the table
     */
    public static Map<String, Map<String, String>> subjectVariables(Path table, Pipeline pipeline) {
        try {
            return SubjectTable.read(subjectsTable(table), pipeline).rows();
        } catch (CliException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The output folder of {@code subject} in the batch folder {@code outDir}. */
    public static Path subjectFolder(Path outDir, String subject) {
        return outDir.resolve(SubjectTable.folder(subject));
    }

    /**
     * Runs {@code pipeline} once per subject of {@code table} into {@code outDir}; returns when all
     * subjects ended.
     *
     * @param file   the pipeline's file, for the provenance records (may be null)
     * @param common variable values for every subject (the table's columns override them)
     * @return the exit code {@code gyrus run --each} would give: 0, 3 (a subject invalid), 4 (one
     *         failed) or 130 (cancelled)
     * @throws IllegalArgumentException naming the problem with the table or the output folder (nothing ran)
     */
    public int run(Pipeline pipeline, Path file, Map<String, String> common, Path table, Path outDir, Listener listener)
            throws InterruptedException {
        SubjectTable subjects;
        OutputFolder folder;
        try {
            subjects = SubjectTable.read(subjectsTable(table), pipeline);
            folder = OutputFolder.open(outDir, "The batch's output folder");
        } catch (CliException | OutputFolderException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("The batch's output folder " + outDir + " cannot be used: " + e.getMessage(), e);
        }
        OutputOptions quiet = new OutputOptions();
        quiet.quiet = true;
        try {
            List<BatchExecutor.Subject> each = SubjectBatch.subjects(common, subjects, folder, List.of());
            LocalExecutor local = new LocalExecutor(new SubjectRun(registry, cache, cancellation), pipeline, file, threads, logWriter, quiet)
                    .listener(listener);
            return new SubjectBatch(logWriter, logWriter, quiet).run(local, pipeline, subjects, each, folder);
        } catch (CliException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Cancels the batch: running subjects stop and are written as cancelled, the rest do not start. */
    public void cancel() {
        cancellation.request();
    }

    /** What the batch would have printed on the terminal's error stream (warnings, the summary line). */
    public String log() {
        return log.toString();
    }
}
