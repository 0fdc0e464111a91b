package org.gyrus.learn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The committed reference data (testdata/, written by testdata/make_reference.py). */
final class Fixtures {

    static final Path DIR = Path.of("testdata");

    /** Standardised samples with labels. */
    record Data(double[] x, int n, int p, List<String> features, String[] labels, String[] ids, double[] mean, double[] scale) {
        double[] column(String name) {
            int j = features.indexOf(name);
            double[] c = new double[n];
            for (int i = 0; i < n; i++) {
                c[i] = x[i * p + j];
            }
            return c;
        }

        /** The first {@code k} features only. */
        Data first(int k) {
            double[] out = new double[n * k];
            for (int i = 0; i < n; i++) {
                System.arraycopy(x, i * p, out, i * k, k);
            }
            return new Data(out, n, k, features.subList(0, k), labels, ids, mean, scale);
        }
    }

    private Fixtures() {
    }

    static JsonNode reference() {
        try {
            return new ObjectMapper().readTree(DIR.resolve("reference.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Data breastCancer() {
        return load("breast_cancer.csv", reference().get("breast_cancer"), "id");
    }

    static Data penguins() {
        return load("penguins.csv", reference().get("penguins"), null);
    }

    /** Reads the CSV, drops rows with a missing feature or label, standardises as StandardScaler. */
    private static Data load(String file, JsonNode meta, String idColumn) {
        List<String> lines;
        try {
            lines = Files.readAllLines(DIR.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> header = Arrays.asList(lines.get(0).split(","));
        List<String> features = new ArrayList<>();
        meta.get("features").forEach(f -> features.add(f.asText()));
        String label = meta.get("label").asText();
        int p = features.size();
        List<double[]> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int r = 1; r < lines.size(); r++) {
            String[] cells = lines.get(r).split(",", -1);
            double[] v = new double[p];
            boolean missing = false;
            for (int j = 0; j < p; j++) {
                String c = cells[header.indexOf(features.get(j))];
                missing |= c.isEmpty() || c.equals("NA");
                v[j] = missing ? Double.NaN : Double.parseDouble(c);
            }
            String y = cells[header.indexOf(label)];
            if (missing || y.isEmpty() || y.equals("NA")) {
                continue;
            }
            rows.add(v);
            labels.add(y);
            ids.add(idColumn == null ? "row" + r : cells[header.indexOf(idColumn)]);
        }
        int n = rows.size();
        double[] mean = new double[p];
        double[] scale = new double[p];
        for (int j = 0; j < p; j++) {
            double s = 0;
            for (double[] v : rows) {
                s += v[j];
            }
            mean[j] = s / n;
            double ss = 0;
            for (double[] v : rows) {
                ss += (v[j] - mean[j]) * (v[j] - mean[j]);
            }
            scale[j] = Math.sqrt(ss / n);
        }
        double[] x = new double[n * p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                x[i * p + j] = (rows.get(i)[j] - mean[j]) / scale[j];
            }
        }
        return new Data(x, n, p, List.copyOf(features), labels.toArray(String[]::new), ids.toArray(String[]::new), mean, scale);
    }

    static double[] doubles(JsonNode array) {
        List<Double> out = new ArrayList<>();
        flatten(array, out);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void flatten(JsonNode node, List<Double> out) {
        if (node.isArray()) {
            node.forEach(e -> flatten(e, out));
        } else {
            out.add(node.asDouble());
        }
    }

    static double maxAbs(double[] v) {
        return Arrays.stream(v).map(Math::abs).max().orElse(0);
    }

    static double maxAbsDiff(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
