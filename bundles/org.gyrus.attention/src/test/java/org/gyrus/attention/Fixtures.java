package org.gyrus.attention;

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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Test data: the committed references and scikit-learn's digits. */
public final class Fixtures {

    private Fixtures() {
    }

    /** A committed JSON file of testdata/. */
    public static JsonNode json(String name) {
        try {
            return new ObjectMapper().readTree(Path.of("testdata", name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The row-major values of a {"shape", "data"} entry. */
    public static double[] data(JsonNode tensor) {
        JsonNode d = tensor.get("data");
        double[] out = new double[d.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = d.get(i).asDouble();
        }
        return out;
    }

    /** A {"shape": [r, c], "data"} entry as rows. */
    public static double[][] matrix(JsonNode tensor) {
        int r = tensor.get("shape").get(0).asInt();
        int c = tensor.get("shape").get(1).asInt();
        double[] d = data(tensor);
        double[][] m = new double[r][c];
        for (int i = 0; i < r; i++) {
            System.arraycopy(d, i * c, m[i], 0, c);
        }
        return m;
    }

    /** scikit-learn's digits (testdata/digits.csv.gz, written by export_digits.py), pixels / 16. */
    public record Digits(float[] x, int[] labels) {

        /** Loads all 1,797 images. */
        public static Digits load() {
            List<float[]> images = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(Path.of("testdata/digits.csv.gz"))), StandardCharsets.US_ASCII))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    String[] f = line.split(",");
                    float[] img = new float[64];
                    for (int j = 0; j < 64; j++) {
                        img[j] = Float.parseFloat(f[j]) / 16f;
                    }
                    images.add(img);
                    labels.add(Integer.parseInt(f[64].trim()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            float[] x = new float[images.size() * 64];
            for (int i = 0; i < images.size(); i++) {
                System.arraycopy(images.get(i), 0, x, i * 64, 64);
            }
            return new Digits(x, labels.stream().mapToInt(Integer::intValue).toArray());
        }

        /** The number of images. */
        public int size() {
            return labels.length;
        }
    }
}
