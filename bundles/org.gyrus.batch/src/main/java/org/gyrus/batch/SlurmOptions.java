package org.gyrus.batch;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

/** The options of {@code gyrus run --each ... --executor slurm}: what sbatch is asked for. */
final class SlurmOptions {

    @Option(names = "--executor", paramLabel = "local|slurm", defaultValue = "local",
            description = "Where --each runs the subjects: here (local, default) or as one SLURM array job (slurm).")
    String executor;

    @Option(names = "--partition", paramLabel = "P", description = "SLURM: the partition (queue) to submit to.")
    String partition;

    @Option(names = "--time", paramLabel = "T", description = "SLURM: the time limit of each subject's task, e.g. 30:00 or 2-00:00:00.")
    String time;

    @Option(names = "--mem", paramLabel = "M", description = "SLURM: the memory of each subject's task, e.g. 4G; give Java its heap "
            + "with GYRUS_JAVA_OPTS=-Xmx3g (less than M).")
    String mem;

    @Option(names = "--cpus-per-task", paramLabel = "N", description = "SLURM: CPUs of each subject's task, which it uses as its threads "
            + "(default: 1).")
    Integer cpusPerTask;

    @Option(names = "--max-parallel", paramLabel = "K", description = "SLURM: at most K subjects' tasks running at once (sbatch --array=...%%K).")
    Integer maxParallel;

    @Option(names = "--sbatch-arg", paramLabel = "ARG", description = "SLURM: one more sbatch option, as sbatch takes it "
            + "(repeatable), e.g. --sbatch-arg=--account=lab --sbatch-arg=--qos=short.")
    List<String> sbatchArgs = List.of();

    @Option(names = "--detach", description = "SLURM: submit and return at once; 'gyrus status OUTPUT_DIR' reports the batch, "
            + "'gyrus cancel OUTPUT_DIR' cancels it.")
    boolean detach;

    /** Whether the SLURM executor is chosen (checked: local or slurm). */
    boolean slurm() {
        if (!executor.equals("local") && !executor.equals("slurm")) {
            throw new CliException(ExitCodes.BAD_ARGUMENTS, "--executor '" + executor + "' is not known; choose local or slurm.");
        }
        return executor.equals("slurm");
    }

    /** Checks the options against each other; {@code each}: whether --each was given. */
    void check(boolean each) {
        boolean slurm = slurm();
        List<String> given = new ArrayList<>();
        if (partition != null) {
            given.add("--partition");
        }
        if (time != null) {
            given.add("--time");
        }
        if (mem != null) {
            given.add("--mem");
        }
        if (cpusPerTask != null) {
            given.add("--cpus-per-task");
        }
        if (maxParallel != null) {
            given.add("--max-parallel");
        }
        if (!sbatchArgs.isEmpty()) {
            given.add("--sbatch-arg");
        }
        if (detach) {
            given.add("--detach");
        }
        if (!slurm && !given.isEmpty()) {
            throw new CliException(ExitCodes.BAD_ARGUMENTS, String.join(", ", given) + " only work with --each ... --executor slurm.");
        }
        if (slurm && !each) {
            throw new CliException(ExitCodes.BAD_ARGUMENTS, "--executor slurm runs a batch: give the subjects with --each SUBJECTS.tsv.");
        }
        if (cpusPerTask != null && cpusPerTask < 1) {
            throw new CliException(ExitCodes.BAD_ARGUMENTS, "--cpus-per-task must be at least 1, not " + cpusPerTask + ".");
        }
        if (maxParallel != null && maxParallel < 1) {
            throw new CliException(ExitCodes.BAD_ARGUMENTS, "--max-parallel must be at least 1, not " + maxParallel + ".");
        }
    }

    /** The sbatch options besides the array, the log and the script. */
    List<String> sbatch() {
        List<String> o = new ArrayList<>();
        if (partition != null) {
            o.add("--partition=" + partition);
        }
        if (time != null) {
            o.add("--time=" + time);
        }
        if (mem != null) {
            o.add("--mem=" + mem);
        }
        o.add("--cpus-per-task=" + cpus());
        o.addAll(sbatchArgs);
        return o;
    }

    /** Each task's CPUs, and so its threads. */
    int cpus() {
        return cpusPerTask == null ? 1 : cpusPerTask;
    }
}
