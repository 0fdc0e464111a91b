package org.gyrus.attention;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

/**
 * The attention figures of the reports, drawn to PNG without a display: a heat map of attention
 * weights with the values written in the cells, a bar chart of attributions, and images with
 * their attention laid over them.
 */
public final class Figures {

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private Figures() {
    }

    /**
     * A heat map of weights (white 0 to dark blue 1), each cell labelled with its value.
     *
     * @param rows    the query names (rows)
     * @param columns the key names (columns)
     */
    public static byte[] heatMap(String title, double[][] weights, List<String> rows, List<String> columns) {
        int t = weights.length;
        int s = weights[0].length;
        int cell = Math.max(18, Math.min(70, 560 / Math.max(t, s)));
        int left = 20 + longest(rows) * 7;
        int top = 70 + longest(columns) * 7;
        int width = left + s * cell + 110;
        int height = top + t * cell + 60;
        BufferedImage img = canvas(width, height);
        Graphics2D g = graphics(img);
        title(g, title, width);
        g.setFont(LABEL);
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < s; j++) {
                double w = weights[i][j];
                g.setColor(blue(w));
                g.fillRect(left + j * cell, top + i * cell, cell, cell);
                if (cell >= 36) {
                    g.setColor(w > 0.55 ? Color.WHITE : Color.BLACK);
                    String v = String.format(Locale.ROOT, "%.3f", w);
                    g.drawString(v, left + j * cell + (cell - fm.stringWidth(v)) / 2, top + i * cell + cell / 2 + 4);
                }
            }
            g.setColor(Color.BLACK);
            String name = rows.get(i);
            g.drawString(name, left - 6 - fm.stringWidth(name), top + i * cell + cell / 2 + 4);
        }
        for (int j = 0; j < s; j++) {
            Graphics2D r = (Graphics2D) g.create();
            r.translate(left + j * cell + cell / 2 + 4, top - 6);
            r.rotate(-Math.PI / 2);
            r.drawString(columns.get(j), 0, 0);
            r.dispose();
        }
        g.drawString("keys →", left, top + t * cell + 20);
        g.drawString("queries ↓", 6, top - 10);
        colourBar(g, left + s * cell + 30, top, Math.min(t * cell, 240), "weight");
        g.dispose();
        return png(img);
    }

    /**
     * A horizontal bar chart, largest first.
     *
     * @param names  the bars' names
     * @param values the bars' lengths (non-negative)
     */
    public static byte[] barChart(String title, List<String> names, double[] values, String axis) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
        int shown = Math.min(order.length, 30);
        int left = 30 + Math.min(longest(names), 30) * 7;
        int bar = 20;
        int width = left + 520;
        int height = 80 + shown * (bar + 4) + 50;
        double max = Arrays.stream(values).max().orElse(1);
        max = max > 0 ? max : 1;
        BufferedImage img = canvas(width, height);
        Graphics2D g = graphics(img);
        title(g, title, width);
        g.setFont(LABEL);
        FontMetrics fm = g.getFontMetrics();
        int top = 60;
        for (int r = 0; r < shown; r++) {
            int i = order[r];
            int y = top + r * (bar + 4);
            int len = (int) Math.round(400 * values[i] / max);
            g.setColor(new Color(0x1f77b4));
            g.fillRect(left, y, Math.max(1, len), bar);
            g.setColor(Color.BLACK);
            String name = names.get(i).length() > 30 ? names.get(i).substring(0, 29) + "…" : names.get(i);
            g.drawString(name, left - 6 - fm.stringWidth(name), y + bar - 5);
            g.drawString(String.format(Locale.ROOT, "%.4f", values[i]), left + len + 6, y + bar - 5);
        }
        int axisY = top + shown * (bar + 4) + 6;
        g.drawLine(left, axisY, left + 400, axisY);
        g.drawString(axis, left, axisY + 20);
        if (shown < values.length) {
            g.drawString("(" + (values.length - shown) + " smaller not shown)", left + 200, axisY + 20);
        }
        g.dispose();
        return png(img);
    }

    /**
     * Images (grey) with their per-patch attention laid over them in red, side by side.
     *
     * @param images   per image {@code height × width} pixel values (one channel), row-major
     * @param perPatch per image one value per patch, row-major over the patch grid
     * @param captions per image a caption
     */
    public static byte[] overlays(String title, List<float[]> images, List<double[]> perPatch, List<String> captions, int height, int width,
                                  int patch) {
        int scale = Math.max(4, 160 / Math.max(height, width));
        int tile = Math.max(height, width) * scale;
        int count = images.size();
        int perRow = Math.min(count, 6);
        int rowsOfTiles = (count + perRow - 1) / perRow;
        int w = 20 + perRow * (tile + 20) + 90;
        int h = 60 + rowsOfTiles * (tile + 40) + 20;
        BufferedImage img = canvas(w, h);
        Graphics2D g = graphics(img);
        title(g, title, w);
        g.setFont(LABEL);
        int cols = width / patch;
        for (int k = 0; k < count; k++) {
            int x0 = 20 + (k % perRow) * (tile + 20);
            int y0 = 60 + (k / perRow) * (tile + 40);
            float[] px = images.get(k);
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (float v : px) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            double[] a = perPatch.get(k);
            double amax = Arrays.stream(a).max().orElse(1);
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    double grey = hi > lo ? (px[r * width + c] - lo) / (hi - lo) : 0;
                    double att = amax > 0 ? a[(r / patch) * cols + c / patch] / amax : 0;
                    double alpha = 0.6 * att;
                    int red = (int) Math.round(255 * ((1 - alpha) * grey + alpha));
                    int gb = (int) Math.round(255 * (1 - alpha) * grey);
                    g.setColor(new Color(red, gb, gb));
                    g.fillRect(x0 + c * scale, y0 + r * scale, scale, scale);
                }
            }
            g.setColor(Color.BLACK);
            g.drawString(captions.get(k), x0, y0 + tile + 16);
        }
        g.drawString("red: attention rollout", w - 150, 45);
        g.dispose();
        return png(img);
    }

    private static Color blue(double w) {
        double v = Math.max(0, Math.min(1, w));
        return new Color((int) Math.round(255 * (1 - 0.85 * v)), (int) Math.round(255 * (1 - 0.65 * v)), (int) Math.round(255 - 90 * v));
    }

    private static void colourBar(Graphics2D g, int x, int y, int h, String label) {
        for (int i = 0; i < h; i++) {
            g.setColor(blue(1 - (double) i / h));
            g.fillRect(x, y + i, 16, 1);
        }
        g.setColor(Color.BLACK);
        g.drawRect(x, y, 16, h);
        g.drawString("1", x + 22, y + 10);
        g.drawString("0", x + 22, y + h);
        g.drawString(label, x, y + h + 16);
    }

    private static int longest(List<String> names) {
        return names.stream().mapToInt(String::length).max().orElse(1);
    }

    private static BufferedImage canvas(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    private static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        return g;
    }

    private static void title(Graphics2D g, String title, int width) {
        g.setFont(TITLE);
        g.setColor(Color.BLACK);
        g.drawString(title, Math.max(10, (width - g.getFontMetrics().stringWidth(title)) / 2), 28);
    }

    private static byte[] png(BufferedImage img) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
