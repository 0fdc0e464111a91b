package org.gyrus.data;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javax.imageio.ImageIO;

/**
 * A small chart drawn to PNG for reports: line series (training curves) or scatter groups (latent
 * spaces coloured by label), with axes, ticks, labels and a legend. Needs no display.
 */
public final class Chart {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 560;
    private static final int LEFT = 80;
    private static final int RIGHT = 170;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};

    private record Series(String name, double[] x, double[] y, boolean line) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();

    /** A chart with a title and axis labels. */
    public Chart(String title, String xLabel, String yLabel) {
        this.title = Objects.requireNonNull(title);
        this.xLabel = Objects.requireNonNull(xLabel);
        this.yLabel = Objects.requireNonNull(yLabel);
    }

    /** Adds a line through the points (x[i], y[i]); NaN points break the line. */
    public Chart line(String name, double[] x, double[] y) {
        return add(new Series(name, x.clone(), y.clone(), true));
    }

    /** Adds a group of scattered points (x[i], y[i]). */
    public Chart points(String name, double[] x, double[] y) {
        return add(new Series(name, x.clone(), y.clone(), false));
    }

    private Chart add(Series s) {
        if (s.x.length != s.y.length) {
            throw new IllegalArgumentException("Series '" + s.name + "' has " + s.x.length + " x values but " + s.y.length + " y values");
        }
        series.add(s);
        return this;
    }

    /** The chart as PNG bytes. */
    public byte[] toPng() {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            draw(g);
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

    private void draw(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        double[] xr = range(true);
        double[] yr = range(false);
        int pw = WIDTH - LEFT - RIGHT;
        int ph = HEIGHT - TOP - BOTTOM;

        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.setColor(Color.BLACK);
        centre(g, title, LEFT + pw / 2, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        g.setColor(new Color(0xeeeeee));
        for (double t : ticks(xr)) {
            int px = LEFT + (int) Math.round((t - xr[0]) / (xr[1] - xr[0]) * pw);
            g.setColor(new Color(0xeeeeee));
            g.drawLine(px, TOP, px, TOP + ph);
            g.setColor(Color.DARK_GRAY);
            centre(g, label(t), px, TOP + ph + 18);
        }
        for (double t : ticks(yr)) {
            int py = TOP + ph - (int) Math.round((t - yr[0]) / (yr[1] - yr[0]) * ph);
            g.setColor(new Color(0xeeeeee));
            g.drawLine(LEFT, py, LEFT + pw, py);
            g.setColor(Color.DARK_GRAY);
            String s = label(t);
            g.drawString(s, LEFT - 8 - fm.stringWidth(s), py + fm.getAscent() / 2 - 1);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, pw, ph);
        centre(g, xLabel, LEFT + pw / 2, HEIGHT - 15);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        centre(g, yLabel, -(TOP + ph / 2), 20);
        g.setTransform(saved);

        g.clipRect(LEFT, TOP, pw + 1, ph + 1);
        for (int s = 0; s < series.size(); s++) {
            Series se = series.get(s);
            g.setColor(PALETTE[s % PALETTE.length]);
            if (se.line) {
                g.setStroke(new BasicStroke(2f));
                Path2D.Double path = new Path2D.Double();
                boolean open = false;
                for (int i = 0; i < se.x.length; i++) {
                    if (!Double.isFinite(se.x[i]) || !Double.isFinite(se.y[i])) {
                        open = false;
                        continue;
                    }
                    double px = LEFT + (se.x[i] - xr[0]) / (xr[1] - xr[0]) * pw;
                    double py = TOP + ph - (se.y[i] - yr[0]) / (yr[1] - yr[0]) * ph;
                    if (open) {
                        path.lineTo(px, py);
                    } else {
                        path.moveTo(px, py);
                        open = true;
                    }
                }
                g.draw(path);
            } else {
                Color c = g.getColor();
                g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 170));
                for (int i = 0; i < se.x.length; i++) {
                    if (Double.isFinite(se.x[i]) && Double.isFinite(se.y[i])) {
                        double px = LEFT + (se.x[i] - xr[0]) / (xr[1] - xr[0]) * pw;
                        double py = TOP + ph - (se.y[i] - yr[0]) / (yr[1] - yr[0]) * ph;
                        g.fill(new Ellipse2D.Double(px - 3.5, py - 3.5, 7, 7));
                    }
                }
            }
        }
        g.setClip(null);
        g.setStroke(new BasicStroke(1f));
        for (int s = 0; s < series.size(); s++) {
            int y = TOP + 10 + s * 20;
            g.setColor(PALETTE[s % PALETTE.length]);
            g.fillRect(LEFT + pw + 15, y, 14, 10);
            g.setColor(Color.BLACK);
            g.drawString(series.get(s).name, LEFT + pw + 35, y + 10);
        }
    }

    private double[] range(boolean x) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double v : x ? s.x : s.y) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) {
            return new double[] {0, 1};
        }
        if (lo == hi) {
            return new double[] {lo - 0.5, hi + 0.5};
        }
        double pad = (hi - lo) * 0.04;
        return new double[] {lo - pad, hi + pad};
    }

    /** "Nice" tick positions (1, 2 or 5 times a power of ten apart), about six of them. */
    static double[] ticks(double[] r) {
        double raw = (r[1] - r[0]) / 6;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        double step = (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
        List<Double> t = new ArrayList<>();
        for (double v = Math.ceil(r[0] / step) * step; v <= r[1] + 1e-9 * step; v += step) {
            t.add(Math.abs(v) < 1e-12 * step ? 0 : v);
        }
        return t.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static String label(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return Long.toString((long) v);
        }
        return Math.abs(v) >= 1e-3 && Math.abs(v) < 1e6 ? String.format("%.4g", v).replaceAll("\\.?0+$", "") : String.format("%.2e", v);
    }

    private static void centre(Graphics2D g, String s, int x, int y) {
        g.drawString(s, x - g.getFontMetrics().stringWidth(s) / 2, y);
    }
}
