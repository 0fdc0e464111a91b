package org.gyrus.reduce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** SignFlip.byLargestU against numpy's svd_flip(u_based_decision=True) written out column by column. */
class SignFlipTest {

    /** The reference: per column, the first index of the largest |u| (numpy's argmax), its sign made positive. */
    private static void reference(double[] u, int rows, int k, double[] vt, int cols) {
        for (int j = 0; j < k; j++) {
            int arg = 0;
            double max = -1;
            for (int i = 0; i < rows; i++) {
                if (Math.abs(u[i * k + j]) > max) {
                    max = Math.abs(u[i * k + j]);
                    arg = i;
                }
            }
            if (u[arg * k + j] < 0) {
                for (int i = 0; i < rows; i++) {
                    u[i * k + j] = -u[i * k + j];
                }
                for (int c = 0; c < cols; c++) {
                    vt[j * cols + c] = -vt[j * cols + c];
                }
            }
        }
    }

    @Test
    void matchesTheColumnByColumnArgmaxIncludingTies() {
        SplittableRandom random = new SplittableRandom(11);
        int rows = 257;
        int k = 7;
        int cols = 13;
        double[] u = new double[rows * k];
        double[] vt = new double[k * cols];
        for (int i = 0; i < u.length; i++) {
            // Few distinct magnitudes with both signs: many ties, where the first maximum must win.
            u[i] = (random.nextInt(7) - 3) * 0.25;
        }
        for (int i = 0; i < vt.length; i++) {
            vt[i] = random.nextGaussian();
        }
        double[] original = u.clone();
        double[] u2 = u.clone();
        double[] vt2 = vt.clone();
        reference(u2, rows, k, vt2, cols);
        SignFlip.byLargestU(u, rows, k, vt, cols);
        assertArrayEquals(u2, u, 0);
        assertArrayEquals(vt2, vt, 0);
        // The data exercise both outcomes: some columns flipped, some kept.
        int flipped = 0;
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < rows; i++) {
                if (original[i * k + j] != 0) {
                    flipped += u[i * k + j] == -original[i * k + j] ? 1 : 0;
                    break;
                }
            }
        }
        assertTrue(flipped > 0 && flipped < k, flipped + " of " + k + " columns flipped");
    }

    @Test
    void flipsAColumnWhoseLargestEntryIsNegative() {
        // Column 0: largest |u| is -3 (row 1) → flipped; column 1: largest is +2 (first of ±2) → kept.
        double[] u = {1, 2, -3, -2, 0.5, 1};
        double[] vt = {1, 2, 3, 4};
        SignFlip.byLargestU(u, 3, 2, vt, 2);
        assertArrayEquals(new double[] {-1, 2, 3, -2, -0.5, 1}, u, 0);
        assertArrayEquals(new double[] {-1, -2, 3, 4}, vt, 0);
    }
}
