package org.gyrus.workbench.viewers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.gyrus.data.Chart;
import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.Report;
import org.gyrus.data.Table;
import org.gyrus.data.Volume;
import org.gyrus.data.VolumeSet;

/**
 * The viewer for a value, chosen by its type: volumes in the {@link VolumeViewer}; tables and
 * feature matrices in a {@link TableGrid} (rows with an image shape also as pictures,
 * {@link SampleImages}); reports in the {@link ReportViewer}; charts and PNG files in the
 * {@link ImageViewer}; models in the {@link ModelViewer}; text files (TSV, Markdown, JSON, a report
 * folder's {@code report.md}) as their first MiB of text; anything else as its summary. A viewer
 * that fails (a damaged value, a bug) leaves an error label in its place: it never takes the
 * window down.
 */
public final class ValueViewers {

    /** The key of the data on an error label that holds the exception. */
    public static final String ERROR_KEY = "gyrus.viewerError";

    private static final int MAX_TEXT_BYTES = 1 << 20;

    private ValueViewers() {
    }

    /** A viewer of {@code value} as a child of {@code parent}; an error label if it cannot be shown. */
    public static Control create(Composite parent, Object value) {
        Composite holder = new Composite(parent, SWT.NONE);
        holder.setLayout(new FillLayout());
        try {
            viewer(holder, value);
        } catch (RuntimeException | LinkageError e) {
            for (Control c : holder.getChildren()) {
                c.dispose();
            }
            Label error = new Label(holder, SWT.WRAP);
            error.setText("This " + kind(value) + " cannot be shown: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            error.setForeground(holder.getDisplay().getSystemColor(SWT.COLOR_RED));
            error.setData(ERROR_KEY, e);
            System.getLogger(ValueViewers.class.getName()).log(System.Logger.Level.WARNING, "A viewer failed", e);
        }
        holder.layout(true, true);
        return holder;
    }

    /** The one-line summary of {@code value} that hovering a port shows. */
    public static String summary(Object value) {
        return ValueSummary.of(value);
    }

    private static void viewer(Composite parent, Object value) {
        if (value instanceof Volume v) {
            new VolumeViewer(parent, v);
        } else if (value instanceof VolumeSet s) {
            if (s.size() == 0) {
                text(parent, "The volume set is empty.");
            } else {
                // The first subject's volume; the summary names the others.
                new VolumeViewer(parent, s.get(s.ids().get(0)));
            }
        } else if (value instanceof Table t) {
            new TableGrid(parent, TableModel.of(t));
        } else if (value instanceof FeatureMatrix m && SampleImages.applies(m)) {
            // Images and patches: the rows as pictures, a slider picking the sample; the numbers in a second tab.
            org.eclipse.swt.custom.CTabFolder tabs = new org.eclipse.swt.custom.CTabFolder(parent, SWT.BOTTOM | SWT.BORDER);
            org.eclipse.swt.custom.CTabItem images = new org.eclipse.swt.custom.CTabItem(tabs, SWT.NONE);
            images.setText("Images");
            VolumeViewer v = new VolumeViewer(tabs, SampleImages.asVolume(m));
            v.setTimeNames("Sample", m.rowIds());
            images.setControl(v);
            org.eclipse.swt.custom.CTabItem numbers = new org.eclipse.swt.custom.CTabItem(tabs, SWT.NONE);
            numbers.setText("Table");
            numbers.setControl(new TableGrid(tabs, TableModel.of(m)));
            tabs.setSelection(images);
        } else if (value instanceof FeatureMatrix m) {
            new TableGrid(parent, TableModel.of(m));
        } else if (value instanceof Report r) {
            new ReportViewer(parent, r);
        } else if (value instanceof Chart c) {
            new ImageViewer(parent, c.toPng());
        } else if (value instanceof ModelArtifact m) {
            new ModelViewer(parent, m);
        } else if (value instanceof Path p && Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            try {
                new ImageViewer(parent, Files.readAllBytes(p));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + p + ": " + e.getMessage(), e);
            }
        } else if (value instanceof Path p && (Files.isRegularFile(p) && isText(p) || Files.isRegularFile(p.resolve("report.md")))) {
            Path file = Files.isDirectory(p) ? p.resolve("report.md") : p;
            try {
                byte[] head = new byte[(int) Math.min(Files.size(file), MAX_TEXT_BYTES)];
                try (var in = Files.newInputStream(file)) {
                    int n = in.readNBytes(head, 0, head.length);
                    text(parent, ValueSummary.of(p) + "\n\n" + new String(head, 0, n, java.nio.charset.StandardCharsets.UTF_8)
                            + (Files.size(file) > MAX_TEXT_BYTES ? "\n… (the first MiB)" : ""));
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
            }
        } else {
            text(parent, value == null ? "(no value)" : ValueSummary.of(value) + (value instanceof CharSequence ? "\n\n" + value : ""));
        }
    }

    private static boolean isText(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".tsv") || n.endsWith(".csv") || n.endsWith(".txt") || n.endsWith(".md") || n.endsWith(".json");
    }

    private static void text(Composite parent, String s) {
        Text t = new Text(parent, SWT.MULTI | SWT.READ_ONLY | SWT.WRAP | SWT.V_SCROLL);
        t.setText(s);
    }

    private static String kind(Object value) {
        return value == null ? "value" : value.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }
}
