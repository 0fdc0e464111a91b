package org.gyrus.workbench.viewers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Window/level, colour maps and overlay blending, in numbers. */
class RenderingTest {

    @Test
    void windowLevelMapsLinearlyAndClampsOutside() {
        WindowLevel w = new WindowLevel(100, 200); // 0 .. 200
        assertEquals(0, w.index(-5));
        assertEquals(0, w.index(0));
        assertEquals(128, w.index(100)); // 127.5 rounds up
        assertEquals(64, w.index(50)); // 63.75
        assertEquals(255, w.index(200));
        assertEquals(255, w.index(1e9));
        assertEquals(WindowLevel.NO_VALUE, w.index(Double.NaN));
        assertEquals(new WindowLevel(5, 10), WindowLevel.ofRange(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new WindowLevel(0, 0));
        // Dragging right widens, dragging up raises the level.
        WindowLevel d = w.dragged(10, -20, 256);
        assertEquals(210, d.width(), 1e-9);
        assertEquals(120, d.level(), 1e-9);
    }

    @Test
    void colourMapsHaveTheirEndsAndViridisIsMatplotlibs() throws Exception {
        assertEquals(0x000000, ColorMap.GREY.rgb(0));
        assertEquals(0x808080, ColorMap.GREY.rgb(128));
        assertEquals(0xffffff, ColorMap.GREY.rgb(255));
        assertEquals(0x000000, ColorMap.HOT.rgb(0));
        assertEquals(0xff0000, ColorMap.HOT.rgb(85));
        assertEquals(0xffff00, ColorMap.HOT.rgb(170));
        assertEquals(0xffffff, ColorMap.HOT.rgb(255));
        List<String> ref = Files.readAllLines(Path.of("testdata/viridis.txt"));
        for (int i = 0; i < 256; i++) {
            assertEquals(Integer.parseInt(ref.get(i + 1), 16), ColorMap.VIRIDIS.rgb(i), "viridis " + i);
        }
        assertEquals(0, ColorMap.labelRgb(0));
        assertNotEquals(ColorMap.labelRgb(1), ColorMap.labelRgb(2));
        assertEquals(ColorMap.labelRgb(1), ColorMap.labelRgb(21), "20 colours, then again");
    }

    @Test
    void renderingGoesThroughTheWindowAndTheMap() {
        float[] slice = {0, 50, 100, Float.NaN};
        int[] rgb = SliceImage.render(slice, new WindowLevel(50, 100), ColorMap.GREY, null);
        assertArrayEquals(new int[] {0x000000, 0x808080, 0xffffff, 0x000000}, rgb);
        int[] labels = SliceImage.render(new float[] {0, 1, 2.2f}, new WindowLevel(0, 1), ColorMap.LABELS, null);
        assertArrayEquals(new int[] {0, ColorMap.labelRgb(1), ColorMap.labelRgb(2)}, labels);
    }

    @Test
    void anOverlayBlendsWithItsOpacityWhereItHasAValue() {
        int[] base = {0x000000, 0x808080, 0xffffff, 0x404040};
        float[] mask = {1, 1, 0, Float.NaN};
        int[] out = SliceImage.blend(base.clone(), mask, new WindowLevel(0.5, 1), ColorMap.HOT, 0.25);
        // HOT at 255 is white: 0.75 * base + 0.25 * 255.
        assertEquals(0x404040, out[0]);
        assertEquals(0xa0a0a0, out[1]);
        assertEquals(0xffffff, out[2], "0 is transparent");
        assertEquals(0x404040, out[3], "NaN is transparent");
        assertArrayEquals(base, SliceImage.blend(base.clone(), mask, new WindowLevel(0.5, 1), ColorMap.HOT, 0));
        int[] opaque = SliceImage.blend(base.clone(), mask, new WindowLevel(0.5, 1), ColorMap.HOT, 1);
        assertEquals(0xffffff, opaque[0]);
        assertThrows(IllegalArgumentException.class, () -> SliceImage.blend(base, new float[2], new WindowLevel(0, 1), ColorMap.HOT, 1));
    }
}
