package org.gyrus.evaluate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.gyrus.data.CategoricalColumn;
import org.gyrus.data.Column;
import org.gyrus.data.Table;

/**
 * The per-group table: for each level of each group column (site, sex, age band, scanner) the
 * number of labelled rows, the prevalence and the chosen metrics with their intervals, at the
 * threshold chosen on all rows. A level without rows, or with one class only, gets a row whose
 * undefined metrics say why.
 */
public final class GroupTable {

    /** The name of a level for rows where the group column is missing. */
    public static final String MISSING_LEVEL = "(missing)";

    /**
     * One row.
     *
     * @param column    the group column
     * @param level     the level
     * @param n         labelled rows in the group
     * @param positives positive rows in the group
     * @param estimates one per requested metric, in order
     */
    public record Row(String column, String level, int n, int positives, List<Estimate> estimates) {
        /** The share of positive rows, NaN when n = 0. */
        public double prevalence() {
            return n == 0 ? Double.NaN : (double) positives / n;
        }
    }

    private GroupTable() {
    }

    /** The metric named {@code name} ("AUC" gives null), case-insensitively. */
    static BinaryMetric metric(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('-', '−');
        if (n.equals("auc")) {
            return null;
        }
        for (BinaryMetric m : BinaryMetric.values()) {
            if (m.label().toLowerCase(Locale.ROOT).equals(n) || m.name().toLowerCase(Locale.ROOT).equals(name.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        List<String> known = new ArrayList<>();
        for (BinaryMetric m : BinaryMetric.values()) {
            known.add(m.label());
        }
        known.add("AUC");
        throw new IllegalArgumentException("Unknown metric '" + name.trim() + "'; choose from " + known);
    }

    static List<Row> rows(Table table, LabelledScores data, int positive, double threshold, List<String> columns, List<String> metrics,
            AucInterval auc, EvaluationOptions o) {
        List<Row> out = new ArrayList<>();
        for (String name : columns) {
            Column col = table.column(name);
            Map<String, List<Integer>> members = new LinkedHashMap<>();
            if (col instanceof CategoricalColumn c) {
                for (String level : c.levels()) {
                    members.put(level, new ArrayList<>());
                }
            }
            for (int i = 0; i < data.size(); i++) {
                String v = col.format(data.rows[i]);
                members.computeIfAbsent(v == null ? MISSING_LEVEL : v, x -> new ArrayList<>()).add(i);
            }
            for (Map.Entry<String, List<Integer>> e : members.entrySet()) {
                int[] subset = e.getValue().stream().mapToInt(Integer::intValue).toArray();
                out.add(row(name, e.getKey(), data.subset(subset), positive, threshold, metrics, auc, o));
            }
        }
        return out;
    }

    private static Row row(String column, String level, LabelledScores g, int positive, double threshold, List<String> metrics,
            AucInterval auc, EvaluationOptions o) {
        int n = g.size();
        List<Estimate> est = new ArrayList<>();
        if (n == 0) {
            for (String m : metrics) {
                BinaryMetric bm = metric(m);
                est.add(Estimate.undefined(bm == null ? "AUC" : bm.label(), "no labelled rows in this group"));
            }
            return new Row(column, level, 0, 0, est);
        }
        boolean[] label = g.is(positive);
        double[] score = g.probability[positive];
        boolean[] predicted = new boolean[n];
        int pos = 0;
        for (int i = 0; i < n; i++) {
            predicted[i] = score[i] >= threshold;
            pos += label[i] ? 1 : 0;
        }
        BinaryMetrics.Result r = BinaryMetrics.compute(label, predicted, g.subjects, o);
        for (String m : metrics) {
            BinaryMetric bm = metric(m);
            est.add(bm == null ? auc.estimate(label, score, g.subjects, o) : r.get(bm));
        }
        return new Row(column, level, n, pos, est);
    }
}
