package org.gyrus.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

import org.gyrus.data.Column;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;

/**
 * Per-fold metrics of out-of-fold predictions (a predictions table with a fold column, as the
 * cross-validation node writes it): the AUC and each binary metric at the pooled threshold,
 * computed on each fold's rows, with their mean and standard deviation over the folds where
 * the metric is defined. This complements the pooled metrics, which treat all out-of-fold rows
 * as one test set.
 */
public final class FoldSummary {

    /**
     * One metric over the folds.
     *
     * @param metric the metric
     * @param values its value in each fold, NaN where undefined
     * @param notes  why it is undefined in a fold, or empty
     */
    public record Row(String metric, double[] values, List<String> notes) {
        /** Folds where the metric is defined. */
        public int defined() {
            int d = 0;
            for (double v : values) {
                d += Double.isNaN(v) ? 0 : 1;
            }
            return d;
        }

        /** The mean over the folds where it is defined (NaN when none). */
        public double mean() {
            double s = 0;
            for (double v : values) {
                s += Double.isNaN(v) ? 0 : v;
            }
            return defined() == 0 ? Double.NaN : s / defined();
        }

        /** The sample standard deviation (n − 1) over the folds where it is defined (NaN with fewer than two). */
        public double sd() {
            int d = defined();
            if (d < 2) {
                return Double.NaN;
            }
            double m = mean();
            double ss = 0;
            for (double v : values) {
                ss += Double.isNaN(v) ? 0 : (v - m) * (v - m);
            }
            return Math.sqrt(ss / (d - 1));
        }
    }

    private FoldSummary() {
    }

    /**
     * The per-fold metrics of the labelled rows of {@code table}.
     *
     * @param foldColumn the column holding each row's fold
     * @param positive   the positive class
     * @param threshold  the threshold on its probability
     * @throws IllegalArgumentException naming the column if a labelled row has no fold
     */
    public static List<Row> of(Table table, String foldColumn, String positive, double threshold) {
        LabelledScores data = LabelledScores.of(table, null);
        Column fold = table.column(foldColumn);
        int k = data.classIndex(positive);
        boolean[] label = data.is(k);
        double[] score = data.probability[k];
        TreeMap<String, List<Integer>> members = new TreeMap<>(fold instanceof NumericColumn
                ? java.util.Comparator.comparingDouble(Double::parseDouble) : java.util.Comparator.<String>naturalOrder());
        for (int i = 0; i < data.size(); i++) {
            String f = fold.format(data.rows[i]);
            if (f == null) {
                throw new IllegalArgumentException("The fold column '" + foldColumn + "' is missing in row " + (data.rows[i] + 1)
                        + ": every out-of-fold prediction belongs to a fold");
            }
            members.computeIfAbsent(f, x -> new ArrayList<>()).add(i);
        }
        int folds = members.size();
        List<String> names = new ArrayList<>();
        names.add("AUC");
        for (BinaryMetric m : BinaryMetric.values()) {
            names.add(m.label());
        }
        double[][] values = new double[names.size()][folds];
        List<List<String>> notes = new ArrayList<>();
        for (int m = 0; m < names.size(); m++) {
            notes.add(new ArrayList<>());
        }
        int f = 0;
        for (List<Integer> rows : members.values()) {
            long[] counts = new long[4];
            boolean[] l = new boolean[rows.size()];
            double[] s = new double[rows.size()];
            int pos = 0;
            for (int j = 0; j < rows.size(); j++) {
                int i = rows.get(j);
                l[j] = label[i];
                s[j] = score[i];
                pos += l[j] ? 1 : 0;
                boolean predicted = score[i] >= threshold;
                counts[label[i] ? (predicted ? BinaryMetric.TP : BinaryMetric.FN) : (predicted ? BinaryMetric.FP : BinaryMetric.TN)]++;
            }
            if (pos == 0 || pos == rows.size()) {
                values[0][f] = Double.NaN;
                notes.get(0).add("fold " + f + ": " + (pos == 0 ? "no positive row" : "no negative row"));
            } else {
                values[0][f] = DeLong.of(l, s).auc();
                notes.get(0).add("");
            }
            int m = 1;
            for (BinaryMetric metric : BinaryMetric.values()) {
                values[m][f] = metric.value(counts[BinaryMetric.TP], counts[BinaryMetric.FN], counts[BinaryMetric.FP], counts[BinaryMetric.TN]);
                notes.get(m).add(Double.isNaN(values[m][f]) ? "fold " + f + ": " + metric.undefinedReason(counts) : "");
                m++;
            }
            f++;
        }
        List<Row> out = new ArrayList<>();
        for (int m = 0; m < names.size(); m++) {
            out.add(new Row(names.get(m), values[m], notes.get(m)));
        }
        return out;
    }

    /** One row per metric: mean, sd, folds where defined, each fold's value as text, and why any is undefined. */
    public static Table table(List<Row> rows) {
        int n = rows.size();
        String[] metric = new String[n];
        double[] mean = new double[n];
        double[] sd = new double[n];
        double[] defined = new double[n];
        String[] text = new String[n];
        String[] note = new String[n];
        for (int r = 0; r < n; r++) {
            Row row = rows.get(r);
            metric[r] = row.metric();
            mean[r] = row.mean();
            sd[r] = row.sd();
            defined[r] = row.defined();
            List<String> parts = new ArrayList<>();
            for (double v : row.values()) {
                parts.add(Double.isNaN(v) ? "undefined" : String.format(Locale.ROOT, "%.3f", v));
            }
            text[r] = String.join("; ", parts);
            List<String> why = new ArrayList<>(row.notes().stream().filter(s -> !s.isEmpty()).toList());
            if (row.defined() == 0) {
                why.add(0, "undefined in every fold");
            } else if (row.defined() < 2) {
                why.add(0, "sd undefined: defined in fewer than two folds");
            }
            note[r] = String.join("; ", why);
        }
        List<Column> cols = List.of(new TextColumn("metric", ColumnRole.ID, metric), NumericColumn.wrap("mean", ColumnRole.FEATURE, mean),
                NumericColumn.wrap("sd", ColumnRole.FEATURE, sd), NumericColumn.wrap("folds", ColumnRole.FEATURE, defined),
                new TextColumn("per_fold", ColumnRole.FEATURE, text), new TextColumn("note", ColumnRole.FEATURE, note));
        return new Table(cols);
    }
}
