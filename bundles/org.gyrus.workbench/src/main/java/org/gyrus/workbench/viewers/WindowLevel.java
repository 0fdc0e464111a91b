package org.gyrus.workbench.viewers;

/**
 * The window/level mapping of values to the 256 entries of a colour map, as radiology viewers
 * define it: values at or below {@code level - width/2} map to 0, at or above
 * {@code level + width/2} to 255, linearly in between (rounded to nearest). NaN maps to
 * {@link #NO_VALUE}.
 *
 * @param level the centre of the window
 * @param width the width of the window, above 0
 */
public record WindowLevel(double level, double width) {

    /** What NaN maps to: drawn as background (or transparent in an overlay). */
    public static final int NO_VALUE = -1;

    /** Checks the width. */
    public WindowLevel {
        if (!(width > 0) || Double.isInfinite(width) || Double.isNaN(level) || Double.isInfinite(level)) {
            throw new IllegalArgumentException("A window needs a finite level and a width above 0, not level " + level
                    + ", width " + width);
        }
    }

    /** The window spanning {@code min} to {@code max} (a width of 1 when they are equal). */
    public static WindowLevel ofRange(double min, double max) {
        double w = max > min ? max - min : 1;
        return new WindowLevel(max > min ? (min + max) / 2 : min, w);
    }

    /** The lowest value of the window (maps to 0). */
    public double low() {
        return level - width / 2;
    }

    /** The highest value of the window (maps to 255). */
    public double high() {
        return level + width / 2;
    }

    /** The colour map index of {@code value}: 0 to 255, or {@link #NO_VALUE} for NaN. */
    public int index(double value) {
        if (Double.isNaN(value)) {
            return NO_VALUE;
        }
        double f = (value - low()) / width * 255;
        if (f <= 0) {
            return 0;
        }
        if (f >= 255) {
            return 255;
        }
        return (int) Math.round(f);
    }

    /**
     * The window after a mouse drag as in radiology viewers: right widens the window, up raises the
     * level, each pixel moving by {@code 1/256} of {@code range}.
     */
    public WindowLevel dragged(int dx, int dy, double range) {
        double step = (range > 0 ? range : 1) / 256;
        return new WindowLevel(level - dy * step, Math.max(step / 16, width + dx * step));
    }
}
