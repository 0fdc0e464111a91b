package org.gyrus.adversarial.nodes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import org.gyrus.data.ColumnRole;
import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;

/**
 * scikit-learn's digits (testdata/digits.csv.gz, from testdata/export_digits.py): 1,797 images of
 * 8 × 8, pixels scaled from 0–16 to [0, 1], split by a seeded shuffle into 1,347 training and 450 test
 * images (scikit-learn's default test share of 0.25).
 */
final class Digits {

    static final int PIXELS = 64;
    final float[] x;
    final int[] labels;
    final List<String> ids;

    private Digits(float[] x, int[] labels, List<String> ids) {
        this.x = x;
        this.labels = labels;
        this.ids = ids;
    }

    /** The training and the test images. */
    static Digits[] split() {
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
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(0));
        int test = 450;
        return new Digits[] {of(images, labels, order.subList(test, order.size())), of(images, labels, order.subList(0, test))};
    }

    private static Digits of(List<float[]> images, List<Integer> labels, List<Integer> rows) {
        float[] x = new float[rows.size() * PIXELS];
        int[] y = new int[rows.size()];
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(images.get(rows.get(i)), 0, x, i * PIXELS, PIXELS);
            y[i] = labels.get(rows.get(i));
            ids.add("digit-" + rows.get(i));
        }
        return new Digits(x, y, ids);
    }

    int n() {
        return labels.length;
    }

    /** The images as rows of shape 1 × 8 × 8. */
    FeatureMatrix matrix() {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < PIXELS; j++) {
            names.add("p" + j / 8 + "_" + j % 8);
        }
        return new FeatureMatrix(x.clone(), ids, names).withSampleShape(1, 8, 8);
    }

    /** The labels table: id and digit (role label). */
    Table labelsTable() {
        double[] y = new double[labels.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels[i];
        }
        return Table.of(new TextColumn("id", ColumnRole.ID, ids.toArray(String[]::new)), new NumericColumn("digit", ColumnRole.LABEL, y));
    }
}
