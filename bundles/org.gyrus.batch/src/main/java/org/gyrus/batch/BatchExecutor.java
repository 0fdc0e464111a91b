package org.gyrus.batch;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the subjects of a {@code gyrus run --each} batch run: here, in threads
 * ({@link LocalExecutor}), or as the tasks of one SLURM array job ({@link SlurmExecutor}). Both
 * run each subject with {@link SubjectRun} into the same per-subject folder, so {@link SubjectBatch}
 * checks names, resumes, writes {@code summary.tsv} and reports the same way for both.
 */
interface BatchExecutor {

    /**
     * One subject of the batch.
     *
     * @param index     its row in the subjects table, from 0
     * @param id        its id
     * @param dir       its output folder (claimed in the batch's output folder)
     * @param overrides every variable value of its run (the command's --set, then its row)
     */
    record Subject(int index, String id, Path dir, Map<String, String> overrides) {
    }

    /**
     * Whether a subject that is done (its record says so for the same pipeline and values, and
     * its outputs exist) is left out of a rerun. The local executor runs it again: the cache
     * makes that free and checks the files it wrote; a SLURM task would cost a queue slot and a
     * start of Java.
     */
    boolean skipsDoneSubjects();

    /**
     * Runs {@code subjects} and returns one row per subject, in their order; empty if the batch
     * was left running (a detached SLURM job: {@code gyrus status} reports it later).
     *
     * @param subjects the subjects to run, never empty
     * @param all      every subject of the batch, also those not run now (for the ones that are done)
     */
    Optional<List<SubjectBatch.Row>> run(List<Subject> subjects, List<Subject> all) throws InterruptedException;
}
