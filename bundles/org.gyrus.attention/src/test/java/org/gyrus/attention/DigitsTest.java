package org.gyrus.attention;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.gyrus.nn.train.History;
import org.junit.jupiter.api.Test;

/** Evidence that the ViT learns: scikit-learn's digits, 8 × 8 images cut into 16 patches of 2 × 2. */
class DigitsTest {

    /** Train on a seeded 75 % of the digits, test on the rest; the ViT's settings of the issue and the benchmark. */
    static final TransformerSettings SETTINGS = new TransformerSettings(2, 4, 32, 64, 0.0, true, 3e-3, 1e-4, 3, 30, 64, 0.1, 6, false, false);

    @Test
    void visionTransformerReachesNinetyFivePercentOnHeldOutDigits() {
        Fixtures.Digits d = Fixtures.Digits.load();
        int n = d.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random r = new Random(2026);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int train = n * 3 / 4;
        float[] xTrain = new float[train * 64];
        int[] yTrain = new int[train];
        float[] xTest = new float[(n - train) * 64];
        int[] yTest = new int[n - train];
        for (int i = 0; i < n; i++) {
            int s = order[i];
            if (i < train) {
                System.arraycopy(d.x(), s * 64, xTrain, i * 64, 64);
                yTrain[i] = d.labels()[s];
            } else {
                System.arraycopy(d.x(), s * 64, xTest, (i - train) * 64, 64);
                yTest[i - train] = d.labels()[s];
            }
        }
        java.util.List<String> classes = java.util.List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        ImageLayout layout = ImageLayout.of(new int[] {1, 8, 8}, 2);
        long start = System.nanoTime();
        TransformerModel model = TransformerTraining.classifier(layout, xTrain, new Labels(classes, yTrain), SETTINGS, 7, null);
        double seconds = (System.nanoTime() - start) / 1e9;
        History h = model.history();
        double[][] proba = model.predict(xTest);
        int correct = 0;
        for (int i = 0; i < yTest.length; i++) {
            int best = 0;
            for (int c = 1; c < 10; c++) {
                if (proba[c][i] > proba[best][i]) {
                    best = c;
                }
            }
            if (best == yTest[i]) {
                correct++;
            }
        }
        double accuracy = (double) correct / yTest.length;
        System.out.printf("digits ViT: %d tokens, %d epochs (%s) in %.1f s, test accuracy %.4f%n", layout.tokens(), h.trainLoss().size(),
                h.stop(), seconds, accuracy);
        assertTrue(accuracy >= 0.95, "test accuracy " + accuracy);
    }
}
