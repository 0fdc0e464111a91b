package org.gyrus.workbench.batch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gyrus.pipeline.NodeState;
import org.gyrus.pipeline.ProgressEvent;

/**
 * The state of a batch as a subject × node grid: each cell's node state (with "from the cache"
 * and progress), each subject's status as {@code summary.tsv} says it, fed by the batch's events.
 * Plain Java; the batch view draws it. Not thread-safe: feed it on one thread (the display's).
 */
public final class BatchGrid {

    /** One cell: a node of one subject's run. */
    public record Cell(NodeState state, boolean cached, double progress, String message) {

        /** The text shown: "queued", "running 40%", "finished", "cached", "failed", "skipped", "cancelled". */
        public String label() {
            return switch (state) {
                case RUNNING -> "running " + Math.round(progress * 100) + "%";
                case FINISHED -> cached ? "cached" : "finished";
                default -> state.name().toLowerCase(java.util.Locale.ROOT);
            };
        }
    }

    private static final Cell WAITING = new Cell(NodeState.QUEUED, false, 0, "");

    private final List<String> subjects;
    private final List<String> nodes;
    private final Map<String, Cell> cells = new HashMap<>();
    private final Map<String, String> status = new HashMap<>();
    private final Map<String, String> messages = new HashMap<>();

    /** A grid of {@code subjects} × {@code nodes}, every cell queued. */
    public BatchGrid(List<String> subjects, List<String> nodes) {
        this.subjects = List.copyOf(subjects);
        this.nodes = List.copyOf(nodes);
    }

    /** The subjects (rows), in table order. */
    public List<String> subjects() {
        return subjects;
    }

    /** The nodes (columns), in pipeline order. */
    public List<String> nodes() {
        return nodes;
    }

    /** The cell of {@code subject} and {@code node}. */
    public Cell cell(String subject, String node) {
        return cells.getOrDefault(subject + "\u0000" + node, WAITING);
    }

    /** The subject's status: "" while it runs, then as in summary.tsv ("done", "cached", "failed", "invalid", "cancelled"). */
    public String status(String subject) {
        return status.getOrDefault(subject, "");
    }

    /** Why a subject did not finish ("" otherwise). */
    public String message(String subject) {
        return messages.getOrDefault(subject, "");
    }

    /** A node event of {@code subject}'s run. */
    public void onEvent(String subject, ProgressEvent e) {
        cells.put(subject + "\u0000" + e.node(), new Cell(e.state(), e.cached(), e.fraction(), e.message()));
    }

    /** {@code subject} ended with {@code s}. */
    public void onSubjectDone(String subject, String s, String message) {
        status.put(subject, s);
        messages.put(subject, message == null ? "" : message);
    }

    /** The subjects a rerun must run again: failed, invalid or cancelled. */
    public List<String> unfinished() {
        List<String> out = new ArrayList<>();
        for (String s : subjects) {
            String st = status(s);
            if (st.equals("failed") || st.equals("invalid") || st.equals("cancelled")) {
                out.add(s);
            }
        }
        return out;
    }

    /** Marks the cells of {@code rerun} as queued again before a rerun. */
    public void reset(List<String> rerun) {
        for (String s : rerun) {
            status.remove(s);
            messages.remove(s);
            for (String n : nodes) {
                cells.remove(s + "\u0000" + n);
            }
        }
    }

    /** Whether every subject has ended. */
    public boolean allEnded() {
        return subjects.stream().allMatch(s -> !status(s).isEmpty());
    }
}
