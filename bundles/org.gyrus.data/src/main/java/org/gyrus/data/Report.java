package org.gyrus.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a run tells its reader: an ordered list of text sections, metrics tables and PNG figures.
 * Immutable; {@link #and} combines reports (a pipeline's report is the sum of its nodes' reports).
 * {@link #writeTo} lays it out as {@code report.md} with figures and tables (CSV) beside it.
 */
public final class Report {

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    /** One part of a report. */
    public sealed interface Item permits Text, Metrics, Figure {
        /** The heading of this part. */
        String title();
    }

    /**
     * A section of prose (Markdown).
     *
     * @param title the heading
     * @param body  the text
     */
    public record Text(String title, String body) implements Item {
        /** Checks the fields. */
        public Text {
            Objects.requireNonNull(title);
            Objects.requireNonNull(body);
        }
    }

    /**
     * A table of metrics.
     *
     * @param title the heading
     * @param name  a file-name-safe name for the CSV copy
     * @param table the values
     */
    public record Metrics(String title, String name, Table table) implements Item {
        /** Checks the fields. */
        public Metrics {
            checkName(name);
            Objects.requireNonNull(table);
        }
    }

    /**
     * A figure as PNG bytes, and the same figure as SVG when it was drawn as a chart.
     *
     * @param title   the heading
     * @param name    a file-name-safe name for the PNG file (without extension)
     * @param caption what the figure shows
     * @param png     the encoded image
     * @param svg     the figure as SVG (UTF-8), or null when there is none
     */
    public record Figure(String title, String name, String caption, byte[] png, byte[] svg) implements Item {
        /** Checks the fields. */
        public Figure {
            checkName(name);
            Objects.requireNonNull(caption);
            if (png.length < 8 || png[1] != 'P' || png[2] != 'N' || png[3] != 'G') {
                throw new IllegalArgumentException("Figure '" + name + "' is not a PNG image");
            }
            png = png.clone();
            if (svg != null && !new String(svg, 0, Math.min(svg.length, 4096), StandardCharsets.UTF_8).contains("<svg")) {
                throw new IllegalArgumentException("Figure '" + name + "' has an SVG version that is not SVG");
            }
            svg = svg == null ? null : svg.clone();
        }

        /** A figure with no SVG version. */
        public Figure(String title, String name, String caption, byte[] png) {
            this(title, name, caption, png, null);
        }

        @Override
        public byte[] png() {
            return png.clone();
        }

        @Override
        public byte[] svg() {
            return svg == null ? null : svg.clone();
        }
    }

    private final List<Item> items;

    private Report(List<Item> items) {
        this.items = List.copyOf(items);
    }

    /** An empty report. */
    public static Report empty() {
        return new Report(List.of());
    }

    /** The parts in order. */
    public List<Item> items() {
        return items;
    }

    /** This report with a text section added. */
    public Report withText(String title, String body) {
        return with(new Text(title, body));
    }

    /** This report with a metrics table added. */
    public Report withMetrics(String title, String name, Table table) {
        return with(new Metrics(title, name, table));
    }

    /** This report with a figure added. */
    public Report withFigure(String title, String name, String caption, byte[] png) {
        return with(new Figure(title, name, caption, png));
    }

    /** This report with a figure added, as PNG and SVG (the SVG as {@link Chart#svg} writes it). */
    public Report withFigure(String title, String name, String caption, byte[] png, byte[] svg) {
        return with(new Figure(title, name, caption, png, svg));
    }

    /** This report with a chart added as a figure, in PNG and SVG. */
    public Report withFigure(String title, String name, String caption, Chart chart) {
        return withFigure(title, name, caption, chart.toPng(), chart.toSvg());
    }

    /** This report followed by {@code other}. */
    public Report and(Report other) {
        List<Item> all = new ArrayList<>(items);
        all.addAll(other.items);
        return new Report(all);
    }

    private Report with(Item item) {
        List<Item> all = new ArrayList<>(items);
        all.add(item);
        return new Report(all);
    }

    /**
     * Writes {@code report.md}, {@code figures/NAME.png} (and {@code NAME.svg} when the figure has
     * one; the markdown shows the PNG and links the SVG) and {@code tables/NAME.csv} into {@code dir}
     * (created if needed). Each file is written to a temporary name first and then moved into
     * place, so a reader never sees half a file.
     *
     * @throws IOException if a file cannot be written; the message names it
     */
    public void writeTo(Path dir) throws IOException {
        writeTo(dir, Map.of());
    }

    /**
     * Writes the report as {@link #writeTo(Path)} does, each figure carrying the text chunks
     * {@code figureText} (keyword to text, see {@link PngText}): how a figure copied out of its run
     * still says which analysis drew it.
     *
     * @throws IOException if a file cannot be written; the message names it
     */
    public void writeTo(Path dir, Map<String, String> figureText) throws IOException {
        StringBuilder md = new StringBuilder("# Report\n");
        for (Item item : items) {
            md.append("\n## ").append(item.title()).append("\n\n");
            if (item instanceof Text t) {
                md.append(t.body()).append('\n');
            } else if (item instanceof Metrics m) {
                md.append(markdownTable(m.table()));
                String csv = "tables/" + m.name() + ".csv";
                AtomicFile.write(dir.resolve(csv), csv(m.table()).getBytes(StandardCharsets.UTF_8));
                md.append("\n([").append(csv).append("](").append(csv).append("))\n");
            } else if (item instanceof Figure f) {
                String png = "figures/" + f.name() + ".png";
                byte[] bytes = f.png;
                for (Map.Entry<String, String> t : figureText.entrySet()) {
                    bytes = PngText.withText(bytes, t.getKey(), t.getValue());
                }
                AtomicFile.write(dir.resolve(png), bytes);
                md.append("![").append(f.caption()).append("](").append(png).append(")\n\n*")
                        .append(f.caption()).append('*');
                if (f.svg != null) {
                    String svg = "figures/" + f.name() + ".svg";
                    AtomicFile.write(dir.resolve(svg), f.svg);
                    md.append(" ([SVG](").append(svg).append("))");
                }
                md.append('\n');
            }
        }
        AtomicFile.write(dir.resolve("report.md"), md.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String markdownTable(Table t) {
        StringBuilder sb = new StringBuilder("|");
        for (String n : t.columnNames()) {
            sb.append(' ').append(n).append(" |");
        }
        sb.append("\n|");
        for (Column c : t.columns()) {
            sb.append(c instanceof NumericColumn ? " ---: |" : " --- |");
        }
        sb.append('\n');
        for (int r = 0; r < t.rowCount(); r++) {
            sb.append('|');
            for (Column c : t.columns()) {
                String v = c instanceof NumericColumn n && !n.isMissing(r) ? String.format("%.4g", n.get(r)) : c.format(r);
                sb.append(' ').append(v == null ? "" : v.replace("|", "\\|")).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String csv(Table t) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        TableWriter.csv().write(t, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String checkName(String name) {
        if (name == null || !SAFE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' cannot name a file: use letters, digits, '.', '_' and '-'");
        }
        return name;
    }

    @Override
    public String toString() {
        return "Report[" + items.size() + " items]";
    }
}
