package org.gyrus.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.gyrus.data.Column;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Report;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;

/**
 * Evaluations as tables and reports. Numeric cells that are undefined are missing, and the
 * {@code note} column of the same row says why.
 */
public final class EvaluationTables {

    private EvaluationTables() {
    }

    /** One row per estimate: metric, estimate, lower, upper, method, note. */
    public static Table estimates(List<Estimate> list) {
        int n = list.size();
        String[] metric = new String[n];
        double[] value = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        String[] method = new String[n];
        String[] note = new String[n];
        for (int i = 0; i < n; i++) {
            Estimate e = list.get(i);
            metric[i] = e.metric();
            value[i] = e.value();
            lo[i] = e.lower();
            hi[i] = e.upper();
            method[i] = e.method();
            note[i] = e.note();
        }
        return Table.of(new TextColumn("metric", ColumnRole.ID, metric), new NumericColumn("estimate", value), new NumericColumn("lower", lo),
                new NumericColumn("upper", hi), new TextColumn("method", method), new TextColumn("note", note));
    }

    /** The binary metrics, then AUC, average precision and Brier score. */
    public static Table metrics(BinaryEvaluation e) {
        List<Estimate> all = new ArrayList<>(e.metrics().estimates());
        all.add(e.auc());
        all.add(new Estimate("average precision", e.averagePrecision(), Double.NaN, Double.NaN, "", "no interval computed"));
        all.add(new Estimate("Brier score", e.brier(), Double.NaN, Double.NaN, "", "no interval computed"));
        return estimates(all);
    }

    /** The confusion matrix: rows the true class, columns the predicted class. */
    public static Table confusion(BinaryEvaluation e) {
        long[] k = e.metrics().counts();
        String neg = e.negatives().size() == 1 ? e.negatives().get(0) : "not " + e.positive();
        return Table.of(new TextColumn("true class", ColumnRole.ID, e.positive(), neg),
                new NumericColumn("predicted " + e.positive(), new double[] {k[BinaryMetric.TP], k[BinaryMetric.FP]}),
                new NumericColumn("predicted " + neg, new double[] {k[BinaryMetric.FN], k[BinaryMetric.TN]}));
    }

    /** The readable per-group table: group, level, n, prevalence, then "0.82 (0.75–0.88)" per metric. */
    public static Table groups(List<GroupTable.Row> rows, List<String> metrics) {
        int n = rows.size();
        String[] column = new String[n];
        String[] level = new String[n];
        double[] count = new double[n];
        String[] prevalence = new String[n];
        String[][] cells = new String[metrics.size()][n];
        for (int i = 0; i < n; i++) {
            GroupTable.Row r = rows.get(i);
            column[i] = r.column();
            level[i] = r.level();
            count[i] = r.n();
            prevalence[i] = r.n() == 0 ? "undefined: no rows" : String.format(Locale.ROOT, "%.3f", r.prevalence());
            for (int m = 0; m < metrics.size(); m++) {
                cells[m][i] = r.estimates().get(m).formatted();
            }
        }
        List<Column> cols = new ArrayList<>(List.of(new TextColumn("group", ColumnRole.GROUP, column), new TextColumn("level", level),
                new NumericColumn("n", count), new TextColumn("prevalence", prevalence)));
        for (int m = 0; m < metrics.size(); m++) {
            String name = rows.isEmpty() ? metrics.get(m) : rows.get(0).estimates().get(m).metric();
            cols.add(new TextColumn(name + " (CI)", cells[m]));
        }
        return new Table(cols);
    }

