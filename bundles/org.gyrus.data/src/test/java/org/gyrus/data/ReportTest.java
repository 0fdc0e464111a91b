package org.gyrus.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    @TempDir
    Path dir;

    @Test
    void writesMarkdownWithTablesAsCsvAndFiguresAsPng() throws IOException {
        byte[] png = new Chart("Training", "epoch", "loss").line("train", new double[] {1, 2, 3}, new double[] {0.9, 0.5, 0.4})
                .line("validation", new double[] {1, 2, 3}, new double[] {1.0, 0.7, 0.65}).toPng();
        Table metrics = Table.of(new TextColumn("metric", "sensitivity", "specificity"),
                new NumericColumn("value", new double[] {0.8125, 0.75}));
        Report r = Report.empty().withText("Summary", "Two metrics, one curve.")
                .and(Report.empty().withMetrics("Metrics", "metrics", metrics).withFigure("Curve", "loss", "Loss per epoch", png));
        r.writeTo(dir);

        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("## Summary\n\nTwo metrics, one curve."), md);
        assertTrue(md.contains("| sensitivity | 0.8125 |"), md);
        assertTrue(md.contains("![Loss per epoch](figures/loss.png)"), md);
        assertEquals("metric,value\nsensitivity,0.8125\nspecificity,0.75\n", Files.readString(dir.resolve("tables/metrics.csv")));
        assertArrayEquals(png, Files.readAllBytes(dir.resolve("figures/loss.png")));
        try (Stream<Path> files = Files.walk(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no temporary file is left");
        }
    }

    @Test
    void chartIsARealImageWithTheSeriesDrawn() throws IOException {
        byte[] png = new Chart("Latent space", "z1", "z2").points("label 0", new double[] {0, 1}, new double[] {0, 1})
                .points("label 1", new double[] {2, 3}, new double[] {2, 3}).toPng();
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(800, img.getWidth());
        int blue = 0;
        int red = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                int r = rgb >> 16;
                int b = rgb & 0xff;
                if (b > 150 && r < 120) blue++;
                if (r > 180 && b < 100 && ((rgb >> 8) & 0xff) < 100) red++;
            }
        }
        assertTrue(blue > 50 && red > 50, "both groups are drawn: " + blue + " blue, " + red + " red pixels");
    }

    @Test
    void chartsAreWrittenAsPngAndAsSvgThatParsesWithTheTitle() throws Exception {
        Chart chart = new Chart("MLP training curve", "epoch", "cross-entropy (nats)").line("training", new double[] {1, 2, 3, 4},
                new double[] {0.9, 0.5, Double.NaN, 0.3}).points("validation", new double[] {1, 2}, new double[] {1.0, Double.NaN});
        Report.empty().withFigure("Training", "mlp_curve", "Loss per epoch", chart).writeTo(dir);
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("![Loss per epoch](figures/mlp_curve.png)") && md.contains("([SVG](figures/mlp_curve.svg))"), md);
        assertEquals(800, ImageIO.read(dir.resolve("figures/mlp_curve.png").toFile()).getWidth());
        javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        org.w3c.dom.Document svg = f.newDocumentBuilder().parse(dir.resolve("figures/mlp_curve.svg").toFile());
        assertEquals("svg", svg.getDocumentElement().getNodeName());
        assertEquals("MLP training curve", svg.getElementsByTagName("title").item(0).getTextContent());
        // drawn, not empty: paths for the axes, the series and the lettering
        assertTrue(svg.getElementsByTagName("path").getLength() > 10, "paths: " + svg.getElementsByTagName("path").getLength());
        // a figure given only as PNG has no SVG and no link to one
        Report.empty().withFigure("Png", "only_png", "PNG only", chart.toPng()).writeTo(dir.resolve("png"));
        assertTrue(!Files.exists(dir.resolve("png/figures/only_png.svg")) && !Files.readString(dir.resolve("png/report.md")).contains("SVG"));
    }

    @Test
    void refusesNamesThatAreNotFileNamesAndNonPngFigures() {
        assertThrows(IllegalArgumentException.class, () -> Report.empty().withFigure("x", "../evil", "c", new byte[] {1}));
        assertThrows(IllegalArgumentException.class, () -> Report.empty().withFigure("x", "ok", "c", new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
    }
}
