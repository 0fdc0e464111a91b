package org.gyrus.data;

import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A chart for reports: line series (training curves) or scatter groups (latent spaces coloured by
 * label), drawn by the XChart library with axes, ticks, labels and a legend, as PNG and SVG. Needs
 * no display. The static methods encode any XChart chart in the project's house style, so that
 * every bundle's figures look alike.
 */
public final class Chart {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 560;
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

    /** Adds a group of scattered points (x[i], y[i]); points with a NaN coordinate are not drawn. */
    public Chart points(String name, double[] x, double[] y) {
        return add(new Series(name, x.clone(), y.clone(), false));
    }

    private Chart add(Series s) {
        if (s.x.length != s.y.length) {
            throw new IllegalArgumentException("Series '" + s.name + "' has " + s.x.length + " x values but " + s.y.length + " y values");
        }
        if (series.stream().anyMatch(o -> o.name.equals(s.name))) {
            throw new IllegalArgumentException("Two series are named '" + s.name + "'");
        }
        series.add(s);
        return this;
    }

    /** The title. */
    public String title() {
        return title;
    }

    /** The chart as PNG bytes. */
    public byte[] toPng() {
        return png(toXChart());
    }

    /** The chart as SVG (UTF-8), its title also in the SVG's {@code <title>} element. */
    public byte[] toSvg() {
        return svg(toXChart(), title);
    }

    private XYChart toXChart() {
        XYChart c = style(new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build());
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setLegendVisible(!series.isEmpty());
        for (Series s : series) {
            double[] x = s.x;
            double[] y = s.y;
            if (!s.line) {
                // A scatter has no line to break: leave out points that cannot be placed.
                int n = 0;
                for (int i = 0; i < x.length; i++) {
                    if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                        n++;
                    }
                }
                double[] fx = new double[n];
                double[] fy = new double[n];
                for (int i = 0, k = 0; i < x.length; i++) {
                    if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                        fx[k] = x[i];
                        fy[k++] = y[i];
                    }
                }
                x = fx;
                y = fy;
            }
            if (x.length == 0) {
                continue;
            }
            XYSeries added = c.addSeries(s.name, x, y);
            if (s.line) {
                added.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                added.setMarker(x.length <= 30 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            } else {
                added.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                added.setMarker(SeriesMarkers.CIRCLE);
            }
        }
        return c;
    }

    /** {@code c} in the house style: white background, grey grid, the palette, readable fonts. */
    public static XYChart style(XYChart c) {
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotBackgroundColor(Color.WHITE);
        c.getStyler().setPlotBorderColor(Color.DARK_GRAY);
        c.getStyler().setPlotGridLinesColor(new Color(0xdddddd));
        c.getStyler().setLegendBorderColor(Color.LIGHT_GRAY);
        c.getStyler().setSeriesColors(PALETTE);
        c.getStyler().setMarkerSize(6);
        c.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        c.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        c.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        c.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        return c;
    }

    /** Any XChart chart as PNG bytes. */
    public static byte[] png(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Any XChart chart as SVG (UTF-8), with {@code title} in a {@code <title>} element (the text
     * drawn in the figure may be paths, which neither a search nor a screen reader can read).
     */
    public static byte[] svg(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, String title) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String svg = out.toString(StandardCharsets.UTF_8);
        int root = svg.indexOf("<svg");
        int end = root < 0 ? -1 : svg.indexOf('>', root);
        if (end < 0) {
            throw new IllegalStateException("XChart wrote no <svg> element for '" + title + "'");
        }
        String escaped = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return (svg.substring(0, end + 1) + "<title>" + escaped + "</title>" + svg.substring(end + 1)).getBytes(StandardCharsets.UTF_8);
    }
}
