package org.gyrus.adversarial;

import java.util.Locale;

/** The norm of a perturbation ball: L∞ (every value moves at most ε) or L2 (the whole sample's Euclidean length). */
public enum Norm {
    /** The maximum absolute change. */
    INF,
    /** The Euclidean length of the change over all the sample's values. */
    L2;

    /**
     * Reads a norm as a user writes it.
     *
     * @param text "inf", "linf", "l-inf" or "2", "l2"
     * @return the norm
     * @throws IllegalArgumentException for anything else
     */
    public static Norm parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("∞", "inf");
        return switch (t) {
            case "inf", "linf" -> INF;
            case "2", "l2" -> L2;
            default -> throw new IllegalArgumentException("unknown norm \"" + text + "\": use inf or 2");
        };
    }
}
