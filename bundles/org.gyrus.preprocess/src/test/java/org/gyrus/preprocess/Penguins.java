package org.gyrus.preprocess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.gyrus.data.CategoricalColumn;
import org.gyrus.data.Column;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The penguins test table and its scikit-learn reference, read from the bundle's testdata
 * folder. A tiny CSV reader: the file has no quotes or embedded commas.
 */
final class Penguins {

    static final Path DIR = Path.of("testdata");
    static final List<String> NUMERIC = List.of("bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "year");
    static final List<String> CATEGORICAL = List.of("species", "island", "sex");
    static final Set<String> MISSING = Set.of("", "NA", "N/A", "n/a", "NaN", "nan", "null");

    private static Table table;
    private static JsonNode reference;

    private Penguins() {
    }

    /** The table: numeric columns as numbers, the three categorical ones as categories. */
    static synchronized Table table() {
        if (table == null) {
            table = read(DIR.resolve("penguins.csv"));
        }
        return table;
    }

    static Table read(Path csv) {
        try {
            List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            String[] header = lines.get(0).split(",", -1);
            int n = lines.size() - 1;
            String[][] cells = new String[header.length][n];
            for (int i = 0; i < n; i++) {
                String[] f = lines.get(i + 1).split(",", -1);
                for (int j = 0; j < header.length; j++) {
                    cells[j][i] = MISSING.contains(f[j].trim()) ? null : f[j].trim();
                }
            }
            List<Column> cols = new ArrayList<>();
            for (int j = 0; j < header.length; j++) {
                if (CATEGORICAL.contains(header[j])) {
                    cols.add(CategoricalColumn.of(header[j], cells[j]));
                } else {
                    double[] v = new double[n];
                    for (int i = 0; i < n; i++) {
                        v[i] = cells[j][i] == null ? Double.NaN : Double.parseDouble(cells[j][i]);
                    }
                    cols.add(new NumericColumn(header[j], v));
                }
            }
            return new Table(cols);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The numeric columns as arrays. */
    static double[][] numeric() {
        double[][] x = new double[NUMERIC.size()][];
        for (int j = 0; j < x.length; j++) {
            x[j] = table().numeric(NUMERIC.get(j)).toArray();
        }
        return x;
    }

    static synchronized JsonNode reference() {
        if (reference == null) {
            try {
                reference = new ObjectMapper().readTree(DIR.resolve("penguins.sklearn.json").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return reference;
    }

    /** The case of that name. */
    static JsonNode referenceCase(String name) {
        for (JsonNode c : reference().get("cases")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("No reference case " + name);
    }

    /** A {"shape": [r, c], "data": [...]} matrix as columns. */
    static double[][] matrixColumns(JsonNode m) {
        int r = m.get("shape").get(0).asInt();
        int c = m.get("shape").get(1).asInt();
        JsonNode data = m.get("data");
        double[][] out = new double[c][r];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                JsonNode v = data.get(i * c + j);
                out[j][i] = v.isNull() ? Double.NaN : v.asDouble();
            }
        }
        return out;
    }

    /** A {"shape": [n], "data": [...]} vector, or a plain array. */
    static double[] vector(JsonNode m) {
        JsonNode data = m.has("data") ? m.get("data") : m;
        double[] out = new double[data.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = data.get(i).isNull() ? Double.NaN : data.get(i).asDouble();
        }
        return out;
    }

    static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(v -> out.add(v.asText()));
        return out;
    }
}
