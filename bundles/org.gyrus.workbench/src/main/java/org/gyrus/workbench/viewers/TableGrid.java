package org.gyrus.workbench.viewers;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.ScrollBar;

/**
 * The table viewer: a virtual grid drawn on a canvas that asks its {@link TableModel} only for the
 * rows on screen, so a table of any length opens and scrolls at once (an SWT {@code Table} with
 * {@code SWT.VIRTUAL} on GTK spent 8 s in {@code setItemCount(1_000_000)} here). The header shows
 * each column's name, type and missing count; clicking it sorts by that column (again: descending,
 * a third time: data order). Missing cells show a grey "NA"; numbers are right-aligned.
 */
public final class TableGrid extends Canvas {

    private static final int PAD = 4;
    private static final int MAX_WIDTH = 320;
    private static final int ROW_NUMBER_COLUMN = -1;

    private final TableModel model;
    private final int[] widths;
    private int rowNumberWidth;
    private int rowHeight;
    private int top;
    private int left;

    /** A grid showing {@code model}. */
    public TableGrid(Composite parent, TableModel model) {
        super(parent, SWT.DOUBLE_BUFFERED | SWT.V_SCROLL | SWT.H_SCROLL | SWT.NO_BACKGROUND);
        this.model = model;
        this.widths = new int[model.columnCount()];
        GC gc = new GC(this);
        try {
            rowHeight = gc.getFontMetrics().getHeight() + 2 * PAD / 2;
            rowNumberWidth = gc.textExtent(String.format("%,d", model.rowCount())).x + 2 * PAD;
            int sample = Math.min(model.rowCount(), 200);
            for (int c = 0; c < widths.length; c++) {
                int w = gc.textExtent(model.header(c)).x + 2 * PAD + 12;
                for (int r = 0; r < sample; r++) {
                    String s = model.cell(r, c);
                    w = Math.max(w, gc.textExtent(s == null ? "NA" : s).x + 2 * PAD);
                }
                widths[c] = Math.min(MAX_WIDTH, w);
            }
        } finally {
            gc.dispose();
        }
        addPaintListener(e -> paint(e.gc));
        getVerticalBar().addListener(SWT.Selection, e -> {
            top = getVerticalBar().getSelection();
            redraw();
        });
        getHorizontalBar().addListener(SWT.Selection, e -> {
            left = getHorizontalBar().getSelection();
            redraw();
        });
        addListener(SWT.Resize, e -> updateBars());
        addListener(SWT.MouseDown, e -> {
            if (e.button == 1 && e.y < rowHeight) {
                int c = columnAt(e.x);
                if (c >= 0) {
                    clickHeader(c);
                }
            }
        });
        addListener(SWT.MouseVerticalWheel, e -> scrollTo(top - e.count));
        addListener(SWT.KeyDown, e -> {
            switch (e.keyCode) {
                case SWT.PAGE_DOWN -> scrollTo(top + visibleRows());
                case SWT.PAGE_UP -> scrollTo(top - visibleRows());
                case SWT.ARROW_DOWN -> scrollTo(top + 1);
                case SWT.ARROW_UP -> scrollTo(top - 1);
                case SWT.HOME -> scrollTo(0);
                case SWT.END -> scrollTo(model.rowCount());
                default -> { }
            }
        });
        updateBars();
    }

    /** The model shown. */
    public TableModel model() {
        return model;
    }

    /** The first row on screen. */
    public int topRow() {
        return top;
    }

    /** How many rows fit on screen. */
    public int visibleRows() {
        return Math.max(1, (getClientArea().height - rowHeight) / rowHeight);
    }

    /** Scrolls so that {@code row} is the first row on screen (clamped). */
    public void scrollTo(int row) {
        top = Math.max(0, Math.min(row, Math.max(0, model.rowCount() - visibleRows())));
        getVerticalBar().setSelection(top);
        redraw();
    }

    /** What clicking the header of column {@code c} does: ascending, then descending, then data order. */
    public void clickHeader(int c) {
        if (model.sortColumn() != c) {
            model.sort(c, true);
        } else if (model.ascending()) {
            model.sort(c, false);
        } else {
            model.sort(-1, true);
        }
        redraw();
    }