    /** The per-group table in long numeric form: one row per group level and metric. */
    public static Table groupValues(List<GroupTable.Row> rows) {
        List<String> group = new ArrayList<>();
        List<String> level = new ArrayList<>();
        List<Double> n = new ArrayList<>();
        List<Double> prev = new ArrayList<>();
        List<Estimate> est = new ArrayList<>();
        for (GroupTable.Row r : rows) {
            for (Estimate e : r.estimates()) {
                group.add(r.column());
                level.add(r.level());
                n.add((double) r.n());
                prev.add(r.prevalence());
                est.add(e);
            }
        }
        Table t = estimates(est);
        return Table.of(new TextColumn("group", ColumnRole.GROUP, group.toArray(String[]::new)), new TextColumn("level", level.toArray(String[]::new)),
                new NumericColumn("n", n.stream().mapToDouble(Double::doubleValue).toArray()),
                new NumericColumn("prevalence", prev.stream().mapToDouble(Double::doubleValue).toArray()),
                t.column("metric").withRole(ColumnRole.FEATURE), t.column("estimate"), t.column("lower"), t.column("upper"), t.column("method"),
                t.column("note"));
    }

    /** The ROC curve's points. */
    public static Table roc(BinaryEvaluation e) {
        return Table.of(new NumericColumn("threshold", e.roc().thresholds()), new NumericColumn("false_positive_rate", e.roc().fpr()),
                new NumericColumn("true_positive_rate", e.roc().tpr()));
    }

    /** What was evaluated and how, in words. */
    static String summary(BinaryEvaluation e, EvaluationSettings s) {
        EvaluationOptions o = s.options();
        StringBuilder sb = new StringBuilder();
        sb.append(e.rows()).append(" labelled rows; positive class '").append(e.positive()).append("' against ").append(e.negatives()).append(".\n");
        if (e.unlabelled() > 0) {
            sb.append(e.unlabelled()).append(" rows without a true label were left out.\n");
        }
        sb.append("Threshold: ").append(e.thresholdText()).append(".\n");
        sb.append(String.format(Locale.ROOT, "Confidence level %.0f %%. Proportions: %s; other metrics: %s; AUC: %s.%n", 100 * o.level(),
                label(o.proportions()), o.bootstrap().label(), s.auc() == AucInterval.DELONG ? "DeLong" : "bootstrap " + s.auc().name().toLowerCase(Locale.ROOT)));
        sb.append("Bootstrap: ").append(e.resampling()).append(".\n");
        if (e.subjectColumn() != null) {
            sb.append("Subjects (column '").append(e.subjectColumn())
                    .append("') are resampled whole, never their rows one by one, so rows of one subject never count as independent evidence.\n");
        } else {
            sb.append("No subject column was given: rows are assumed to come from distinct subjects. If a subject has several rows, "
                    + "name its column (parameter 'subject') so that the bootstrap resamples subjects.\n");
        }
        return sb.toString();
    }

    private static String label(IntervalMethod m) {
        return m.binomial() != null ? m.binomial().label() : m.bootstrap().label();
    }

    /** The whole evaluation as a report: text, tables and figures. */
    public static Report report(BinaryEvaluation e, EvaluationSettings s) {
        Report r = Report.empty().withText("Evaluation of " + e.positive(), summary(e, s))
                .withMetrics("Metrics with " + Math.round(100 * e.level()) + " % confidence intervals", "metrics", metrics(e))
                .withMetrics("Confusion matrix", "confusion", confusion(e));
        r = Figures.withFigure(r, "ROC curve", "roc", "ROC curve with its pointwise bootstrap band; the diamond marks the threshold", Figures.roc(e));
        r = Figures.withFigure(r, "Precision–recall curve", "precision_recall", "Precision against recall; dashed: the prevalence",
                Figures.precisionRecall(e));
        r = Figures.withFigure(r, "Calibration", "calibration", "Observed share of positives per bin of predicted probability ("
                + s.calibration().name().toLowerCase(Locale.ROOT) + " bins)", Figures.calibration(e));
        r = Figures.withFigure(r, "Confusion matrix", "confusion_matrix", "Counts of rows by true and predicted class", Figures.confusion(e));
        if (!e.groups().isEmpty()) {
            r = r.withMetrics("Per-group metrics", "per_group", groups(e.groups(), s.groupMetrics()))
                    .withMetrics("Per-group metrics (values)", "per_group_values", groupValues(e.groups()));
            r = Figures.withFigure(r, "Forest plot", "forest", "Per-group estimates with their confidence intervals",
                    Figures.forest(e.groups(), s.groupMetrics()));
        }
        return r;
    }
}
