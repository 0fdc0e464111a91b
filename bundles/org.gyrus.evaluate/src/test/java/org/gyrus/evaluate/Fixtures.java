package org.gyrus.evaluate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.gyrus.data.CategoricalColumn;
import org.gyrus.data.Column;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Predictions;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;

/** The committed reference files of testdata/ (see make_reference.py). */
final class Fixtures {

    static final Path DIR = Path.of("testdata");

    private Fixtures() {
    }

    static JsonNode reference() {
        try {
            return new ObjectMapper().readTree(DIR.resolve("reference.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    /** The CSV's rows (no quoting in our files), header first. */
    static List<String[]> csv(String name) {
        try {
            List<String[]> rows = new ArrayList<>();
            for (String line : Files.readAllLines(DIR.resolve(name))) {
                if (!line.isBlank()) {
                    rows.add(line.split(",", -1));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The breast-cancer predictions: column 0 id, 1 diagnosis, 2 site, 3.. scores. */
    static final class BreastCancer {
        final String[] id;
        final String[] diagnosis;
        final String[] site;
        final double[] full;
        final double[] small;
        final double[] tied;
        final boolean[] malignant;

        BreastCancer() {
            List<String[]> rows = csv("breast_cancer_predictions.csv");
            int n = rows.size() - 1;
            id = new String[n];
            diagnosis = new String[n];
            site = new String[n];
            full = new double[n];
            small = new double[n];
            tied = new double[n];
            malignant = new boolean[n];
            for (int i = 0; i < n; i++) {
                String[] r = rows.get(i + 1);
                id[i] = r[0];
                diagnosis[i] = r[1];
                site[i] = r[2];
                full[i] = Double.parseDouble(r[3]);
                small[i] = Double.parseDouble(r[4]);
                tied[i] = Double.parseDouble(r[5]);
                malignant[i] = r[1].equals("malignant");
            }
        }

        /** A predictions table of one score (the malignant probability), with site as group column. */
        Table table(double[] score) {
            double[] benign = new double[score.length];
            for (int i = 0; i < score.length; i++) {
                benign[i] = 1 - score[i];
            }
            return Predictions.table(new TextColumn("id", id), CategoricalColumn.of("diagnosis", diagnosis), List.of("benign", "malignant"),
                    new double[][] {benign, score}, List.of(CategoricalColumn.of("site", ColumnRole.GROUP, site)));
        }
    }

    /** The iris predictions as a predictions table. */
    static Table iris() {
        List<String[]> rows = csv("iris_predictions.csv");
        int n = rows.size() - 1;
        String[] header = rows.get(0);
        List<Column> cols = new ArrayList<>();
        String[] id = new String[n];
        String[] species = new String[n];
        for (int i = 0; i < n; i++) {
            id[i] = rows.get(i + 1)[0];
            species[i] = rows.get(i + 1)[1];
        }
        cols.add(new TextColumn("id", ColumnRole.ID, id));
        cols.add(CategoricalColumn.of("species", ColumnRole.LABEL, species));
        for (int c = 2; c < header.length; c++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = Double.parseDouble(rows.get(i + 1)[c]);
            }
            cols.add(new NumericColumn(header[c], v));
        }
        return new Table(cols);
    }
}