    /** The text drawn in the header of column {@code c}, with the sort arrow. */
    public String headerText(int c) {
        String arrow = model.sortColumn() == c ? (model.ascending() ? " ▲" : " ▼") : "";
        return model.header(c) + arrow;
    }

    /** The texts of the rows on screen as drawn ("NA" for missing), row by row. */
    public String[][] visibleCells() {
        int n = Math.min(visibleRows(), model.rowCount() - top);
        String[][] out = new String[Math.max(0, n)][model.columnCount()];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < model.columnCount(); c++) {
                String s = model.cell(top + r, c);
                out[r][c] = s == null ? "NA" : s;
            }
        }
        return out;
    }

    private int columnAt(int x) {
        int pos = rowNumberWidth - left;
        for (int c = 0; c < widths.length; c++) {
            if (x >= pos && x < pos + widths[c]) {
                return c;
            }
            pos += widths[c];
        }
        return ROW_NUMBER_COLUMN;
    }

    private void updateBars() {
        ScrollBar v = getVerticalBar();
        int visible = visibleRows();
        v.setValues(Math.min(top, Math.max(0, model.rowCount() - visible)), 0, Math.max(1, model.rowCount()),
                Math.max(1, Math.min(visible, model.rowCount())), 1, Math.max(1, visible - 1));
        int total = rowNumberWidth;
        for (int w : widths) {
            total += w;
        }
        ScrollBar h = getHorizontalBar();
        int cw = Math.max(1, getClientArea().width);
        h.setValues(Math.min(left, Math.max(0, total - cw)), 0, Math.max(1, total), Math.min(cw, total), 20, Math.max(1, cw - 20));
        top = v.getSelection();
        left = h.getSelection();
    }

    private void paint(GC gc) {
        Rectangle area = getClientArea();
        gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        gc.fillRectangle(area);
        int rows = Math.min(visibleRows() + 1, model.rowCount() - top);
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_WIDGET_NORMAL_SHADOW));
        for (int r = 0; r < rows; r++) {
            int y = rowHeight * (r + 1);
            if ((top + r) % 2 == 1) {
                gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_WIDGET_LIGHT_SHADOW));
                gc.fillRectangle(0, y, area.width, rowHeight);
            }
        }
        int x = rowNumberWidth - left;
        for (int c = 0; c < widths.length && x < area.width; c++) {
            if (x + widths[c] > 0) {
                boolean numeric = model.isNumeric(c);
                gc.setClipping(Math.max(x, rowNumberWidth), rowHeight, widths[c], area.height);
                for (int r = 0; r < rows; r++) {
                    String s = model.cell(top + r, c);
                    int y = rowHeight * (r + 1) + PAD / 2;
                    if (s == null) {
                        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_GRAY));
                        s = "NA";
                    } else {
                        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_LIST_FOREGROUND));
                    }
                    int tx = numeric ? x + widths[c] - PAD - gc.textExtent(s).x : x + PAD;
                    gc.drawString(s, tx, y, true);
                }
            }
            x += widths[c];
        }
        gc.setClipping((Rectangle) null);
        // Row numbers and the header on top.
        gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_WIDGET_BACKGROUND));
        gc.fillRectangle(0, 0, rowNumberWidth, area.height);
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
        for (int r = 0; r < rows; r++) {
            String n = String.format("%,d", top + r + 1);
            gc.drawString(n, rowNumberWidth - PAD - gc.textExtent(n).x, rowHeight * (r + 1) + PAD / 2, true);
        }
        gc.fillRectangle(rowNumberWidth, 0, area.width, rowHeight);
        x = rowNumberWidth - left;
        gc.setClipping(rowNumberWidth, 0, area.width, rowHeight);
        for (int c = 0; c < widths.length && x < area.width; c++) {
            gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_WIDGET_FOREGROUND));
            gc.drawString(headerText(c), x + PAD, PAD / 2, true);
            gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_WIDGET_NORMAL_SHADOW));
            gc.drawLine(x + widths[c] - 1, 0, x + widths[c] - 1, area.height);
            x += widths[c];
        }
        gc.setClipping((Rectangle) null);
        gc.drawLine(0, rowHeight - 1, area.width, rowHeight - 1);
    }
}
