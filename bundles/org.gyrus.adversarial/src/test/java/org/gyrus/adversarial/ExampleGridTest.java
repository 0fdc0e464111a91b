package org.gyrus.adversarial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

/** The example grid draws each value at its place, grey over the valid range, the change around mid grey. */
class ExampleGridTest {

    private static final int GAP = 12;
    private static final int HEADER = 46;

    private static AttackResult result(float[] adversarial) {
        return new AttackResult(adversarial, new int[] {0}, false, new int[] {0}, new float[] {0.9f}, new int[] {1}, new float[] {0.6f},
                new double[] {0.1}, new double[] {0.1}, new boolean[] {true});
    }

    private static int grey(BufferedImage img, int x, int y) {
        return img.getRGB(x, y) & 0xff;
    }

    @Test
    void drawsAnImageTheAdversarialSampleAndTheAmplifiedChange() throws IOException {
        float[] x = {0f, 0.5f, 1f, 0.25f, 0.75f, 0.5f};
        float[] adv = x.clone();
        adv[1] = 0.6f;
        adv[3] = 0.15f;
        byte[] png = new ExampleGrid(new int[] {1, 2, 3}, 0, 1, List.of("cat", "dog")).draw("t", result(adv), x, new int[] {0}, List.of("s1"));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        int scale = 128 / 3;
        int cw = 150;
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 3; c++) {
                int i = r * 3 + c;
                int px = GAP + c * scale + scale / 2;
                int py = HEADER + r * scale + scale / 2;
                assertEquals(Math.round(255 * x[i]), grey(img, px, py), "original " + i);
                assertEquals(Math.round(255 * adv[i]), grey(img, px + cw + GAP, py), "adversarial " + i);
                int expected = i == 1 ? 255 : i == 3 ? 0 : 128;
                assertEquals(expected, grey(img, px + 2 * (cw + GAP), py), 1, "difference " + i + ": +0.1 white, -0.1 black, none mid grey");
            }
        }
    }

    @Test
    void aFlatRowIsDrawnOnTheSmallestSquareAndNamesMustMatch() throws IOException {
        float[] x = {0f, 0.2f, 0.4f, 0.6f, 1f};
        byte[] png = new ExampleGrid(new int[] {5}, 0, 1, null).draw("t", result(x.clone()), x, new int[] {0}, List.of("s1"));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        int scale = 128 / 3;
        assertEquals(Math.round(255 * 0.6f), grey(img, GAP + scale / 2, HEADER + scale + scale / 2), "value 3 starts the second row");
        assertEquals(0xe8e8f0, img.getRGB(GAP + 2 * scale + scale / 2, HEADER + scale + scale / 2) & 0xffffff, "the sixth place is empty");
        assertThrows(IllegalArgumentException.class,
                () -> new ExampleGrid(new int[] {5}, 0, 1, null).draw("t", result(x.clone()), x, new int[] {0}, List.of()));
    }
}
