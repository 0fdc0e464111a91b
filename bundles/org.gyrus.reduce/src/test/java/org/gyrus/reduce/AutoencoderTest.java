package org.gyrus.reduce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.gyrus.data.ModelArtifact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lecture's claims about autoencoders, as tests. */
class AutoencoderTest {

    /** Largest principal angle (degrees) between the column spaces of a (d × k) and b (d × k), both row-major. */
    static double largestPrincipalAngle(double[] a, double[] b, int d, int k) {
        double[] qa = RandomizedSvd.gramSchmidt(a, d, k);
        double[] qb = RandomizedSvd.gramSchmidt(b, d, k);
        double[] m = new double[k * k];
        DoubleGemm.gemm(true, false, k, k, d, qa, k, qb, k, 0, m, k, 1);
        double[] mtm = new double[k * k];
        DoubleGemm.gemm(true, false, k, k, k, m, k, m, k, 0, mtm, k, 1);
        double[] cos2 = SymmetricEigen.decompose(mtm, k, 0, 1).values();
        double smallest = Math.sqrt(Math.max(0, Math.min(1, cos2[k - 1])));
        return Math.toDegrees(Math.acos(smallest));
    }

    private static double mse(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (double) (a[i] - b[i]);
        }
        return s / a.length;
    }

    @Test
    void linearAutoencoderSpansThePrincipalSubspace() {
        // 20 features, a 3-d signal with variances 9, 4, 2 under isotropic noise of variance 0.01.
        int rows = 2000;
        int cols = 20;
        int k = 3;
        SplittableRandom r = new SplittableRandom(11);
        double[] basis = new double[k * cols];
        for (int i = 0; i < basis.length; i++) {
            basis[i] = r.nextGaussian();
        }
        double[] q = RandomizedSvd.gramSchmidt(transpose(basis, k, cols), cols, k);
        double[] sd = {3, 2, Math.sqrt(2)};
        float[] x = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            double[] z = {r.nextGaussian() * sd[0], r.nextGaussian() * sd[1], r.nextGaussian() * sd[2]};
            for (int j = 0; j < cols; j++) {
                double v = 0.5 + 0.1 * r.nextGaussian();
                for (int c = 0; c < k; c++) {
                    v += q[j * k + c] * z[c];
                }
                x[i * cols + j] = (float) v;
            }
        }
        PcaModel pca = Pca.components(k).solver(Pca.Solver.FULL).fit(x, rows, cols);
        Autoencoder.Fit fit = Autoencoder.withLayers(k).linear().training(100, 256).optimizer("adam", 5e-3)
                .validation(0, 0).seed(1).fit(x, rows, cols);
        // The decoder's weight [cols, k] spans what the autoencoder reconstructs.
        float[] w = fit.model().weights().get("decoder.0.weight");
        double[] decoder = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            decoder[i] = w[i];
        }
        double angle = largestPrincipalAngle(decoder, transpose(pca.axes(), k, cols), cols, k);
        System.out.printf("linear autoencoder vs PCA: largest principal angle %.4f°%n", angle);
        assertTrue(angle < 1, "largest principal angle " + angle + "°");
        // and it reconstructs as well as PCA
        double pcaMse = mse(x, pca.inverseTransform(pca.transform(x, rows), rows));
        double aeMse = mse(x, fit.model().reconstruct(x, rows));
        assertEquals(pcaMse, aeMse, 0.05 * pcaMse);
    }

    private static double[] transpose(double[] a, int rows, int cols) {
        double[] t = new double[a.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = a[i * cols + j];
            }
        }
        return t;
    }

    @Test
    void nonlinearAutoencoderBeatsPcaOnHeldOutDigits() {
        Digits d = Digits.load();
        int train = 1500;
        float[] xTrain = d.rows(0, train);
        float[] xTest = d.rows(train, d.rows);
        int test = d.rows - train;
        PcaModel pca = Pca.components(4).solver(Pca.Solver.FULL).fit(xTrain, train, Digits.PIXELS);
        double pcaMse = mse(xTest, pca.inverseTransform(pca.transform(xTest, test), test));
        Autoencoder.Fit fit = Autoencoder.withLayers(128, 64, 4).activations("relu", "linear", "sigmoid")
                .training(150, 32).optimizer("adam", 2e-3).validation(0.1, 20).seed(3).fit(xTrain, train, Digits.PIXELS);
        double aeMse = mse(xTest, fit.model().reconstruct(xTest, test));
        System.out.printf("digits held-out MSE: PCA(4) %.5f, autoencoder 64-128-64-4 %.5f (best epoch %d, %s)%n",
                pcaMse, aeMse, fit.curve().bestEpoch(), fit.curve().stop());
        assertTrue(aeMse < pcaMse, "autoencoder " + aeMse + " vs PCA " + pcaMse);
    }

    @Test
    void sameSeedGivesIdenticalWeights() {
        Digits d = Digits.load();
        Autoencoder ae = Autoencoder.withLayers(32, 8).dropout(0.1).noise(Autoencoder.Noise.GAUSSIAN, 0.1).training(3, 64).validation(0.1, 0);
        Map<String, float[]> a = ae.seed(42).fit(d.x, d.rows, Digits.PIXELS).model().weights();
        Map<String, float[]> b = ae.seed(42).fit(d.x, d.rows, Digits.PIXELS).model().weights();
        Map<String, float[]> c = ae.seed(43).fit(d.x, d.rows, Digits.PIXELS).model().weights();
        assertEquals(List.of("encoder.0.weight", "encoder.0.bias", "encoder.3.weight", "encoder.3.bias", "decoder.0.weight",
                "decoder.0.bias", "decoder.3.weight", "decoder.3.bias"), List.copyOf(a.keySet()));
        for (String k : a.keySet()) {
            assertArrayEquals(a.get(k), b.get(k), k);
        }
        assertFalse(Arrays.equals(a.get("encoder.0.weight"), c.get("encoder.0.weight")));
    }

    @Test
    void artifactRoundTripAndErrors(@TempDir Path dir) throws Exception {
        Digits d = Digits.load();
        AutoencoderModel m = Autoencoder.withLayers(16, 4).activations("tanh", "linear", "sigmoid").dropout(0.1).training(2, 64)
                .seed(9).fit(d.x, d.rows, Digits.PIXELS).model();
        List<String> names = IntStream.range(0, 64).mapToObj(i -> "p" + i).toList();
        Path file = dir.resolve("ae.safetensors");
        m.toArtifact("org.gyrus.reduce.autoencoder", names).save(file);
        AutoencoderModel back = AutoencoderModel.fromArtifact(ModelArtifact.load(file));
        assertArrayEquals(m.encode(d.x, d.rows), back.encode(d.x, d.rows));
        float[] rec = back.reconstruct(d.x, d.rows);
        assertArrayEquals(m.reconstruct(d.x, d.rows), rec);
        assertArrayEquals(rec, back.decode(back.encode(d.x, d.rows), d.rows), 1e-6f);
        double[] e = AutoencoderModel.errors(d.x, rec, d.rows);
        assertEquals(mse(d.x, rec), Arrays.stream(e).average().orElseThrow(), 1e-9);
    }
}
