package org.gyrus.evaluate;

import java.util.HashMap;
import java.util.Map;

import org.gyrus.data.Column;
import org.gyrus.data.Predictions;
import org.gyrus.data.Table;

/**
 * Two classifiers' predictions of the same rows compared: DeLong's test of their AUCs and
 * McNemar's test of their accuracy at a threshold. Rows are matched by id when both tables have
 * an id column, otherwise by position; the true labels must agree.
 *
 * @param positive  the positive class
 * @param rows      rows compared
 * @param threshold the threshold of McNemar's test
 * @param delong    DeLong's test (first − second)
 * @param mcnemar   McNemar's test
 * @param accuracy1 the first classifier's accuracy at the threshold
 * @param accuracy2 the second's
 */
public record PairedComparison(String positive, int rows, double threshold, DeLong.Comparison delong, McNemar mcnemar, double accuracy1,
        double accuracy2) {

    /**
     * Compares two predictions tables.
     *
     * @throws IllegalArgumentException naming the column or id when the tables do not describe the same rows
     */
    public static PairedComparison of(Table first, Table second, String positive, double threshold, double level) {
        LabelledScores a = LabelledScores.of(first, null);
        LabelledScores b = LabelledScores.of(second, null);
        if (!a.classes().equals(b.classes())) {
            throw new IllegalArgumentException("The two predictions tables have different classes: " + a.classes() + " and " + b.classes());
        }
        int k = a.classIndex(positive);
        int[] match = match(first, second, a, b);
        int n = a.size();
        boolean[] label = a.is(k);
        double[] s1 = a.probability[k];
        double[] s2 = new double[n];
        for (int i = 0; i < n; i++) {
            int j = match[i];
            if (b.label[j] != a.label[i]) {
                throw new IllegalArgumentException("Row " + (a.rows[i] + 1) + " of the first table and row " + (b.rows[j] + 1)
                        + " of the second have different true labels ('" + a.classes().get(a.label[i]) + "' and '" + b.classes().get(b.label[j])
                        + "'): the comparison needs predictions of the same subjects");
            }
            s2[i] = b.probability[k][j];
        }
        boolean[] c1 = new boolean[n];
        boolean[] c2 = new boolean[n];
        int r1 = 0;
        int r2 = 0;
        for (int i = 0; i < n; i++) {
            c1[i] = (s1[i] >= threshold) == label[i];
            c2[i] = (s2[i] >= threshold) == label[i];
            r1 += c1[i] ? 1 : 0;
            r2 += c2[i] ? 1 : 0;
        }
        return new PairedComparison(a.classes().get(k), n, threshold, DeLong.compare(label, s1, s2, level), McNemar.of(c1, c2),
                (double) r1 / n, (double) r2 / n);
    }

    /** For each labelled row of the first table, the index of the same row among the second's labelled rows. */
    private static int[] match(Table first, Table second, LabelledScores a, LabelledScores b) {
        int[] out = new int[a.size()];
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("The first predictions table has " + a.size() + " labelled rows and the second " + b.size()
                    + ": the comparison needs predictions of the same subjects");
        }
        Column ida = Predictions.of(first).id().orElse(null);
        Column idb = Predictions.of(second).id().orElse(null);
        if (ida == null || idb == null) {
            for (int i = 0; i < out.length; i++) {
                out[i] = i;
            }
            return out;
        }
        Map<String, Integer> where = new HashMap<>();
        for (int j = 0; j < b.size(); j++) {
            if (where.put(idb.format(b.rows[j]), j) != null) {
                throw new IllegalArgumentException("The id column '" + idb.name() + "' of the second table repeats '" + idb.format(b.rows[j]) + "'");
            }
        }
        for (int i = 0; i < a.size(); i++) {
            Integer j = where.get(ida.format(a.rows[i]));
            if (j == null) {
                throw new IllegalArgumentException("Id '" + ida.format(a.rows[i]) + "' (column '" + ida.name()
                        + "') of the first table is not in the second: the comparison needs predictions of the same subjects");
            }
            out[i] = j;
        }
        return out;
    }

    /** The comparison as a table: quantity, value, lower, upper, note. */
    public Table table() {
        DeLong.Comparison d = delong;
        return org.gyrus.data.Table.of(
                new org.gyrus.data.TextColumn("quantity", org.gyrus.data.ColumnRole.ID, "AUC first", "AUC second", "AUC difference (first − second)",
                        "DeLong z", "DeLong p", "accuracy first", "accuracy second", "McNemar b (first right, second wrong)",
                        "McNemar c (first wrong, second right)", "McNemar exact p", "McNemar χ² (continuity-corrected)", "McNemar χ² p"),
                new org.gyrus.data.NumericColumn("value", new double[] {d.auc1(), d.auc2(), d.difference(), d.z(), d.p(), accuracy1, accuracy2,
                    mcnemar.b(), mcnemar.c(), mcnemar.exactP(), mcnemar.chiSquare(), mcnemar.chiSquareP()}),
                new org.gyrus.data.NumericColumn("lower", new double[] {Double.NaN, Double.NaN, d.lower(), Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN}),
                new org.gyrus.data.NumericColumn("upper", new double[] {Double.NaN, Double.NaN, d.upper(), Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN}),
                new org.gyrus.data.TextColumn("note", "", "", "DeLong's normal interval", "", "two-sided", "at threshold " + threshold,
                        "at threshold " + threshold, "", "", "two-sided binomial test", mcnemar.b() + mcnemar.c() == 0 ? "undefined: no discordant rows" : "",
                        "one degree of freedom"));
    }
}
