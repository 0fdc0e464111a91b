package org.gyrus.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SLURM commands a batch uses — {@code sbatch}, {@code scontrol show job}, {@code scancel} —
 * run as programs (they find the cluster through {@code SLURM_CONF} or the default configuration,
 * as on a login node), with their answers parsed. No accounting database is needed: the state of
 * every array task comes from {@code scontrol -o show job}, one line per task.
 */
final class Slurm {

    /** States after which a task will not run again. */
    static final Set<String> FINAL = Set.of("COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "OUT_OF_MEMORY", "PREEMPTED",
            "BOOT_FAIL", "DEADLINE", "REVOKED", "SPECIAL_EXIT");

    /** How long a SLURM command may take to answer: a busy controller is slow, a missing one must not hang a batch. */
    private static final long TIMEOUT_SECONDS = 60;

    /**
     * One array task as the scheduler knows it.
     *
     * @param state    PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, TIMEOUT...
     * @param exitCode "exit:signal" as SLURM gives it, e.g. "3:0"
     * @param node     the node it runs or ran on ("" while pending)
     * @param seconds  its run time so far
     * @param reason   the scheduler's reason (why pending, or why it failed), "None" if none
     */
    record TaskState(String state, String exitCode, String node, long seconds, String reason) {
        boolean isFinal() {
            return FINAL.contains(state);
        }
    }

    private Slurm() {
    }

    /** Whether {@code sbatch} can be run here. */
    static boolean available() {
        try {
            return run(List.of("sbatch", "--version")).code() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Submits {@code script} with {@code options}; returns the job id.
     *
     * @throws IOException with sbatch's own message if it refuses
     */
    static String submit(List<String> options, Path script) throws IOException {
        List<String> command = new ArrayList<>(List.of("sbatch", "--parsable"));
        command.addAll(options);
        command.add(script.toString());
        Result r = run(command);
        String id = r.out().strip().split(";")[0];
        if (r.code() != 0 || !id.matches("[0-9]+")) {
            throw new IOException("sbatch refused the batch (exit " + r.code() + "): " + (r.err().isBlank() ? r.out() : r.err()).strip());
        }
        return id;
    }

    /**
     * The tasks of array job {@code job} by task id; empty if the scheduler no longer knows the
     * job (it forgets finished jobs after {@code MinJobAge}).
     */
    static Map<String, TaskState> tasks(String job) throws IOException {
        Result r = run(List.of("scontrol", "-o", "show", "job", job));
        if (r.code() != 0) {
            if (r.err().contains("Invalid job id")) {
                return Map.of();
            }
            throw new IOException("scontrol show job " + job + " failed (exit " + r.code() + "): " + r.err().strip());
        }
        return parse(r.out());
    }

    /** Parses {@code scontrol -o show job} lines: one per task, a pending range of tasks on one line. */
    static Map<String, TaskState> parse(String text) {
        Map<String, TaskState> tasks = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String ids = field(line, "ArrayTaskId");
            if (ids.isEmpty()) {
                continue;
            }
            TaskState s = new TaskState(field(line, "JobState"), field(line, "ExitCode"), node(field(line, "NodeList")),
                    seconds(field(line, "RunTime")), field(line, "Reason"));
            for (String id : expand(ids)) {
                tasks.put(id, s);
            }
        }
        return tasks;
    }

    /** Cancels {@code target}: a job ("123") or one array task ("123_4"). */
    static void cancel(String target) throws IOException {
        Result r = run(List.of("scancel", target));
        if (r.code() != 0) {
            throw new IOException("scancel " + target + " failed (exit " + r.code() + "): " + r.err().strip());
        }
    }

    /** "0-3,7,9-11%8" → 0,1,2,3,7,9,10,11 (a step as "0-10:2" too). */
    static List<String> expand(String ids) {
        List<String> out = new ArrayList<>();
        String list = ids.contains("%") ? ids.substring(0, ids.indexOf('%')) : ids;
        for (String part : list.split(",")) {
            Matcher m = Pattern.compile("(\\d+)-(\\d+)(?::(\\d+))?").matcher(part);
            if (m.matches()) {
                int step = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
                for (long i = Long.parseLong(m.group(1)); i <= Long.parseLong(m.group(2)); i += step) {
                    out.add(Long.toString(i));
                }
            } else if (part.matches("\\d+")) {
                out.add(part);
            }
        }
        return out;
    }

    /** Array task ids as sbatch's {@code --array} wants them: runs of consecutive ids as ranges. */
    static String ranges(List<Integer> ids) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ids.size(); i++) {
            int start = ids.get(i);
            while (i + 1 < ids.size() && ids.get(i + 1) == ids.get(i) + 1) {
                i++;
            }
            sb.append(sb.length() == 0 ? "" : ",").append(start).append(start == ids.get(i) ? "" : "-" + ids.get(i));
        }
        return sb.toString();
    }

    private static String field(String line, String key) {
        Matcher m = Pattern.compile("(?:^| )" + key + "=(\\S*)").matcher(line);
        return m.find() ? m.group(1) : "";
    }

    private static String node(String nodeList) {
        return nodeList.equals("(null)") ? "" : nodeList;
    }

    /** "1-02:03:04", "02:03:04" or "03:04" in seconds. */
    static long seconds(String runTime) {
        Matcher m = Pattern.compile("(?:(\\d+)-)?(?:(\\d+):)?(\\d+):(\\d+)").matcher(runTime);
        if (!m.matches()) {
            return 0;
        }
        long days = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
        long hours = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
        return ((days * 24 + hours) * 60 + Long.parseLong(m.group(3))) * 60 + Long.parseLong(m.group(4));
    }

    private record Result(int code, String out, String err) {
    }

    private static Result run(List<String> command) throws IOException {
        Path out = Files.createTempFile("gyrus-slurm", ".out");
        Path err = Files.createTempFile("gyrus-slurm", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try {
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IOException(String.join(" ", command) + " did not answer within " + TIMEOUT_SECONDS
                            + " s: is the SLURM controller reachable?");
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException(String.join(" ", command) + " was interrupted", e);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("error=2")) {
                throw new IOException("the SLURM command " + command.get(0) + " is not installed here (not on the PATH)", e);
            }
            throw e;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
