package org.gyrus.adversarial;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import javax.imageio.ImageIO;

/**
 * A PNG of adversarial examples, one row per sample: the original, the adversarial sample (each with
 * the network's class and confidence) and their difference amplified to the full grey scale (mid grey
 * is no change). What is drawn of a sample: a 2-D image ({@code [C, H, W]} or {@code [H, W]}) its
 * first channel; a volume ({@code [C, D, H, W]}) the first channel's middle slice; a flat row its
 * values in order, row after row, on the smallest square that holds them. Needs no display.
 */
public final class ExampleGrid {

    private static final int CELL = 128;
    private static final int CAPTION = 34;
    private static final int GAP = 12;
    private static final int HEADER = 46;

    private final int[] sampleShape;
    private final float min;
    private final float max;
    private final List<String> classNames;

    /**
     * @param sampleShape the shape of one sample
     * @param min         the value drawn black
     * @param max         the value drawn white
     * @param classNames  the names of the classes, or null to show their indices
     */
    public ExampleGrid(int[] sampleShape, float min, float max, List<String> classNames) {
        this.sampleShape = sampleShape.clone();
        this.min = min;
        this.max = max;
        this.classNames = classNames;
    }

    /**
     * Draws the examples.
     *
     * @param title    the title above the grid
     * @param result   an attack's result (its samples and classes)
     * @param original the original samples, flat
     * @param samples  the indices of the samples to draw, top to bottom
     * @param names    what to call each of them (their ids)
     * @return PNG bytes
     */
    public byte[] draw(String title, AttackResult result, float[] original, int[] samples, List<String> names) {
        if (names.size() != samples.length) {
            throw new IllegalArgumentException(names.size() + " names for " + samples.length + " samples");
        }
        int[] plane = plane();
        int h = plane[0];
        int w = plane[1];
        int scale = Math.max(1, CELL / Math.max(h, w));
        int cw = Math.max(w * scale, 150);
        int ch = h * scale;
        int width = GAP + 3 * (cw + GAP);
        int height = HEADER + samples.length * (ch + CAPTION + GAP) + GAP;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            g.drawString(title, GAP, 18);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            String[] heads = {"original", "adversarial", "difference (amplified)"};
            for (int c = 0; c < 3; c++) {
                g.drawString(heads[c], GAP + c * (cw + GAP), HEADER - 8);
            }
            int size = original.length / result.size();
            for (int r = 0; r < samples.length; r++) {
                int s = samples[r];
                int y = HEADER + r * (ch + CAPTION + GAP);
                float[] a = slice(original, s * size, plane);
                float[] b = slice(result.adversarial(), s * size, plane);
                float[] d = new float[a.length];
                float largest = 0;
                for (int i = 0; i < a.length; i++) {
                    d[i] = Float.isNaN(a[i]) ? Float.NaN : b[i] - a[i];
                    largest = Float.isNaN(d[i]) ? largest : Math.max(largest, Math.abs(d[i]));
                }
                paint(img, GAP, y, h, w, scale, a, min, max);
                paint(img, GAP + cw + GAP, y, h, w, scale, b, min, max);
                float half = largest > 0 ? largest : 1;
                paint(img, GAP + 2 * (cw + GAP), y, h, w, scale, d, -half, half);
                g.setColor(Color.BLACK);
                int ty = y + ch + 14;
                g.drawString(label(result.originalClass()[s], result.originalConfidence()[s]), GAP, ty);
                g.setColor(result.adversarialClass()[s] != result.originalClass()[s] ? new Color(0xb00000) : Color.BLACK);
                g.drawString(label(result.adversarialClass()[s], result.adversarialConfidence()[s]), GAP + cw + GAP, ty);
                g.setColor(Color.BLACK);
                g.drawString(String.format(java.util.Locale.ROOT, "max |change| %.3g", largest), GAP + 2 * (cw + GAP), ty);
                g.drawString(names.get(r), GAP, ty + 14);
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private String label(int k, float confidence) {
        String name = classNames == null ? Integer.toString(k) : classNames.get(k);
        return String.format(java.util.Locale.ROOT, "class %s (%.2f)", name, confidence);
    }

    /** {height, width, offset of the plane in a sample, stride between rows of a flat raster or 0}. */
    private int[] plane() {
        int n = sampleShape.length;
        if (n == 1) {
            int side = (int) Math.ceil(Math.sqrt(sampleShape[0]));
            return new int[] {(sampleShape[0] + side - 1) / side, side, 0};
        }
        int h = sampleShape[n - 2];
        int w = sampleShape[n - 1];
        int offset = n == 4 ? (sampleShape[1] / 2) * h * w : 0;
        return new int[] {h, w, offset};
    }

    /** The drawn plane of the sample starting at {@code start}; NaN where a flat raster has no value. */
    private float[] slice(float[] x, int start, int[] plane) {
        float[] out = new float[plane[0] * plane[1]];
        int size = 1;
        for (int s : sampleShape) {
            size *= s;
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = sampleShape.length == 1 && i >= size ? Float.NaN : x[start + plane[2] + i];
        }
        return out;
    }

    private static void paint(BufferedImage img, int x0, int y0, int h, int w, int scale, float[] v, float lo, float hi) {
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                float value = v[r * w + c];
                int rgb;
                if (Float.isNaN(value)) {
                    rgb = 0xe8e8f0;
                } else {
                    int grey = Math.round(255 * Math.min(1, Math.max(0, (value - lo) / (hi - lo))));
                    rgb = grey << 16 | grey << 8 | grey;
                }
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        img.setRGB(x0 + c * scale + dx, y0 + r * scale + dy, rgb);
                    }
                }
            }
        }
    }
}
