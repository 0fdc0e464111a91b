package org.gyrus.nn.linalg;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The blocked, threaded GEMM against a double-precision triple loop, over every code path. */
class GemmTest {

    @ParameterizedTest(name = "{0}x{1}x{2} threads={3}")
    @CsvSource({
        "3, 5, 7, 1",       // tiny: unpacked loop
        "6, 16, 40, 1",     // one register block with AVX2, a column edge with AVX-512
        "12, 64, 40, 1",    // whole register blocks with either width
        "37, 45, 300, 1",   // edges in both directions, two K panels
        "100, 600, 70, 2",  // wide: split by columns, two N panels
        "700, 40, 90, 2",   // tall: split by rows, several M blocks
        "13, 1000, 600, 2",
        "97, 300, 520, 1",  // packed A: 12-row panels and a 1-row edge, three K panels
        "50, 2100, 300, 1"  // wider than one packed B block (NC): two N blocks
    })
    void matchesReferenceForAllTransposes(int m, int n, int k, int threads) {
        int saved = Parallel.threads();
        Parallel.setThreads(threads);
        try {
            Random r = new Random(m * 31 + n);
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0;
                boolean tb = (t & 2) != 0;
                // Offsets and padded strides: the kernel must respect both.
                int lda = (ta ? m : k) + 3;
                int ldb = (tb ? k : n) + 2;
                int ldc = n + 5;
                float[] a = random(r, 7 + (ta ? k : m) * lda);
                float[] b = random(r, 4 + (tb ? n : k) * ldb);
                float[] c = random(r, 1 + m * ldc);
                float[] c0 = c.clone();
                Gemm.sgemm(ta, tb, m, n, k, 0.5f, a, 7, lda, b, 4, ldb, 2f, c, 1, ldc);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double s = 0;
                        for (int p = 0; p < k; p++) {
                            double av = ta ? a[7 + p * lda + i] : a[7 + i * lda + p];
                            double bv = tb ? b[4 + j * ldb + p] : b[4 + p * ldb + j];
                            s += av * bv;
                        }
                        double expected = 0.5 * s + 2 * c0[1 + i * ldc + j];
                        double err = Math.abs(c[1 + i * ldc + j] - expected);
                        assertTrue(err <= 1e-5 * Math.sqrt(k) * (1 + Math.abs(expected)),
                                "ta=" + ta + " tb=" + tb + " (" + i + "," + j + ") expected " + expected + " got " + c[1 + i * ldc + j]);
                    }
                    // Padding columns of C are untouched.
                    for (int j = n; j < ldc && 1 + i * ldc + j < c.length; j++) {
                        assertTrue(c[1 + i * ldc + j] == c0[1 + i * ldc + j], "wrote outside C");
                    }
                }
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @org.junit.jupiter.api.Test
    void refusesMatricesThatDoNotFitTheirArrays() {
        float[] a = new float[20];
        float[] c = new float[20];
        org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class,
                () -> Gemm.sgemm(false, false, 4, 4, 6, 1f, a, 0, 6, a, 0, 4, 0f, c, 0, 4));
        org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class,
                () -> Gemm.sgemm(false, true, 5, 5, 4, 1f, a, 0, 4, a, 0, 4, 0f, c, 0, 5));
        org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class,
                () -> Gemm.sgemm(false, false, 2, 2, 2, 1f, a, 0, 1, a, 0, 2, 0f, c, 0, 2));
    }

    private static float[] random(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextFloat() * 2 - 1;
        }
        return v;
    }
}
