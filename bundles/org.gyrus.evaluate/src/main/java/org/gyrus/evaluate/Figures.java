package org.gyrus.evaluate;

import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.gyrus.data.Report;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The evaluation figures, drawn with XChart: ROC curve with its bootstrap band, precision–recall
 * curve, calibration curve, confusion-matrix heat map and the per-group forest plot. Each is
 * encoded as PNG (for reports) or SVG. Needs no display (AWT headless).
 */
public final class Figures {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 600;
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};

    private Figures() {
    }

    /** The chart as PNG bytes (the project's encoding, {@link org.gyrus.data.Chart#png}). */
    public static byte[] png(Chart<?, ?> chart) {
        return org.gyrus.data.Chart.png(chart);
    }

    /** The chart as SVG bytes (UTF-8), its title in the SVG's {@code <title>}. */
    public static byte[] svg(Chart<?, ?> chart) {
        return org.gyrus.data.Chart.svg(chart, chart.getTitle());
    }

    /** {@code r} with the chart added as a figure, in PNG and SVG. */
    static Report withFigure(Report r, String title, String name, String caption, Chart<?, ?> chart) {
        return r.withFigure(title, name, caption, png(chart), svg(chart));
    }

    private static XYChart xy(String title, String x, String y) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
        org.gyrus.data.Chart.style(c);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        return c;
    }

    private static void unitSquare(XYChart c) {
        c.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        c.getStyler().setXAxisDecimalPattern("0.0").setYAxisDecimalPattern("0.0");
    }

    private static XYSeries diagonal(XYChart c, String name) {
        XYSeries s = c.addSeries(name, new double[] {0, 1}, new double[] {0, 1});
        s.setMarker(SeriesMarkers.NONE);
        s.setLineStyle(SeriesLines.DASH_DASH);
        s.setLineColor(Color.GRAY);
        return s;
    }

    /** The ROC curve with its pointwise bootstrap band and the chance diagonal. */
    public static XYChart roc(BinaryEvaluation e) {
        XYChart c = xy("ROC curve: " + e.positive() + " vs rest, AUC " + e.auc().formatted(), "False-positive rate (1 − specificity)",
                "True-positive rate (sensitivity)");
        unitSquare(c);
        int g = e.bandFpr().length;
        double[] px = new double[2 * g];
        double[] py = new double[2 * g];
        boolean band = true;
        for (int i = 0; i < g; i++) {
            px[i] = e.bandFpr()[i];
            py[i] = e.bandLower()[i];
            px[2 * g - 1 - i] = e.bandFpr()[i];
            py[2 * g - 1 - i] = e.bandUpper()[i];
            band &= !Double.isNaN(py[i]) && !Double.isNaN(py[2 * g - 1 - i]);
        }
        if (band) {
            XYSeries b = c.addSeries(Math.round(100 * e.level()) + " % pointwise bootstrap band", px, py);
            b.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
            b.setMarker(SeriesMarkers.NONE);
            b.setFillColor(new Color(31, 119, 180, 60));
            b.setLineColor(new Color(31, 119, 180, 60));
        }
        XYSeries s = c.addSeries("ROC curve (" + e.rows() + " rows)", e.roc().fpr(), e.roc().tpr());
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(PALETTE[0]);
        s.setLineWidth(2.5f);
        XYSeries at = c.addSeries("threshold " + BinaryEvaluation.fmt(e.threshold()),
                new double[] {1 - e.metrics().get(BinaryMetric.SPECIFICITY).value()}, new double[] {e.metrics().get(BinaryMetric.SENSITIVITY).value()});
        at.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        at.setMarker(SeriesMarkers.DIAMOND);
        at.setMarkerColor(PALETTE[1]);
        diagonal(c, "chance");
        return c;
    }

    /** The precision–recall curve with the prevalence as the no-skill line. */
    public static XYChart precisionRecall(BinaryEvaluation e) {
        XYChart c = xy("Precision–recall: " + e.positive() + ", average precision " + String.format(Locale.ROOT, "%.3f", e.averagePrecision()),
                "Recall (sensitivity)", "Precision (PPV)");
        unitSquare(c);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
        XYSeries s = c.addSeries("precision–recall curve", e.pr().recall(), e.pr().precision());
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineWidth(2.5f);
        double prev = e.metrics().get(BinaryMetric.PREVALENCE).value();
        XYSeries p = c.addSeries("prevalence " + String.format(Locale.ROOT, "%.3f", prev) + " (no skill)", new double[] {0, 1},
                new double[] {prev, prev});
        p.setMarker(SeriesMarkers.NONE);
        p.setLineStyle(SeriesLines.DASH_DASH);
        p.setLineColor(Color.GRAY);
        return c;
    }

    /** The calibration curve: observed share of positives against mean predicted probability per bin. */
    public static XYChart calibration(BinaryEvaluation e) {
        XYChart c = xy("Calibration: " + e.positive() + ", Brier score " + String.format(Locale.ROOT, "%.4f", e.brier()),
                "Mean predicted probability of " + e.positive(), "Observed share of " + e.positive());
        unitSquare(c);
        XYSeries s = c.addSeries("model (" + e.calibration().counts().length + " non-empty bins)", e.calibration().predicted(),
                e.calibration().observed());
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setLineWidth(2f);
        Calibration cal = e.calibration();
        double[] wx = new double[3 * cal.counts().length];
        double[] wy = new double[wx.length];
        for (int i = 0; i < cal.counts().length; i++) {
            long k = Math.round(cal.observed()[i] * cal.counts()[i]);
            double[] ci = ProportionInterval.WILSON.interval(k, cal.counts()[i], e.level());
            wx[3 * i] = cal.predicted()[i];
            wy[3 * i] = ci[0];
            wx[3 * i + 1] = cal.predicted()[i];
            wy[3 * i + 1] = ci[1];
            wx[3 * i + 2] = Double.NaN;
            wy[3 * i + 2] = Double.NaN;
        }
        XYSeries w = c.addSeries(Math.round(100 * e.level()) + " % Wilson interval per bin", wx, wy);
        w.setMarker(SeriesMarkers.NONE);
        w.setLineColor(new Color(31, 119, 180, 140));
        w.setLineStyle(SeriesLines.SOLID);
        diagonal(c, "perfectly calibrated");
        return c;
    }

    /** The confusion matrix as a heat map of counts. */
    public static HeatMapChart confusion(BinaryEvaluation e) {
        HeatMapChart c = new HeatMapChartBuilder().width(640).height(520)
                .title("Confusion matrix at " + e.thresholdText().replaceFirst(",.*", "")).xAxisTitle("Predicted class").yAxisTitle("True class")
                .build();
        c.getStyler().setShowValue(true);
        c.getStyler().setHeatMapValueDecimalPattern("#,##0");
        c.getStyler().setValueFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        c.getStyler().setRangeColors(new Color[] {new Color(0xf7fbff), new Color(0x6baed6), new Color(0x08306b)});
        c.getStyler().setValueFontColor(new Color(0xd62728));
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        c.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        c.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        long[] k = e.metrics().counts();
        String neg = e.negatives().size() == 1 ? e.negatives().get(0) : "not " + e.positive();
        List<String> x = List.of(neg, e.positive());
        List<String> y = List.of(e.positive(), neg);
        List<Number[]> cells = new ArrayList<>();
        // {x index, y index, value}: rows true class, columns predicted
        cells.add(new Number[] {1, 0, k[BinaryMetric.TP]});
        cells.add(new Number[] {0, 0, k[BinaryMetric.FN]});
        cells.add(new Number[] {1, 1, k[BinaryMetric.FP]});
        cells.add(new Number[] {0, 1, k[BinaryMetric.TN]});
        c.addSeries("rows", x, y, cells);
        return c;
    }

    /**
     * The forest plot of the per-group table: per group row a line per metric from the lower to the
     * upper bound with a dot at the estimate; undefined values are left out.
     */
    public static XYChart forest(List<GroupTable.Row> rows, List<String> metrics) {
        XYChart c = xy("Per-group metrics with confidence intervals", "Estimate (proportion; AUC)", "");
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        c.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setXAxisDecimalPattern("0.0");
        int g = rows.size();
        c.getStyler().setYAxisMin(-0.6).setYAxisMax(g - 0.4);
        c.getStyler().setPlotGridHorizontalLinesVisible(false);
        List<String> labels = new ArrayList<>();
        for (GroupTable.Row r : rows) {
            labels.add(r.column() + " = " + r.level() + " (n " + r.n() + ")");
        }
        c.getStyler().setYAxisTicksVisible(false);
        c.getStyler().setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        for (int i = 0; i < g; i++) {
            // Each group's name sits above its bundle of intervals, at the left where no interval starts.
            c.addAnnotation(new AnnotationText(labels.get(i), 0.16, g - 1 - i + 0.42, false));
        }
        int m = metrics.size();
        for (int j = 0; j < m; j++) {
            double off = m == 1 ? 0 : 0.3 - 0.6 * j / (m - 1);
            List<Double> lx = new ArrayList<>();
            List<Double> ly = new ArrayList<>();
            List<Double> px = new ArrayList<>();
            List<Double> py = new ArrayList<>();
            for (int i = 0; i < g; i++) {
                Estimate e = rows.get(i).estimates().get(j);
                double y = g - 1 - i + off;
                if (e.isDefined()) {
                    px.add(e.value());
                    py.add(y);
                }
                if (e.hasInterval()) {
                    lx.add(e.lower());
                    ly.add(y);
                    lx.add(e.upper());
                    ly.add(y);
                    lx.add(Double.NaN);
                    ly.add(Double.NaN);
                }
            }
            Color colour = PALETTE[j % PALETTE.length];
            if (!px.isEmpty()) {
                XYSeries p = c.addSeries(metrics.get(j), px, py);
                p.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                p.setMarker(SeriesMarkers.CIRCLE);
                p.setMarkerColor(colour);
            }
            if (!lx.isEmpty()) {
                XYSeries l = c.addSeries(metrics.get(j) + " CI", lx, ly);
                l.setMarker(SeriesMarkers.NONE);
                l.setLineColor(colour);
                l.setLineWidth(2.5f);
                l.setLineStyle(SeriesLines.SOLID);
                l.setShowInLegend(false);
            }
        }
        return c;
    }
}
