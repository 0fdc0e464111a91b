package org.gyrus.reduce;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** testdata/digits.csv.gz: 1,797 images of 8 × 8 scaled to [0, 1], and their labels. */
final class Digits {

    static final int PIXELS = 64;
    final float[] x;
    final int[] labels;
    final int rows;

    private Digits(float[] x, int[] labels) {
        this.x = x;
        this.labels = labels;
        this.rows = labels.length;
    }

    static Digits load() {
        List<float[]> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(Path.of("testdata/digits.csv.gz"))), StandardCharsets.US_ASCII))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split(",");
                float[] img = new float[PIXELS];
                for (int j = 0; j < PIXELS; j++) {
                    img[j] = Float.parseFloat(f[j]) / 16f;
                }
                images.add(img);
                labels.add(Integer.parseInt(f[PIXELS].trim()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        float[] x = new float[images.size() * PIXELS];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i), 0, x, i * PIXELS, PIXELS);
        }
        return new Digits(x, labels.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Rows [from, to) as a new array. */
    float[] rows(int from, int to) {
        float[] out = new float[(to - from) * PIXELS];
        System.arraycopy(x, from * PIXELS, out, 0, out.length);
        return out;
    }
}
