package org.gyrus.workbench.canvas;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.swt.graphics.Device;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.graphics.TextLayout;

/**
 * Text shaped once and drawn on every frame: one SWT {@link TextLayout} per font and string, kept
 * between repaints. {@code GC.drawText} and {@code GC.textExtent} hand the string to Pango each
 * time (itemisation and shaping), which was most of what drawing a node cost; a kept layout is only
 * rasterised. Widths and clipped labels come from the same layouts, so measuring costs nothing
 * after the first frame either. Bounded: past {@link #LIMIT} strings it starts afresh, so labels
 * that left the canvas (renamed nodes, old messages) do not pile up. Not thread-safe: UI thread.
 */
final class TextLayouts {

    static final int LIMIT = 2048;

    private record Clip(Font font, String text, int width) {
    }

    private final Device device;
    private final Map<Font, Map<String, TextLayout>> layouts = new HashMap<>();
    private final Map<Clip, String> clipped = new HashMap<>();
    private int size;

    TextLayouts(Device device) {
        this.device = device;
    }

    /** Draws {@code text} in {@code font} with its top-left corner at (x, y), in the GC's foreground colour. */
    void draw(GC gc, Font font, String text, int x, int y) {
        layout(font, text).draw(gc, x, y);
    }

    /** The width and height of {@code text} in {@code font}, in the GC's units (before any transform). */
    Rectangle bounds(Font font, String text) {
        return layout(font, text).getBounds();
    }

    /** {@code text}, or its longest prefix with "…" that is at most {@code width} wide in {@code font}. */
    String clip(Font font, String text, int width) {
        Clip key = new Clip(font, text, width);
        String known = clipped.get(key);
        if (known != null) {
            return known;
        }
        String result = text;
        if (bounds(font, text).width > width) {
            // The shortened candidates are measured on one scratch layout: only the result is kept.
            TextLayout scratch = new TextLayout(device);
            try {
                scratch.setFont(font);
                String t = text;
                scratch.setText(t + "…");
                while (t.length() > 1 && scratch.getBounds().width > width) {
                    t = t.substring(0, t.length() - 1);
                    scratch.setText(t + "…");
                }
                result = t + "…";
            } finally {
                scratch.dispose();
            }
        }
        clipped.put(key, result);
        return result;
    }

    private TextLayout layout(Font font, String text) {
        Map<String, TextLayout> byText = layouts.computeIfAbsent(font, f -> new HashMap<>());
        TextLayout l = byText.get(text);
        if (l == null) {
            if (size >= LIMIT) {
                dispose();
                byText = layouts.computeIfAbsent(font, f -> new HashMap<>());
            }
            l = new TextLayout(device);
            l.setFont(font);
            l.setText(text);
            byText.put(text, l);
            size++;
        }
        return l;
    }

    /** Frees every layout (also what {@link #LIMIT} does); the next draw shapes its text again. */
    void dispose() {
        layouts.values().forEach(m -> m.values().forEach(TextLayout::dispose));
        layouts.clear();
        clipped.clear();
        size = 0;
    }
}
