package org.gyrus.io.table;

import java.nio.charset.StandardCharsets;

/**
 * Parses decimal numbers straight from UTF-8 bytes. Numbers of at most 15 significant digits with
 * small exponents take the exact fast path (one correctly rounded multiplication or division of
 * exactly representable values, Clinger's method); anything else goes to
 * {@link Double#parseDouble}, so results are always correctly rounded.
 */
final class DecimalParser {

    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /** Whether the last {@link #parse} succeeded. */
    boolean ok;

    /** The number in {@code b[start, end)}; sets {@link #ok} to false (and returns NaN) if it is not one. */
    double parse(byte[] b, int start, int end) {
        ok = true;
        int i = start;
        boolean negative = false;
        if (i < end && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int scale = 0;
        boolean any = false;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            any = true;
            if (digits < 18) {
                mantissa = mantissa * 10 + (b[i] - '0');
                if (mantissa != 0) {
                    digits++;
                }
            } else {
                scale++;
                digits++;
            }
            i++;
        }
        if (i < end && b[i] == '.') {
            i++;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                any = true;
                if (digits < 18) {
                    mantissa = mantissa * 10 + (b[i] - '0');
                    if (mantissa != 0) {
                        digits++;
                    }
                    scale--;
                } else {
                    digits++;
                }
                i++;
            }
        }
        if (!any) {
            return special(b, start, end);
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean eneg = false;
            if (i < end && (b[i] == '-' || b[i] == '+')) {
                eneg = b[i] == '-';
                i++;
            }
            int e = 0;
            boolean edigits = false;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                edigits = true;
                if (e < 100_000) {
                    e = e * 10 + (b[i] - '0');
                }
                i++;
            }
            if (!edigits) {
                return fail();
            }
            scale += eneg ? -e : e;
        }
        if (i != end) {
            return fail();
        }
        if (digits <= 15 && scale >= -22 && scale <= 22) {
            double v = mantissa;
            v = scale >= 0 ? v * POW10[scale] : v / POW10[-scale];
            return negative ? -v : v;
        }
        return slow(b, start, end);
    }

    /** inf, Infinity, nan (case-insensitive, signed) when they are not missing tokens. */
    private double special(byte[] b, int start, int end) {
        String s = new String(b, start, end - start, StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
        boolean neg = s.startsWith("-");
        if (neg || s.startsWith("+")) {
            s = s.substring(1);
        }
        if (s.equals("inf") || s.equals("infinity")) {
            return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (s.equals("nan")) {
            return Double.NaN;
        }
        return fail();
    }

    private double slow(byte[] b, int start, int end) {
        try {
            return Double.parseDouble(new String(b, start, end - start, StandardCharsets.ISO_8859_1));
        } catch (NumberFormatException e) {
            return fail();
        }
    }

    private double fail() {
        ok = false;
        return Double.NaN;
    }
}
