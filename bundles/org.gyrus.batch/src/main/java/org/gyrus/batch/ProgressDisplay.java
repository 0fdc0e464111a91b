package org.gyrus.batch;

import java.io.PrintWriter;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.gyrus.pipeline.NodeState;
import org.gyrus.pipeline.ProgressEvent;
import org.gyrus.pipeline.ProgressListener;

/**
 * Shows a run's progress: on a terminal, one live line per node with its state, bar and time and
 * an overall line, redrawn in place at most ten times a second; elsewhere (a log file, a pipe, a
 * cluster job), plain time-stamped lines when a node starts or ends.
 */
final class ProgressDisplay implements ProgressListener {

    /** How the display prints. */
    enum Mode {
        /** Live lines redrawn in place. */
        TERMINAL,
        /** One line per node start and end (and progress with --verbose). */
        PLAIN,
        /** Nothing. */
        QUIET
    }

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int MAX_LINES = 20;

    private final PrintWriter out;
    private final Mode mode;
    private final boolean verbose;
    private final Map<String, Line> lines = new LinkedHashMap<>();
    private final long t0 = System.nanoTime();
    private int drawn;
    private long lastDraw;
    private int completed;
    private int total;

    private static final class Line {
        NodeState state = NodeState.QUEUED;
        double fraction;
        boolean cached;
        long started;
        long ended;
        String message = "";
        int lastDecile;
    }

    ProgressDisplay(PrintWriter out, Mode mode, boolean verbose) {
        this.out = out;
        this.mode = mode;
        this.verbose = verbose;
    }

    /** The mode for a command: quiet if asked, live on a terminal unless GYRUS_PROGRESS=plain, else plain. */
    static Mode modeFor(OutputOptions o) {
        if (o.quiet) {
            return Mode.QUIET;
        }
        boolean terminal = System.console() != null && !"plain".equalsIgnoreCase(System.getenv("GYRUS_PROGRESS"))
                && !"dumb".equals(System.getenv("TERM"));
        return terminal ? Mode.TERMINAL : Mode.PLAIN;
    }

    @Override
    public void onEvent(ProgressEvent e) {
        if (mode == Mode.QUIET) {
            return;
        }
        Line l = lines.computeIfAbsent(e.node(), k -> new Line());
        NodeState before = l.state;
        l.state = e.state();
        l.fraction = e.fraction();
        l.cached = e.cached();
        l.message = e.message();
        completed = e.completed();
        total = e.total();
        long now = System.nanoTime();
        if (e.state() == NodeState.RUNNING && before != NodeState.RUNNING) {
            l.started = now;
        }
        if (e.state().isFinal()) {
            l.ended = now;
        }
        if (mode == Mode.PLAIN) {
            plain(e, l, before);
        } else if (e.state().isFinal() || before != e.state() || now - lastDraw > REDRAW_NANOS) {
            draw(now);
        }
    }

    private void plain(ProgressEvent e, Line l, NodeState before) {
        String head = LocalTime.now().format(CLOCK) + " [" + e.completed() + "/" + e.total() + "] " + e.node();
        switch (e.state()) {
            case RUNNING -> {
                if (before != NodeState.RUNNING) {
                    out.println(head + " started");
                } else if (verbose && (int) (e.fraction() * 10) > l.lastDecile) {
                    l.lastDecile = (int) (e.fraction() * 10);
                    out.println(head + " " + Math.round(e.fraction() * 100) + "%");
                }
            }
            case FINISHED -> out.println(head + (e.cached() ? " taken from the cache" : " finished in " + seconds(l.ended - l.started)));
            case FAILED -> out.println(head + " FAILED: " + e.message());
            case SKIPPED -> out.println(head + " " + e.message());
            case CANCELLED -> out.println(head + " cancelled");
            default -> {
                return;
            }
        }
        out.flush();
    }

    private void draw(long now) {
        lastDraw = now;
        StringBuilder sb = new StringBuilder();
        if (drawn > 0) {
            sb.append("\033[").append(drawn).append('F'); // back to the first line drawn last time
        }
        int width = lines.keySet().stream().mapToInt(String::length).max().orElse(4);
        // A long pipeline would scroll: then only running and failed nodes get a line.
        boolean all = lines.size() <= MAX_LINES;
        int shown = 0;
        for (Map.Entry<String, Line> e : lines.entrySet()) {
            Line l = e.getValue();
            if (!all && (l.state != NodeState.RUNNING && l.state != NodeState.FAILED || shown >= MAX_LINES)) {
                continue;
            }
            shown++;
            sb.append("\033[2K").append(symbol(l)).append(' ').append(String.format("%-" + width + "s", e.getKey())).append("  ");
            switch (l.state) {
                case QUEUED -> sb.append("queued");
                case RUNNING -> sb.append(bar(l.fraction, 20)).append(String.format(Locale.ROOT, " %3d%%  %s",
                        Math.round(l.fraction * 100), seconds(now - l.started)));
                case FINISHED -> sb.append(l.cached ? "cached" : "done in " + seconds(l.ended - l.started));
                case FAILED -> sb.append("failed: ").append(shorten(l.message, 70));
                case SKIPPED -> sb.append("skipped");
                case CANCELLED -> sb.append("cancelled");
                default -> { }
            }
            sb.append('\n');
        }
        double overall = total == 0 ? 1 : lines.values().stream()
                .mapToDouble(l -> l.state.isFinal() ? 1 : l.state == NodeState.RUNNING ? l.fraction : 0).sum() / total;
        sb.append("\033[2K  ").append(bar(overall, 30)).append(String.format(Locale.ROOT, " %3d%%  %d/%d nodes  %s%n",
                Math.round(overall * 100), completed, total, seconds(now - t0)));
        sb.append("\033[J"); // clear what a longer previous drawing left below
        drawn = shown + 1;
        out.print(sb);
        out.flush();
    }

    private static String symbol(Line l) {
        return switch (l.state) {
            case QUEUED -> "·";
            case RUNNING -> "▶";
            case FINISHED -> "✔";
            case FAILED -> "✘";
            case SKIPPED, CANCELLED -> "–";
        };
    }

    private static String bar(double fraction, int width) {
        int full = (int) Math.round(Math.max(0, Math.min(1, fraction)) * width);
        return "[" + "#".repeat(full) + " ".repeat(width - full) + "]";
    }

    static String seconds(long nanos) {
        double s = nanos / 1e9;
        return s < 60 ? String.format(Locale.ROOT, "%.2f s", s) : String.format(Locale.ROOT, "%d min %02d s", (long) s / 60, (long) s % 60);
    }

    private static String shorten(String s, int max) {
        String one = s.replace('\n', ' ');
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }
}
