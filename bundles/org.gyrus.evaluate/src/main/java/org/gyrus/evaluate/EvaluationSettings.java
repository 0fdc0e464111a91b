package org.gyrus.evaluate;

import java.util.List;

/**
 * What to evaluate and how.
 *
 * @param positive        the positive class (blank: the last class, as scikit-learn)
 * @param threshold       how the threshold on the positive probability is chosen
 * @param thresholdValue  the fixed threshold, or the sensitivity/specificity to reach
 * @param auc             the AUC's interval
 * @param subjectColumn   the column naming each row's subject (blank: rows are independent)
 * @param groupColumns    columns whose levels get a row each in the per-group table
 * @param groupMetrics    the metrics of the per-group table
 * @param calibrationBins bins of the calibration curve
 * @param calibration     placement of the calibration bins
 * @param options         intervals and bootstrap
 */
public record EvaluationSettings(String positive, ThresholdRule threshold, double thresholdValue, AucInterval auc, String subjectColumn,
        List<String> groupColumns, List<String> groupMetrics, int calibrationBins, Calibration.Strategy calibration,
        EvaluationOptions options) {

    /** Checks the values. */
    public EvaluationSettings {
        groupColumns = List.copyOf(groupColumns);
        groupMetrics = List.copyOf(groupMetrics);
        for (String m : groupMetrics) {
            GroupTable.metric(m);
        }
    }

    /** Threshold 0.5, DeLong, no subjects or groups, 10 uniform bins, default options. */
    public static EvaluationSettings defaults() {
        return new EvaluationSettings("", ThresholdRule.FIXED, 0.5, AucInterval.DELONG, "", List.of(),
                List.of("sensitivity", "specificity", "PPV", "NPV", "AUC"), 10, Calibration.Strategy.UNIFORM, EvaluationOptions.defaults());
    }

    /** These settings with group columns. */
    public EvaluationSettings withGroups(List<String> columns) {
        return new EvaluationSettings(positive, threshold, thresholdValue, auc, subjectColumn, columns, groupMetrics, calibrationBins,
                calibration, options);
    }

    /** These settings with a subject column. */
    public EvaluationSettings withSubject(String column) {
        return new EvaluationSettings(positive, threshold, thresholdValue, auc, column, groupColumns, groupMetrics, calibrationBins,
                calibration, options);
    }

    /** These settings with another threshold rule. */
    public EvaluationSettings withThreshold(ThresholdRule rule, double value) {
        return new EvaluationSettings(positive, rule, value, auc, subjectColumn, groupColumns, groupMetrics, calibrationBins,
                calibration, options);
    }

    /** These settings with other options. */
    public EvaluationSettings withOptions(EvaluationOptions o) {
        return new EvaluationSettings(positive, threshold, thresholdValue, auc, subjectColumn, groupColumns, groupMetrics, calibrationBins,
                calibration, o);
    }

    /** These settings with another AUC interval. */
    public EvaluationSettings withAuc(AucInterval a) {
        return new EvaluationSettings(positive, threshold, thresholdValue, a, subjectColumn, groupColumns, groupMetrics, calibrationBins,
                calibration, options);
    }
}
