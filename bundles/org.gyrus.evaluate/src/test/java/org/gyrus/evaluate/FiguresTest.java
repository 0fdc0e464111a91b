package org.gyrus.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.gyrus.data.Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FiguresTest {

    private static final Fixtures.BreastCancer BC = new Fixtures.BreastCancer();

    @Test
    void reportHoldsTablesAndReadableFigures(@TempDir Path dir) throws Exception {
        EvaluationSettings s = EvaluationSettings.defaults()
                .withOptions(new EvaluationOptions(0.95, IntervalMethod.WILSON, BootstrapMethod.BCA, 500, 1, true, 2)).withGroups(List.of("site"));
        BinaryEvaluation e = BinaryEvaluation.of(BC.table(BC.small), s);
        Report r = EvaluationTables.report(e, s);
        r.writeTo(dir);
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("| sensitivity |"), md);
        assertTrue(md.contains("Wilson score"), md);
        assertTrue(md.contains("| site | north |"), md);
        for (String f : List.of("roc", "precision_recall", "calibration", "confusion_matrix", "forest")) {
            BufferedImage img = ImageIO.read(dir.resolve("figures/" + f + ".png").toFile());
            assertTrue(img.getWidth() >= 600 && img.getHeight() >= 500, f);
            assertTrue(distinctColours(img) > 20, f + " is drawn, not blank");
        }
        String csv = Files.readString(dir.resolve("tables/per_group_values.csv"));
        assertTrue(csv.startsWith("group,level,n,prevalence,metric,estimate,lower,upper,method,note"), csv);
        assertEquals(1 + 3 * 5, csv.strip().split("\n").length);
        String svg = new String(Figures.svg(Figures.roc(e)), StandardCharsets.UTF_8);
        assertTrue(svg.contains("<svg") && svg.contains("</svg>"), svg.substring(0, Math.min(200, svg.length())));
        if (System.getProperty("gyrus.figures") != null) {
            Path out = Path.of(System.getProperty("gyrus.figures"));
            r.writeTo(out);
            Files.write(out.resolve("roc.svg"), Figures.svg(Figures.roc(e)));
        }
    }

    private static int distinctColours(BufferedImage img) {
        java.util.Set<Integer> c = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                c.add(img.getRGB(x, y));
            }
        }
        return c.size();
    }

    @Test
    void pngBytesAreAPng() {
        BinaryEvaluation e = BinaryEvaluation.of(BC.table(BC.full), EvaluationSettings.defaults()
                .withOptions(new EvaluationOptions(0.95, IntervalMethod.WILSON, BootstrapMethod.BCA, 200, 1, true, 1)));
        BufferedImage img;
        try {
            img = ImageIO.read(new ByteArrayInputStream(Figures.png(Figures.confusion(e))));
        } catch (java.io.IOException x) {
            throw new AssertionError(x);
        }
        assertTrue(img.getWidth() > 0);
    }
}
