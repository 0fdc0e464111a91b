package org.gyrus.workbench.viewers;

/**
 * Turns slices into RGB pixels ({@code 0xRRGGBB}, row by row): the volume through its window and
 * colour map, then an optional overlay blended over it with an opacity. Overlay pixels that are
 * NaN or exactly 0 (outside a mask, unlabelled) are transparent, so a mask or a thresholded map
 * shows the volume around it.
 */
public final class SliceImage {

    private SliceImage() {
    }

    /** The pixels of one slice through a window and a colour map (NaN as black). */
    public static int[] render(float[] values, WindowLevel window, ColorMap map, int[] out) {
        int[] rgb = out != null && out.length == values.length ? out : new int[values.length];
        for (int i = 0; i < values.length; i++) {
            rgb[i] = colour(values[i], window, map, 0);
        }
        return rgb;
    }

    /**
     * Blends {@code overlay} (the same slice of a volume on the same grid) over {@code base} in place:
     * each pixel becomes {@code (1 - opacity) * base + opacity * overlay colour} where the overlay has
     * a value.
     *
     * @param opacity 0 (invisible) to 1 (opaque)
     */
    public static int[] blend(int[] base, float[] overlay, WindowLevel window, ColorMap map, double opacity) {
        if (overlay.length != base.length) {
            throw new IllegalArgumentException("The overlay slice has " + overlay.length + " pixels, the volume's " + base.length);
        }
        double a = Math.max(0, Math.min(1, opacity));
        for (int i = 0; i < base.length; i++) {
            float v = overlay[i];
            if (Float.isNaN(v) || v == 0) {
                continue;
            }
            base[i] = mix(base[i], colour(v, window, map, base[i]), a);
        }
        return base;
    }

    private static int colour(float v, WindowLevel window, ColorMap map, int background) {
        if (map.isCategorical()) {
            return Float.isNaN(v) ? background : ColorMap.labelRgb(Math.round(v));
        }
        int idx = window.index(v);
        return idx == WindowLevel.NO_VALUE ? background : map.rgb(idx);
    }

    /** {@code (1 - a) * x + a * y} per channel, rounded. */
    static int mix(int x, int y, double a) {
        int r = (int) Math.round(((x >> 16) & 255) * (1 - a) + ((y >> 16) & 255) * a);
        int g = (int) Math.round(((x >> 8) & 255) * (1 - a) + ((y >> 8) & 255) * a);
        int b = (int) Math.round((x & 255) * (1 - a) + (y & 255) * a);
        return r << 16 | g << 8 | b;
    }
}
