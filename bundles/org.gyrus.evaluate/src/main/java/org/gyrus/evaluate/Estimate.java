package org.gyrus.evaluate;

/**
 * A metric's value with its confidence interval, or the reason it is undefined. A value or bound
 * that cannot be computed is NaN here and always comes with a {@link #note()} saying why, so
 * tables never show a bare NaN.
 *
 * @param metric the metric's name
 * @param value  the estimate, NaN when undefined
 * @param lower  the lower confidence bound, NaN when the interval is undefined
 * @param upper  the upper confidence bound, NaN when the interval is undefined
 * @param method how the interval was computed
 * @param note   why the value or interval is undefined, or a caveat; empty when there is none
 */
public record Estimate(String metric, double value, double lower, double upper, String method, String note) {

    /** An undefined metric. */
    public static Estimate undefined(String metric, String reason) {
        return new Estimate(metric, Double.NaN, Double.NaN, Double.NaN, "", "undefined: " + reason);
    }

    /** Whether the value is defined. */
    public boolean isDefined() {
        return !Double.isNaN(value);
    }

    /** Whether the interval is defined. */
    public boolean hasInterval() {
        return !Double.isNaN(lower) && !Double.isNaN(upper);
    }

    /** "0.823 (0.751–0.880)"; without an interval the value and why; "undefined: reason" when undefined. */
    public String formatted() {
        if (!isDefined()) {
            return note;
        }
        String v = String.format(java.util.Locale.ROOT, "%.3f", value);
        if (hasInterval()) {
            return v + String.format(java.util.Locale.ROOT, " (%.3f–%.3f)", lower, upper);
        }
        return note.isEmpty() ? v : v + " (" + note + ")";
    }
}
