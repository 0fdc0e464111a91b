package org.gyrus.evaluate;

import java.util.List;

import org.gyrus.data.Table;

/**
 * Everything about one binary classifier's predictions: the threshold, the confusion matrix and
 * metrics with intervals, the AUC, ROC and precision–recall curves, calibration and the Brier
 * score, and the per-group table. For a multiclass table the chosen class is positive and the
 * others negative (one-vs-rest).
 *
 * @param positive      the positive class
 * @param negatives     the other classes
 * @param threshold     the threshold on the positive probability
 * @param thresholdText how it was chosen
 * @param metrics       the metrics at the threshold
 * @param auc           the AUC with its interval
 * @param roc           the ROC curve (collinear points dropped)
 * @param bandFpr       false-positive rates of the ROC band
 * @param bandLower     lower pointwise bootstrap bound of the true-positive rate
 * @param bandUpper     upper bound
 * @param pr            the precision–recall curve
 * @param averagePrecision scikit-learn's average precision
 * @param calibration   the calibration curve
 * @param brier         the Brier score
 * @param groups        the per-group rows
 * @param rows          labelled rows evaluated
 * @param unlabelled    rows left out for a missing label
 * @param resampling    how the bootstrap resampled
 * @param subjectColumn the subject column, or null
 * @param level         the confidence level
 */
public record BinaryEvaluation(String positive, List<String> negatives, double threshold, String thresholdText, BinaryMetrics.Result metrics,
        Estimate auc, RocCurve roc, double[] bandFpr, double[] bandLower, double[] bandUpper, PrecisionRecallCurve pr,
        double averagePrecision, Calibration calibration, double brier, List<GroupTable.Row> groups, int rows, int unlabelled,
        String resampling, String subjectColumn, double level) {

    /** Number of points of the ROC band's grid. */
    static final int BAND_POINTS = 101;

    /**
     * Evaluates the predictions table {@code table}.
     *
     * @throws IllegalArgumentException naming the column for a table that is not predictions, has
     *         no labels, holds one class, or names unknown columns
     */
    public static BinaryEvaluation of(Table table, EvaluationSettings s) {
        LabelledScores data = LabelledScores.of(table, s.subjectColumn());
        for (String g : s.groupColumns()) {
            table.column(g);
        }
        int k = data.classIndex(s.positive());
        boolean[] label = data.is(k);
        int pos = 0;
        for (boolean b : label) {
            pos += b ? 1 : 0;
        }
        String cls = data.classes().get(k);
        String labelName = data.predictions.label().orElseThrow().name();
        if (pos == 0 || pos == label.length) {
            throw new IllegalArgumentException("The label column '" + labelName + "' has " + (pos == 0 ? "no" : "only") + " rows of the positive class '"
                    + cls + "': sensitivity and specificity need both positive and negative rows");
        }
        double[] score = data.probability[k];
        EvaluationOptions o = s.options();
        double threshold = s.threshold().choose(label, score, s.thresholdValue());
        String thresholdText = "P(" + cls + ") ≥ " + fmt(threshold) + ", " + s.threshold().describe(s.thresholdValue())
                + (s.threshold() == ThresholdRule.FIXED ? "" : " on these same rows (so the metrics at it are optimistic)");
        boolean[] predicted = new boolean[label.length];
        for (int i = 0; i < label.length; i++) {
            predicted[i] = score[i] >= threshold;
        }
        BinaryMetrics.Result metrics = BinaryMetrics.compute(label, predicted, data.subjects, o);
        Estimate auc = s.auc().estimate(label, score, data.subjects, o);
        RocCurve roc = RocCurve.of(label, score, true);
        double[] grid = new double[BAND_POINTS];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = (double) i / (grid.length - 1);
        }
        int[] labels01 = new int[label.length];
        for (int i = 0; i < label.length; i++) {
            labels01[i] = label[i] ? 1 : 0;
        }
        Resampling plan = Resampling.of(labels01, data.subjects, o.stratified(), o.resamples(), o.seed());
        double[][] band = new AucBootstrap(label, score, plan).band(grid, o.level(), o.threads());
        PrecisionRecallCurve pr = PrecisionRecallCurve.of(label, score);
        Calibration cal = Calibration.of(label, score, s.calibrationBins(), s.calibration());
        List<String> negatives = new java.util.ArrayList<>(data.classes());
        negatives.remove(k);
        List<GroupTable.Row> groups = GroupTable.rows(table, data, k, threshold, s.groupColumns(), s.groupMetrics(), s.auc(), o);
        return new BinaryEvaluation(cls, negatives, threshold, thresholdText, metrics, auc, roc, grid, band[0], band[1], pr,
                pr.averagePrecision(), cal, Calibration.brier(label, score), groups, data.size(), data.unlabelled, metrics.resampling(),
                data.subjectColumn, o.level());
    }

    static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.4g", v);
    }
}
