package org.gyrus.preprocess;

import java.util.Comparator;

/**
 * Orders strings by Unicode code point, as Python sorts them. {@link String#compareTo} compares
 * UTF-16 units, which disagrees for characters outside the Basic Multilingual Plane; categories
 * must sort exactly as scikit-learn sorts them so that columns line up.
 */
final class CodePointOrder {

    /** The comparator. */
    static final Comparator<String> INSTANCE = CodePointOrder::compare;

    private CodePointOrder() {
    }

    /** Compares two strings by code points. */
    static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
