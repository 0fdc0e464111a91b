package org.gyrus.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Matrix comparison with a tolerance, failing with the first differing cell. */
final class Approx {

    private Approx() {
    }

    /** Asserts same shape and |a - e| <= tol for every cell (NaN matches NaN). */
    static void assertColumns(double[][] expected, double[][] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": number of columns");
        for (int j = 0; j < expected.length; j++) {
            assertEquals(expected[j].length, actual[j].length, what + ": rows of column " + j);
            for (int i = 0; i < expected[j].length; i++) {
                double e = expected[j][i];
                double a = actual[j][i];
                if (Double.isNaN(e) && Double.isNaN(a)) {
                    continue;
                }
                if (!(Math.abs(e - a) <= tol)) {
                    fail(what + ": column " + j + ", row " + i + ": expected " + e + " but was " + a + " (tolerance " + tol + ")");
                }
            }
        }
    }

    static void assertVector(double[] expected, double[] actual, double tol, String what) {
        assertColumns(new double[][] {expected}, new double[][] {actual}, tol, what);
    }
}
