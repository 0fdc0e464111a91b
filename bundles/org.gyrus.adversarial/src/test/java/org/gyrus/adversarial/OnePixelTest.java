package org.gyrus.adversarial;

import static org.gyrus.adversarial.Reference.floats;
import static org.gyrus.adversarial.Reference.ints;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The one-pixel attack on a small CNN PyTorch trained to tell which half of a 6×6 noise image is
 * brighter (testdata/halves.json): images near the boundary flip, clear ones do not.
 */
class OnePixelTest {

    @Test
    void changesAtMostThePixelsAllowedSucceedsOnSomeImagesAndIsSeeded() throws IOException {
        Map<String, Object> ref = Reference.json("halves.json");
        Classifier cnn = Reference.classifier("halves_network.safetensors", 1, 6, 6);
        float[] x = floats(ref.get("x"));
        int[] labels = ints(ref.get("labels"));
        int[] clean = Classifier.argmax(cnn.probabilities(x), 2);
        int right = 0;
        for (int s = 0; s < labels.length; s++) {
            right += clean[s] == labels[s] ? 1 : 0;
        }
        assertEquals(Reference.number(ref, "accuracy"), (double) right / labels.length, 1e-6, "the network is PyTorch's");
        double[] rates = new double[6];
        for (int pixels : new int[] {1, 3, 5}) {
            OnePixel attack = new OnePixel(pixels, 40, 20, false, 0, 1, 5);
            AttackResult r = attack.attack(cnn, x, labels);
            rates[pixels] = r.successRate();
            System.out.printf("one-pixel attack, %d pixel(s), population 40, 20 generations: success rate %.2f%n", pixels, r.successRate());
            for (int s = 0; s < r.size(); s++) {
                int changed = 0;
                for (int i = s * 36; i < (s + 1) * 36; i++) {
                    changed += r.adversarial()[i] != x[i] ? 1 : 0;
                }
                assertTrue(changed <= pixels, "sample " + s + " changes " + changed + " pixels");
                assertEquals(r.success()[s], r.adversarialClass()[s] != labels[s]);
                if (clean[s] != labels[s]) {
                    assertTrue(r.success()[s], "a misclassified image counts as a success at once");
                }
            }
            assertArrayEquals(r.adversarial(), attack.attack(cnn, x, labels).adversarial(), "seeded");
        }
        double misclassified = 1 - (double) right / labels.length;
        assertTrue(rates[1] > misclassified, "one pixel flips some correctly classified images: " + rates[1]);
        assertTrue(rates[1] < 1, "but not all: " + rates[1]);
        assertTrue(rates[5] >= rates[1], "five pixels do at least as well as one: " + rates[5] + " vs " + rates[1]);
    }

    @Test
    void onVolumesItChangesAtMostTheVoxelsAllowedInEveryChannel() {
        java.util.Random random = new java.util.Random(8);
        org.gyrus.nn.layers.Module net = new org.gyrus.nn.layers.Sequential(new org.gyrus.nn.layers.Conv3d(2, 3, 3, 1, 1, random),
                org.gyrus.nn.layers.Activation.relu(), new org.gyrus.nn.layers.AdaptiveAvgPool3d(1, 1, 1),
                new org.gyrus.nn.layers.Flatten(), new org.gyrus.nn.layers.Linear(3, 2, random));
        Classifier c = new Classifier(net, 2, 3, 4, 5);
        float[] x = new float[4 * 120];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat();
        }
        int[] labels = c.predict(x);
        AttackResult r = new OnePixel(2, 12, 5, false, 0, 1, 1).attack(c, x, labels);
        for (int s = 0; s < 4; s++) {
            java.util.Set<Integer> voxels = new java.util.HashSet<>();
            for (int i = 0; i < 120; i++) {
                if (r.adversarial()[s * 120 + i] != x[s * 120 + i]) {
                    voxels.add(i % 60);
                }
            }
            assertTrue(voxels.size() >= 1 && voxels.size() <= 2, "sample " + s + " changes " + voxels.size() + " voxels");
        }
    }
}
