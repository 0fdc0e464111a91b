package org.gyrus.diffusion;

import java.util.Random;

/** Small synthetic training images: bright disks of random centre, radius and intensity on a dark background. */
final class Disks {

    private Disks() {
    }

    /** n images of size × size (x fastest), intensities 0..200. */
    static float[] images(int n, int size, long seed) {
        Random r = new Random(seed);
        float[] out = new float[n * size * size];
        for (int i = 0; i < n; i++) {
            double cx = size / 2.0 + (r.nextDouble() - 0.5) * size / 3;
            double cy = size / 2.0 + (r.nextDouble() - 0.5) * size / 3;
            double rad = size * (0.2 + 0.15 * r.nextDouble());
            float value = (float) (120 + 80 * r.nextDouble());
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
                    out[(i * size + y) * size + x] = d < rad ? value : 0;
                }
            }
        }
        return out;
    }
}
