package org.gyrus.evaluate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gyrus.data.Column;
import org.gyrus.data.Predictions;
import org.gyrus.data.Table;

/**
 * The rows of a predictions table that have a true label, as primitive arrays: class codes,
 * probabilities per class, and optional subject codes. Rows without a label are left out and
 * counted.
 */
final class LabelledScores {

    final Predictions predictions;
    final int[] rows;
    final int[] label;
    final double[][] probability;
    final int[] predicted;
    final int[] subjects;
    final String subjectColumn;
    final int unlabelled;

    private LabelledScores(Predictions predictions, int[] rows, int[] label, double[][] probability, int[] predicted, int[] subjects,
            String subjectColumn, int unlabelled) {
        this.predictions = predictions;
        this.rows = rows;
        this.label = label;
        this.probability = probability;
        this.predicted = predicted;
        this.subjects = subjects;
        this.subjectColumn = subjectColumn;
        this.unlabelled = unlabelled;
    }

    /**
     * The labelled rows of {@code table}.
     *
     * @param subjectColumn the column naming each row's subject, or null/blank when rows are independent
     * @throws IllegalArgumentException naming the column when there are no labels, no labelled
     *         rows, or only one class
     */
    static LabelledScores of(Table table, String subjectColumn) {
        Predictions p = Predictions.of(table);
        int[] all = p.labelCodes();
        String labelName = p.label().orElseThrow().name();
        int n = 0;
        for (int c : all) {
            n += c >= 0 ? 1 : 0;
        }
        if (n == 0) {
            throw new IllegalArgumentException("The label column '" + labelName + "' is missing in every row: nothing to evaluate");
        }
        int[] rows = new int[n];
        int[] label = new int[n];
        int k = 0;
        for (int r = 0; r < all.length; r++) {
            if (all[r] >= 0) {
                rows[k] = r;
                label[k++] = all[r];
            }
        }
        int classes = p.classes().size();
        int[] present = new int[classes];
        for (int c : label) {
            present[c]++;
        }
        int seen = 0;
        for (int c : present) {
            seen += c > 0 ? 1 : 0;
        }
        if (seen < 2) {
            throw new IllegalArgumentException("The label column '" + labelName + "' holds only one class ('" + p.classes().get(label[0])
                    + "', " + n + " rows): sensitivity, specificity and the ROC curve need rows of at least two classes");
        }
        double[][] prob = new double[classes][n];
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < n; i++) {
                prob[c][i] = p.probabilityColumn(c).get(rows[i]);
            }
        }
        int[] allPred = p.predictedCodes();
        int[] pred = new int[n];
        for (int i = 0; i < n; i++) {
            pred[i] = allPred[rows[i]];
        }
        int[] subjects = null;
        String subj = subjectColumn == null || subjectColumn.isBlank() ? null : subjectColumn.trim();
        if (subj != null) {
            Column sc = table.column(subj);
            Map<String, Integer> codes = new HashMap<>();
            subjects = new int[n];
            for (int i = 0; i < n; i++) {
                String v = sc.format(rows[i]);
                if (v == null) {
                    throw new IllegalArgumentException("The subject column '" + subj + "' is missing in row " + (rows[i] + 1)
                            + ": every row needs its subject for a bootstrap over subjects");
                }
                subjects[i] = codes.computeIfAbsent(v, x -> codes.size());
            }
        }
        return new LabelledScores(p, rows, label, prob, pred, subjects, subj, all.length - n);
    }

    int size() {
        return label.length;
    }

    List<String> classes() {
        return predictions.classes();
    }

    /** The index of class {@code name}; blank means the last class (scikit-learn's positive class). */
    int classIndex(String name) {
        if (name == null || name.isBlank()) {
            return classes().size() - 1;
        }
        int k = classes().indexOf(name.trim());
        if (k < 0) {
            throw new IllegalArgumentException("The positive class '" + name.trim() + "' is not one of the classes " + classes()
                    + " (the probability columns)");
        }
        return k;
    }

    /** Per row whether its label is class k. */
    boolean[] is(int k) {
        boolean[] out = new boolean[label.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = label[i] == k;
        }
        return out;
    }

    /** The rows {@code subset} (indices into these rows) as a new set. */
    LabelledScores subset(int[] subset) {
        int[] rows2 = new int[subset.length];
        int[] label2 = new int[subset.length];
        int[] pred2 = new int[subset.length];
        int[] subj2 = subjects == null ? null : new int[subset.length];
        double[][] prob2 = new double[probability.length][subset.length];
        for (int i = 0; i < subset.length; i++) {
            int s = subset[i];
            rows2[i] = rows[s];
            label2[i] = label[s];
            pred2[i] = predicted[s];
            if (subj2 != null) {
                subj2[i] = subjects[s];
            }
            for (int c = 0; c < probability.length; c++) {
                prob2[c][i] = probability[c][s];
            }
        }
        return new LabelledScores(predictions, rows2, label2, prob2, pred2, subj2, subjectColumn, 0);
    }
}
