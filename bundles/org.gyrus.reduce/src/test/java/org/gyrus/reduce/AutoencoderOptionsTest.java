package org.gyrus.reduce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.gyrus.nn.Losses;
import org.gyrus.nn.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 item 12: each option of the autoencoder changes what is learned in the way it should,
 * so that each test fails if its option were ignored. Small seeded problems on the digits.
 */
class AutoencoderOptionsTest {

    private static final Digits DIGITS = Digits.load();
    private static final int P = Digits.PIXELS;

    private static double mse(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (double) (a[i] - b[i]);
        }
        return s / a.length;
    }

    private static double meanAbs(float[] a) {
        double s = 0;
        for (float v : a) {
            s += Math.abs(v);
        }
        return s / a.length;
    }

    private static boolean sameWeights(Map<String, float[]> a, Map<String, float[]> b) {
        return a.keySet().equals(b.keySet()) && a.keySet().stream().allMatch(k -> Arrays.equals(a.get(k), b.get(k)));
    }

    /** Masking noise: each value zeroed with probability {@code p} (a random source of the test's own). */
    private static float[] masked(float[] x, double p, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] out = x.clone();
        for (int i = 0; i < out.length; i++) {
            if (r.nextDouble() < p) {
                out[i] = 0;
            }
        }
        return out;
    }

    private static float[] gaussian(float[] x, double sd, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] out = x.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += (float) (sd * r.nextGaussian());
        }
        return out;
    }

    @Test
    void sparsityLowersTheMeanActivationOfTheCode() {
        int n = 1000;
        float[] x = DIGITS.rows(0, n);
        Autoencoder base = Autoencoder.withLayers(64, 32).activations("relu", "relu", "sigmoid").training(10, 32)
                .validation(0, 0).seed(5);
        float[] dense = base.fit(x, n, P).model().encode(x, n);
        float[] sparse = base.sparsity(1e-3).fit(x, n, P).model().encode(x, n);
        double zeroDense = Arrays.stream(box(dense)).filter(v -> v == 0).count() / (double) dense.length;
        double zeroSparse = Arrays.stream(box(sparse)).filter(v -> v == 0).count() / (double) sparse.length;
        System.out.printf("sparsity: mean |code| %.4f -> %.4f, inactive units %.3f -> %.3f%n", meanAbs(dense), meanAbs(sparse),
                zeroDense, zeroSparse);
        assertTrue(meanAbs(sparse) < 0.5 * meanAbs(dense), "mean |code|: sparse " + meanAbs(sparse) + ", plain " + meanAbs(dense));
        assertTrue(zeroSparse > zeroDense + 0.1, "share of inactive code units: sparse " + zeroSparse + ", plain " + zeroDense);
        // Sparser, not dead: the code is still in use.
        assertTrue(zeroSparse < 0.95, "share of inactive code units " + zeroSparse);
    }

    private static double[] box(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    /**
     * A wide code lets a plain autoencoder learn (nearly) the identity, which copies corruption to
     * its output; a denoising one learns to undo it. On held-out digits corrupted the same way, the
     * denoising model's output lies closer to the clean image.
     */
    @Test
    void denoisingMapsCorruptedInputsCloserToTheCleanOnes() {
        int train = 1200;
        int test = 400;
        float[] x = DIGITS.rows(0, train);
        float[] clean = DIGITS.rows(train, train + test);
        Autoencoder base = Autoencoder.withLayers(128, 48).activations("relu", "linear", "sigmoid").training(25, 32)
                .optimizer("adam", 3e-3).validation(0, 0).seed(2);
        AutoencoderModel plain = base.fit(x, train, P).model();
        Object[][] cases = {{Autoencoder.Noise.MASKING, 0.3, masked(clean, 0.3, 99)},
            {Autoencoder.Noise.GAUSSIAN, 0.3, gaussian(clean, 0.3, 99)}};
        for (Object[] c : cases) {
            Autoencoder.Noise type = (Autoencoder.Noise) c[0];
            float[] corrupted = (float[]) c[2];
            AutoencoderModel denoising = base.noise(type, (Double) c[1]).fit(x, train, P).model();
            double plainError = mse(clean, plain.reconstruct(corrupted, test));
            double denoisingError = mse(clean, denoising.reconstruct(corrupted, test));
            System.out.printf("%s noise: error to the clean images, plain %.5f, denoising %.5f (corrupted input %.5f)%n", type,
                    plainError, denoisingError, mse(clean, corrupted));
            assertTrue(denoisingError < 0.8 * plainError, type + ": denoising " + denoisingError + " vs plain " + plainError);
            // No corruption when applied: the same input gives the same output every time.
            assertArrayEquals(denoising.reconstruct(corrupted, test), denoising.reconstruct(corrupted, test));
        }
    }

    /** Rows [0, 20) of the digits as a tiny training set, rows [1000, 1400) as held-out data. */
    private static double[] trainAndHeldOutError(AutoencoderModel m) {
        float[] train = DIGITS.rows(0, 20);
        float[] held = DIGITS.rows(1000, 1400);
        return new double[] {mse(train, m.reconstruct(train, 20)), mse(held, m.reconstruct(held, 400))};
    }

    @Test
    void dropoutNarrowsTheGapBetweenTrainingAndHeldOutError() {
        float[] x = DIGITS.rows(0, 20);
        Autoencoder base = Autoencoder.withLayers(256, 8).activations("relu", "linear", "sigmoid").training(400, 20)
                .optimizer("adam", 3e-3).validation(0, 0).seed(4);
        AutoencoderModel plain = base.fit(x, 20, P).model();
        AutoencoderModel dropped = base.dropout(0.5).fit(x, 20, P).model();
        double[] e0 = trainAndHeldOutError(plain);
        double[] e1 = trainAndHeldOutError(dropped);
        System.out.printf("dropout: train %.5f held-out %.5f (gap %.5f) -> train %.5f held-out %.5f (gap %.5f)%n", e0[0], e0[1],
                e0[1] - e0[0], e1[0], e1[1], e1[1] - e1[0]);
        assertFalse(sameWeights(plain.weights(), dropped.weights()));
        assertTrue(e1[1] - e1[0] < 0.8 * (e0[1] - e0[0]), "gap with dropout " + (e1[1] - e1[0]) + ", without " + (e0[1] - e0[0]));
    }

    /** At evaluation, dropout is off: the output is the plain forward pass through the learned weights. */
    @Test
    void dropoutIsOffWhenTheModelIsApplied() {
        int n = 200;
        float[] x = DIGITS.rows(0, n);
        AutoencoderModel m = Autoencoder.withLayers(16, 4).activations("relu", "linear", "linear").dropout(0.5).training(3, 32)
                .validation(0, 0).seed(8).fit(x, n, P).model();
        Map<String, float[]> w = m.weights();
        float[] rec = m.reconstruct(x, n);
        assertArrayEquals(rec, m.reconstruct(x, n));
        // encoder: Linear(64,16), ReLU, Dropout, Linear(16,4), Dropout; decoder: Linear(4,16), ReLU, Dropout, Linear(16,64)
        for (int i = 0; i < n; i++) {
            double[] v = new double[P];
            for (int j = 0; j < P; j++) {
                v[j] = x[i * P + j];
            }
            v = relu(linear(v, w.get("encoder.0.weight"), w.get("encoder.0.bias")));
            v = linear(v, w.get("encoder.3.weight"), w.get("encoder.3.bias"));
            v = relu(linear(v, w.get("decoder.0.weight"), w.get("decoder.0.bias")));
            v = linear(v, w.get("decoder.3.weight"), w.get("decoder.3.bias"));
            for (int j = 0; j < P; j++) {
                assertEquals(v[j], rec[i * P + j], 1e-4, "sample " + i + ", pixel " + j);
            }
        }
    }

    private static double[] linear(double[] in, float[] weight, float[] bias) {
        double[] out = new double[bias.length];
        for (int o = 0; o < out.length; o++) {
            double s = bias[o];
            for (int k = 0; k < in.length; k++) {
                s += weight[o * in.length + k] * in[k];
            }
            out[o] = s;
        }
        return out;
    }

    private static double[] relu(double[] v) {
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(0, v[i]);
        }
        return v;
    }

    /**
     * One epoch of one batch is one optimiser step from the initial weights: each optimiser's step,
     * computed by hand from the gradient of the same network, is what training did.
     */
    @Test
    void eachOptimizerTakesItsOwnFirstStep() {
        int n = 16;
        float[] x = DIGITS.rows(0, n);
        long seed = 3;
        double lr = 0.05;
        // The network fit builds, with its initial weights, and the gradient of the loss at them.
        AutoencoderNet net = new AutoencoderNet(P, new int[] {6}, "relu", "tanh", "linear", 0, AutoencoderNet.Noise.NONE, 0, seed);
        net.train(true);
        Tensor input = Tensor.of(x.clone(), n, P);
        Losses.mse(net.forward(input), input).backward();
        Map<String, float[]> w0 = new LinkedHashMap<>();
        Map<String, float[]> g = new LinkedHashMap<>();
        net.namedParameters().forEach((k, t) -> {
            w0.put(k, t.toArray());
            g.put(k, t.grad().clone());
        });
        Map<String, Map<String, float[]>> after = new LinkedHashMap<>();
        for (String opt : new String[] {"sgd", "adam", "adamw"}) {
            Map<String, float[]> w1 = Autoencoder.withLayers(6).activations("relu", "tanh", "linear").optimizer(opt, lr)
                    .training(1, n).validation(0, 0).seed(seed).fit(x, n, P).model().weights();
            after.put(opt, w1);
            for (String k : w0.keySet()) {
                float[] p = w0.get(k);
                float[] grad = g.get(k);
                for (int i = 0; i < p.length; i++) {
                    double expected = switch (opt) {
                        // torch.optim.SGD, momentum 0.9: the first step seeds the buffer with the gradient.
                        case "sgd" -> p[i] - lr * grad[i];
                        // Adam's first bias-corrected step: lr · g / (|g| + eps).
                        case "adam" -> p[i] - lr * grad[i] / (Math.abs(grad[i]) + 1e-8);
                        // AdamW: decay by lr · 0.01 first, then the Adam step.
                        default -> p[i] * (1 - lr * 0.01) - lr * grad[i] / (Math.abs(grad[i]) + 1e-8);
                    };
                    assertEquals(expected, w1.get(k)[i], 2e-6 + 1e-4 * Math.abs(expected - p[i]), opt + " " + k + "[" + i + "]");
                }
            }
        }
        // Different steps, different trajectories: over ten epochs the losses part ways.
        double[][] curves = new double[3][];
        int c = 0;
        for (String opt : after.keySet()) {
            assertFalse(sameWeights(after.get(opt), after.get(opt.equals("sgd") ? "adam" : "sgd")), opt);
            curves[c++] = Autoencoder.withLayers(6).activations("relu", "tanh", "linear").optimizer(opt, lr).training(10, 4)
                    .validation(0, 0).seed(seed).fit(x, n, P).curve().trainLoss();
        }
        assertFalse(Arrays.equals(curves[0], curves[1]));
        assertFalse(Arrays.equals(curves[1], curves[2]));
    }

    /**
     * With patience, training stops {@code patience} epochs after the best validation loss and
     * hands back the weights of that best epoch: those of the same training stopped there.
     */
    @Test
    void earlyStoppingStopsAtTheRecordedBestEpoch() {
        int n = 40;
        float[] x = DIGITS.rows(0, n);
        int patience = 10;
        Autoencoder ae = Autoencoder.withLayers(256, 8).activations("relu", "linear", "sigmoid").optimizer("adam", 1e-2)
                .validation(0.5, patience).seed(6);
        Autoencoder.Fit fit = ae.training(300, 20).fit(x, n, P);
        Autoencoder.Curve curve = fit.curve();
        double[] val = curve.validationLoss();
        int best = curve.bestEpoch();
        System.out.printf("early stopping: best epoch %d, stopped after %d of 300 (%s)%n", best, val.length, curve.stop());
        assertEquals("early_stopped", curve.stop());
        assertEquals(best + patience, val.length);
        assertEquals(Arrays.stream(val).min().orElseThrow(), val[best - 1]);
        assertTrue(val[val.length - 1] > val[best - 1]);
        Map<String, float[]> stoppedThere = ae.validation(0.5, 0).training(best, 20).fit(x, n, P).model().weights();
        assertTrue(sameWeights(stoppedThere, fit.model().weights()), "the best epoch's weights are restored");
    }
}
