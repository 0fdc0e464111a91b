package org.gyrus.workbench.viewers;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

/**
 * One slice view of a {@link VolumeViewer}: draws the slice's RGB pixels scaled to fit with the
 * voxels' aspect ratio (nearest neighbour, so voxels stay sharp), the crosshair, and the
 * orientation letters at its edges.
 */
final class SliceCanvas extends Canvas {

    private final SlicePlane plane;
    private int[] rgb = new int[0];
    private int width;
    private int height;
    private double pixelWidth = 1;
    private double pixelHeight = 1;
    private int crossCol = -1;
    private int crossRow = -1;
    private String[] edges = {"", "", "", ""}; // left, right, top, bottom
    private Image image;

    SliceCanvas(Composite parent, SlicePlane plane) {
        super(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        this.plane = plane;
        addPaintListener(e -> paint(e.gc));
        addDisposeListener(e -> disposeImage());
    }

    SlicePlane plane() {
        return plane;
    }

    /** New pixels ({@code 0xRRGGBB}, rows top to bottom) with the voxel size along each screen axis. */
    void show(int[] pixels, int w, int h, double pw, double ph, int col, int row, String[] edgeLetters) {
        this.rgb = pixels;
        this.width = w;
        this.height = h;
        this.pixelWidth = pw;
        this.pixelHeight = ph;
        this.crossCol = col;
        this.crossRow = row;
        this.edges = edgeLetters;
        disposeImage();
        if (w > 0 && h > 0) {
            ImageData data = new ImageData(w, h, 24, new PaletteData(0xFF0000, 0x00FF00, 0x0000FF));
            for (int r = 0; r < h; r++) {
                data.setPixels(0, r, w, pixels, r * w);
            }
            image = new Image(getDisplay(), data);
        }
        redraw();
    }

    /** The RGB of the slice pixel (col, row) as last shown. */
    int pixel(int col, int row) {
        return rgb[row * width + col];
    }

    /** Where the slice is drawn in the canvas. */
    Rectangle drawArea() {
        Rectangle c = getClientArea();
        if (width == 0 || height == 0 || c.width <= 0 || c.height <= 0) {
            return new Rectangle(0, 0, Math.max(1, c.width), Math.max(1, c.height));
        }
        double worldW = width * pixelWidth;
        double worldH = height * pixelHeight;
        double scale = Math.min(c.width / worldW, c.height / worldH);
        int dw = Math.max(1, (int) Math.round(worldW * scale));
        int dh = Math.max(1, (int) Math.round(worldH * scale));
        return new Rectangle(c.x + (c.width - dw) / 2, c.y + (c.height - dh) / 2, dw, dh);
    }

    /** The slice pixel under canvas point (x, y), or null outside the slice. */
    int[] pixelAt(int x, int y) {
        Rectangle a = drawArea();
        if (width == 0 || x < a.x || y < a.y || x >= a.x + a.width || y >= a.y + a.height) {
            return null;
        }
        int col = (int) ((x - a.x) * (long) width / a.width);
        int row = (int) ((y - a.y) * (long) height / a.height);
        return new int[] {Math.min(width - 1, col), Math.min(height - 1, row)};
    }

    /** The canvas point at the centre of slice pixel (col, row). */
    int[] pointOf(int col, int row) {
        Rectangle a = drawArea();
        return new int[] {a.x + (int) ((col + 0.5) * a.width / width), a.y + (int) ((row + 0.5) * a.height / height)};
    }

    private void paint(GC gc) {
        Rectangle c = getClientArea();
        gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_BLACK));
        gc.fillRectangle(c);
        if (image == null) {
            return;
        }
        Rectangle a = drawArea();
        gc.setInterpolation(SWT.NONE);
        gc.drawImage(image, 0, 0, width, height, a.x, a.y, a.width, a.height);
        if (crossCol >= 0) {
            int[] p = pointOf(crossCol, crossRow);
            Color green = getDisplay().getSystemColor(SWT.COLOR_GREEN);
            gc.setForeground(green);
            gc.drawLine(a.x, p[1], a.x + a.width - 1, p[1]);
            gc.drawLine(p[0], a.y, p[0], a.y + a.height - 1);
        }
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_YELLOW));
        int fh = gc.getFontMetrics().getHeight();
        gc.drawString(edges[0], c.x + 3, c.y + c.height / 2 - fh / 2, true);
        gc.drawString(edges[1], c.x + c.width - gc.textExtent(edges[1]).x - 3, c.y + c.height / 2 - fh / 2, true);
        gc.drawString(edges[2], c.x + c.width / 2 - gc.textExtent(edges[2]).x / 2, c.y + 2, true);
        gc.drawString(edges[3], c.x + c.width / 2 - gc.textExtent(edges[3]).x / 2, c.y + c.height - fh - 2, true);
        gc.drawString(plane.label(), c.x + 3, c.y + 2, true);
    }

    private void disposeImage() {
        if (image != null) {
            image.dispose();
            image = null;
        }
    }
}
