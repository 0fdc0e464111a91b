package org.gyrus.evaluate;

import java.util.ArrayList;
import java.util.List;

import org.gyrus.data.Table;

/**
 * A classifier of more than two classes, one class against the rest: per class the AUC of its
 * probability and the recall, precision and F1 of the predicted class, with intervals; their
 * macro averages (plain mean over classes) and weighted averages (weighted by each class's number
 * of rows), as scikit-learn's {@code roc_auc_score(multi_class="ovr")} and
 * {@code precision_recall_fscore_support}; and the accuracy.
 *
 * @param classes   the class names
 * @param perClass  per class, in order: its estimates (AUC, sensitivity, PPV, F1)
 * @param support   rows of each class
 * @param macro     macro averages (AUC, sensitivity, PPV, F1); undefined when a class's value is
 * @param weighted  weighted averages, likewise
 * @param accuracy  the share of rows whose predicted class is the true one
 * @param rows      labelled rows evaluated
 */
public record MulticlassEvaluation(List<String> classes, List<List<Estimate>> perClass, int[] support, List<Estimate> macro,
        List<Estimate> weighted, Estimate accuracy, int rows) {

    /** The names of the per-class metrics, in order. */
    public static final List<String> METRICS = List.of("AUC", "sensitivity", "PPV", "F1");

    /** Evaluates a predictions table one class against the rest. */
    public static MulticlassEvaluation of(Table table, EvaluationSettings s) {
        LabelledScores data = LabelledScores.of(table, s.subjectColumn());
        EvaluationOptions o = s.options();
        int k = data.classes().size();
        int n = data.size();
        int[] support = new int[k];
        for (int c : data.label) {
            support[c]++;
        }
        List<List<Estimate>> per = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            boolean[] label = data.is(c);
            boolean[] predicted = new boolean[n];
            for (int i = 0; i < n; i++) {
                predicted[i] = data.predicted[i] == c;
            }
            BinaryMetrics.Result r = BinaryMetrics.compute(label, predicted, data.subjects, o);
            per.add(List.of(s.auc().estimate(label, data.probability[c], data.subjects, o), r.get(BinaryMetric.SENSITIVITY),
                    r.get(BinaryMetric.PPV), r.get(BinaryMetric.F1)));
        }
        List<Estimate> macro = new ArrayList<>();
        List<Estimate> weighted = new ArrayList<>();
        for (int m = 0; m < METRICS.size(); m++) {
            macro.add(average(METRICS.get(m), per, m, null, data.classes()));
            weighted.add(average(METRICS.get(m), per, m, support, data.classes()));
        }
        int correct = 0;
        for (int i = 0; i < n; i++) {
            correct += data.predicted[i] == data.label[i] ? 1 : 0;
        }
        return new MulticlassEvaluation(data.classes(), per, support, macro, weighted, accuracy(data, correct, o), n);
    }

    /**
     * The accuracy with a binomial interval, or, when rows repeat subjects, an unstratified
     * bootstrap over subjects (the share of correct rows as the "PPV" of predicting every row right).
     */
    private static Estimate accuracy(LabelledScores data, int correct, EvaluationOptions o) {
        int n = data.size();
        boolean[] right = new boolean[n];
        for (int i = 0; i < n; i++) {
            right[i] = data.predicted[i] == data.label[i];
        }
        boolean repeated = data.subjects != null && java.util.Arrays.stream(data.subjects).distinct().count() < n;
        if (repeated) {
            boolean[] all = new boolean[n];
            java.util.Arrays.fill(all, true);
            // Unstratified: strata by "right" would hold the accuracy itself fixed.
            EvaluationOptions free = new EvaluationOptions(o.level(), o.proportions(), o.bootstrap(), o.resamples(), o.seed(), false, o.threads());
            Estimate e = BinaryMetrics.compute(right, all, data.subjects, free).get(BinaryMetric.PPV);
            return new Estimate("accuracy", e.value(), e.lower(), e.upper(), e.method(), e.note());
        }
        ProportionInterval pi = o.proportions().binomial() == null ? ProportionInterval.WILSON : o.proportions().binomial();
        double[] ci = pi.interval(correct, n, o.level());
        return new Estimate("accuracy", (double) correct / n, ci[0], ci[1], pi.label(), "");
    }

    private static Estimate average(String metric, List<List<Estimate>> per, int m, int[] weights, List<String> classes) {
        String name = (weights == null ? "macro " : "weighted ") + metric;
        double sum = 0;
        double total = 0;
        for (int c = 0; c < per.size(); c++) {
            Estimate e = per.get(c).get(m);
            if (!e.isDefined()) {
                return Estimate.undefined(name, "undefined for class '" + classes.get(c) + "'");
            }
            double w = weights == null ? 1 : weights[c];
            sum += w * e.value();
            total += w;
        }
        return new Estimate(name, sum / total, Double.NaN, Double.NaN, "",
                "no interval for averages; see the per-class intervals");
    }
}
