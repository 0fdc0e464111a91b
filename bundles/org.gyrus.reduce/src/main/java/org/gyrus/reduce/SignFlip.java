package org.gyrus.reduce;

/**
 * scikit-learn's {@code svd_flip} with {@code u_based_decision=True}: each singular pair's sign is
 * chosen so that the entry of largest magnitude in its column of U is positive. Makes components
 * deterministic and comparable with scikit-learn's.
 */
final class SignFlip {

    private SignFlip() {
    }

    /** Flips the columns of u (rows × k) and the matching rows of vt (k × cols) in place. */
    static void byLargestU(double[] u, int rows, int k, double[] vt, int cols) {
        for (int j = 0; j < k; j++) {
            int arg = 0;
            double max = -1;
            for (int i = 0; i < rows; i++) {
                double a = Math.abs(u[i * k + j]);
                if (a > max) { // strict: the first maximum wins, as numpy's argmax
                    max = a;
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

    /**
     * The {@code u_based_decision=False} variant scikit-learn uses for wide matrices: the entry of
     * largest magnitude in each row of Vᵀ is made positive.
     */
    static void byLargestV(double[] u, int rows, int k, double[] vt, int cols) {
        for (int j = 0; j < k; j++) {
            int arg = 0;
            double max = -1;
            for (int c = 0; c < cols; c++) {
                double a = Math.abs(vt[j * cols + c]);
                if (a > max) {
                    max = a;
                    arg = c;
                }
            }
            if (vt[j * cols + arg] < 0) {
                for (int i = 0; i < rows; i++) {
                    u[i * k + j] = -u[i * k + j];
                }
                for (int c = 0; c < cols; c++) {
                    vt[j * cols + c] = -vt[j * cols + c];
                }
            }
        }
    }
}
