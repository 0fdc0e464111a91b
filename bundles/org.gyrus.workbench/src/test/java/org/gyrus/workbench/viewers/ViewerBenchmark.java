package org.gyrus.workbench.viewers;

import java.util.Arrays;

import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.gyrus.data.Volume;

/**
 * Issue 10's viewer goals, measured with real widgets: changing the slice of a 256³ volume in the
 * volume viewer (goal ≤ 30 ms: slice cut, window, colour map, image and repaint of all three
 * views, as a slider move does), and opening the table viewer on 1,000,000 rows × 3 columns
 * (goal < 1 s, to the first paint) and scrolling it (a jump and a full repaint per step). Views
 * are drawn with {@code Control.print}, synchronously (GTK 3 would paint later, from its frame clock). Not a test: run it on an
 * idle machine under a display with {@code bundles/org.gyrus.workbench/bench/viewer-bench.sh} (its
 * header says how to build first). Prints the median and range of 30
 * slice changes after 10 warm-up ones, and of 5 table openings.
 */
public final class ViewerBenchmark {

    private ViewerBenchmark() {
    }

    public static void main(String[] args) {
        Display display = Display.getDefault();
        int n = 256;
        float[] v = new float[n * n * n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.sin(i * 1e-3) * 1000;
        }
        Volume volume = Volume.builder(v, n, n, n).build();
        Shell shell = new Shell(display);
        shell.setLayout(new FillLayout());
        shell.setSize(1200, 500);
        VolumeViewer viewer = new VolumeViewer(shell, volume);
        shell.open();
        drain(display);
        long[] times = new long[40];
        for (int i = 0; i < times.length; i++) {
            long t0 = System.nanoTime();
            viewer.setSlice(SlicePlane.AXIAL, (i * 37) % n);
            // GTK 3 paints from its frame clock, later: print() draws each view now, as a repaint does.
            for (SlicePlane p : SlicePlane.values()) {
                paint(viewer.view(p));
            }
            times[i] = System.nanoTime() - t0;
        }
        report("slice change, 256³ (3 views redrawn)", Arrays.copyOfRange(times, 10, times.length));
        shell.dispose();

        int rows = 1_000_000;
        double[] x = new double[rows];
        String[] ids = new String[rows];
        for (int i = 0; i < rows; i++) {
            x[i] = (i * 7919L) % rows;
            ids[i] = "sub-" + i;
        }
        Table table = Table.of(new TextColumn("id", ids), new NumericColumn("x", x), new NumericColumn("y", x.clone()));
        long[] open = new long[5];
        long[] scroll = new long[5];
        for (int r = 0; r < open.length; r++) {
            Shell s = new Shell(display);
            s.setLayout(new FillLayout());
            s.setSize(900, 600);
            long t0 = System.nanoTime();
            TableGrid grid = new TableGrid(s, TableModel.of(table));
            s.open();
            paint(grid);
            open[r] = System.nanoTime() - t0;
            long t1 = System.nanoTime();
            for (int step = 0; step < 100; step++) {
                grid.scrollTo(step * 9_973);
                paint(grid);
            }
            scroll[r] = (System.nanoTime() - t1) / 100;
            s.dispose();
            drain(display);
        }
        report("table viewer open, 1,000,000 rows × 3", open);
        report("table viewer scroll step (redraw)", scroll);
        display.dispose();
    }

    /** Draws {@code c} as its paint listener would, into an off-screen image. */
    private static void paint(org.eclipse.swt.widgets.Control c) {
        org.eclipse.swt.graphics.Point size = c.getSize();
        org.eclipse.swt.graphics.Image img = new org.eclipse.swt.graphics.Image(c.getDisplay(), Math.max(1, size.x), Math.max(1, size.y));
        org.eclipse.swt.graphics.GC gc = new org.eclipse.swt.graphics.GC(img);
        try {
            c.print(gc);
        } finally {
            gc.dispose();
            img.dispose();
        }
    }

    private static void drain(Display d) {
        while (d.readAndDispatch()) {
            // paint
        }
    }

    private static void report(String what, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        System.out.printf("%s: median %.2f ms (%.2f – %.2f), %d runs%n", what, s[s.length / 2] / 1e6, s[0] / 1e6, s[s.length - 1] / 1e6,
                s.length);
    }
}
