package org.gyrus.workbench.viewers;

import java.io.ByteArrayInputStream;

import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

/**
 * The chart viewer: a PNG image (a {@link org.gyrus.data.Chart}, a report's figure, a {@code .png}
 * file) scaled to fit its area, never enlarged beyond twice its size, smoothly interpolated.
 */
public final class ImageViewer extends Canvas {

    private final Image image;

    /**
     * A viewer of the PNG {@code png}.
     *
     * @throws IllegalArgumentException if the bytes are not an image SWT can decode
     */
    public ImageViewer(Composite parent, byte[] png) {
        super(parent, SWT.DOUBLE_BUFFERED);
        ImageData data;
        try {
            data = new ImageData(new ByteArrayInputStream(png));
        } catch (SWTException e) {
            throw new IllegalArgumentException("Not an image SWT can decode: " + e.getMessage(), e);
        }
        image = new Image(getDisplay(), data);
        addDisposeListener(e -> image.dispose());
        addPaintListener(e -> paint(e.gc));
    }

    /** The image's size in pixels. */
    public Rectangle imageBounds() {
        return image.getBounds();
    }

    @Override
    public org.eclipse.swt.graphics.Point computeSize(int wHint, int hHint, boolean changed) {
        Rectangle b = image.getBounds();
        int w = wHint == SWT.DEFAULT ? b.width : wHint;
        int h = hHint == SWT.DEFAULT ? (wHint == SWT.DEFAULT ? b.height : b.height * wHint / Math.max(1, b.width)) : hHint;
        return new org.eclipse.swt.graphics.Point(w, h);
    }

    private void paint(GC gc) {
        Rectangle c = getClientArea();
        gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_WHITE));
        gc.fillRectangle(c);
        Rectangle b = image.getBounds();
        double scale = Math.min(2, Math.min((double) c.width / b.width, (double) c.height / b.height));
        if (scale <= 0) {
            return;
        }
        int w = (int) (b.width * scale);
        int h = (int) (b.height * scale);
        gc.setInterpolation(SWT.HIGH);
        gc.drawImage(image, 0, 0, b.width, b.height, c.x + (c.width - w) / 2, c.y + (c.height - h) / 2, w, h);
    }
}
