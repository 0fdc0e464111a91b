package org.gyrus.diffusion;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

/**
 * Grey-level images side by side in a PNG for reports, each with a caption, in rows of a given
 * width; every tile is drawn on the same intensity window so that they compare, enlarged by an
 * integer factor to about 180 pixels. Images are row-major (x fastest), row 0 at the top.
 */
public final class ImageGrid {

    private record Tile(String caption, float[] pixels, int width, int height) {
    }

    private final int columns;
    private final double low;
    private final double high;
    private final List<Tile> tiles = new ArrayList<>();

    /** A grid {@code columns} tiles wide, mapping [low, high] to black..white. */
    public ImageGrid(int columns, double low, double high) {
        if (columns < 1 || !(high > low)) {
            throw new IllegalArgumentException("Image grid: need at least one column and a non-empty window");
        }
        this.columns = columns;
        this.low = low;
        this.high = high;
    }

    /** Adds an image. */
    public ImageGrid add(String caption, float[] pixels, int width, int height) {
        if (pixels.length != width * height) {
            throw new IllegalArgumentException("Image grid: " + pixels.length + " pixels are not " + width + "×" + height);
        }
        tiles.add(new Tile(caption, pixels, width, height));
        return this;
    }

    /** The PNG. */
    public byte[] toPng() {
        if (tiles.isEmpty()) {
            throw new IllegalStateException("Image grid: no images");
        }
        int w = tiles.stream().mapToInt(Tile::width).max().getAsInt();
        int h = tiles.stream().mapToInt(Tile::height).max().getAsInt();
        int zoom = Math.max(1, 180 / Math.max(w, h));
        int caption = 18;
        int cols = Math.min(columns, tiles.size());
        int rows = (tiles.size() + cols - 1) / cols;
        int cw = w * zoom + 8;
        int ch = h * zoom + caption + 8;
        BufferedImage img = new BufferedImage(cols * cw, rows * ch, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i < tiles.size(); i++) {
            Tile t = tiles.get(i);
            int ox = (i % cols) * cw + 4;
            int oy = (i / cols) * ch + 4;
            g.setColor(Color.BLACK);
            g.drawString(t.caption(), ox, oy + 13);
            for (int y = 0; y < t.height(); y++) {
                for (int x = 0; x < t.width(); x++) {
                    double v = (t.pixels()[y * t.width() + x] - low) / (high - low);
                    int grey = (int) Math.round(255 * Math.max(0, Math.min(1, v)));
                    g.setColor(new Color(grey, grey, grey));
                    // row 0 of the data at the bottom: axial slices display with anterior up
                    g.fillRect(ox + x * zoom, oy + caption + (t.height() - 1 - y) * zoom, zoom, zoom);
                }
            }
        }
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
