package org.gyrus.evaluate.nodes;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.gyrus.data.Predictions;
import org.gyrus.data.Report;
import org.gyrus.data.Table;
import org.gyrus.evaluate.AucInterval;
import org.gyrus.evaluate.BinaryEvaluation;
import org.gyrus.evaluate.BootstrapMethod;
import org.gyrus.evaluate.Calibration;
import org.gyrus.evaluate.EvaluationOptions;
import org.gyrus.evaluate.EvaluationSettings;
import org.gyrus.evaluate.EvaluationTables;
import org.gyrus.evaluate.FoldSummary;
import org.gyrus.evaluate.IntervalMethod;
import org.gyrus.evaluate.MulticlassEvaluation;
import org.gyrus.evaluate.ThresholdRule;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** Evaluates a predictions table: metrics with intervals, curves, calibration, per-group table, report. */
@Component(service = NodeType.class)
public final class EvaluateClassifierNode implements NodeType {

    /** Parameters. */
    public static final class Parameters {
        /** Positive class. */
        @Parameter(label = "Positive class", description = "The class evaluated against the rest; empty for the last probability column's class", required = false)
        public String positive = "";
        /** Threshold rule. */
        @Parameter(label = "Threshold", description = "fixed: the value below; youden: maximise sensitivity + specificity − 1; "
                + "sensitivity/specificity: reach the value below (chosen on these rows, so optimistic)",
                choices = {"fixed", "youden", "sensitivity", "specificity"})
        public String threshold = "fixed";
        /** Threshold value. */
        @Parameter(label = "Threshold value", description = "The threshold on the positive probability, or the sensitivity or specificity to reach", min = "0", max = "1")
        public double thresholdValue = 0.5;
        /** Confidence level. */
        @Parameter(label = "Confidence level", description = "Of every interval", min = "0.5", max = "0.999")
        public double level = 0.95;
        /** Proportion interval. */
        @Parameter(label = "Proportion interval", description = "Interval of sensitivity, specificity, PPV, NPV, accuracy, prevalence",
                choices = {"wilson", "clopper-pearson", "percentile", "bca"})
        public String proportionInterval = "wilson";
        /** Bootstrap interval. */
        @Parameter(label = "Bootstrap interval", description = "Interval of balanced accuracy, F1 and likelihood ratios", choices = {"bca", "percentile"})
        public String bootstrapInterval = "bca";
        /** AUC interval. */
        @Parameter(label = "AUC interval", description = "DeLong's, or the bootstrap", choices = {"delong", "bca", "percentile"})
        public String aucInterval = "delong";
        /** Resamples. */
        @Parameter(label = "Bootstrap resamples", description = "Number of bootstrap resamples (the seed is the node's)", min = "100", max = "100000")
        public int resamples = 2000;
        /** Stratified. */
        @Parameter(label = "Stratified bootstrap", description = "Resample positive and negative rows (or subjects) separately")
        public boolean stratified = true;
        /** Subject column. */
        @Parameter(label = "Subject column", description = "The column naming each row's subject: the bootstrap then resamples subjects, "
                + "not rows. auto: a column named subject, subject_id or participant_id when one repeats a subject; empty: rows are "
                + "independent", required = false)
        public String subject = "auto";
        /** Group columns. */
        @Parameter(label = "Group columns", description = "Comma-separated columns (site, sex, age band) for the per-group table", required = false)
        public String groups = "";
        /** Group metrics. */
        @Parameter(label = "Per-group metrics", description = "Comma-separated: sensitivity, specificity, PPV, NPV, accuracy, balanced accuracy, F1, prevalence, LR+, LR−, AUC")
        public String groupMetrics = "sensitivity, specificity, PPV, NPV, AUC";
        /** Calibration bins. */
        @Parameter(label = "Calibration bins", description = "Bins of the calibration curve", min = "2", max = "100")
        public int calibrationBins = 10;
        /** Fold column. */
        @Parameter(label = "Fold column", description = "For out-of-fold predictions (cross-validation): the column naming each row's "
                + "fold; when the table has it, the metrics of each fold and their mean ± sd are added", required = false)
        public String fold = "fold";
        /** Calibration strategy. */
        @Parameter(label = "Calibration bins placed", description = "uniform: equal width; quantile: equal counts", choices = {"uniform", "quantile"})
        public String calibrationStrategy = "uniform";
    }

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("org.gyrus.evaluate.classifier", "1.0.0")
            .name("Evaluate classifier")
            .category("Evaluation")
            .documentation("""
                    Evaluates a predictions table (docs/predictions-table.md: id, true label, proba_<class> columns): \
                    the confusion matrix at a threshold; sensitivity, specificity, PPV, NPV, accuracy, balanced accuracy, F1, \
                    prevalence and likelihood ratios, each with a confidence interval (Wilson or Clopper–Pearson for proportions, \
                    a seeded stratified bootstrap, percentile or BCa, for the others); the AUC with DeLong's or a bootstrap interval; \
                    ROC curve with a pointwise bootstrap band, precision–recall curve, calibration curve and Brier score, as scikit-learn 1.2. \
                    With group columns, the same metrics per level with n and prevalence, and a forest plot. With a subject column, \
                    the bootstrap resamples subjects, never rows one by one, and the report says so. More than two classes: \
                    the chosen class against the rest, plus the one-vs-rest table of every class with macro and weighted averages. \
                    An undefined metric (no positive case in a group, division by zero) is shown as undefined with its reason. \
                    Out-of-fold predictions (with a fold column, as the cross-validation node writes them) are evaluated \
                    pooled, and per fold: each metric's mean ± sd over the folds.""")
            .input("predictions", Table.class, "The predictions table, with true labels")
            .output("metrics", Table.class, "One row per metric: estimate, lower, upper, method, note")
            .output("groups", Table.class, "The per-group metrics, one row per group level and metric")
            .output("classes", Table.class, "One-vs-rest metrics of every class, and their macro and weighted averages")
            .output("roc", Table.class, "The ROC curve's points")
            .output("folds", Table.class, "Per-fold metrics with their mean and sd over the folds (no rows without a fold column)")
            .output("report", Report.class, "Text, tables, ROC/PR/calibration/confusion figures and the forest plot")
            .parameters(Parameters.class)
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void execute(NodeContext context) {
        Parameters p = context.parameters(Parameters.class);
        Table table = context.input("predictions", Table.class);
        p.subject = subjectColumn(p.subject, table);
        EvaluationSettings s = settings(p, context.seed(), context.threads());
        BinaryEvaluation e = BinaryEvaluation.of(table, s);
        context.progress(0.7);
        MulticlassEvaluation m = MulticlassEvaluation.of(table, s);
        Table classes = MulticlassTable.of(m);
        Report report = EvaluationTables.report(e, s);
        if (Predictions.of(table).classes().size() > 2) {
            report = report.withMetrics("One class against the rest", "classes", classes);
        }
        Table perFold = FoldSummary.table(List.of());
        String foldName = p.fold == null ? "" : p.fold.strip();
        if (!foldName.isEmpty() && table.find(foldName).isPresent()) {
            perFold = FoldSummary.table(FoldSummary.of(table, foldName, e.positive(), e.threshold()));
            report = report.withMetrics("Per-fold metrics (mean ± sd over the folds, threshold " + String.format(Locale.ROOT, "%.4g", e.threshold())
                    + "); the metrics above pool all out-of-fold rows", "per_fold", perFold);
        } else if (!foldName.isEmpty() && !foldName.equals("fold")) {
            throw new IllegalArgumentException("The fold column '" + foldName + "' is not in the predictions table; its columns are "
                    + table.columnNames());
        }
        context.output("folds", perFold);
        context.output("metrics", EvaluationTables.metrics(e));
        context.output("groups", EvaluationTables.groupValues(e.groups()));
        context.output("classes", classes);
        context.output("roc", EvaluationTables.roc(e));
        context.output("report", report);
        context.progress(1);
    }

    static EvaluationSettings settings(Parameters p, long seed, int threads) {
        EvaluationOptions o = new EvaluationOptions(p.level, IntervalMethod.valueOf(constant(p.proportionInterval)),
                BootstrapMethod.valueOf(constant(p.bootstrapInterval)), p.resamples, seed, p.stratified, threads);
        return new EvaluationSettings(p.positive, ThresholdRule.valueOf(constant(p.threshold)), p.thresholdValue,
                AucInterval.valueOf(constant(p.aucInterval)), p.subject, list(p.groups), list(p.groupMetrics), p.calibrationBins,
                Calibration.Strategy.valueOf(constant(p.calibrationStrategy)), o);
    }

    /** Column names taken to name each row's subject. */
    static final List<String> SUBJECT_COLUMNS = List.of("subject", "subject_id", "participant_id");

    /**
     * The subject column to use: the one named, or for "auto" the first of {@link #SUBJECT_COLUMNS}
     * that the table has and that names some subject twice (rows of one subject are not independent),
     * else none.
     */
    static String subjectColumn(String named, Table table) {
        String n = named == null ? "" : named.strip();
        if (!n.equalsIgnoreCase("auto")) {
            return n;
        }
        for (String name : SUBJECT_COLUMNS) {
            java.util.Optional<org.gyrus.data.Column> c = table.find(name);
            if (c.isPresent()) {
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (int i = 0; i < c.get().size(); i++) {
                    String v = c.get().format(i);
                    if (v != null && !seen.add(v)) {
                        return name;
                    }
                }
            }
        }
        return "";
    }

    static String constant(String choice) {
        return choice.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    }

    static List<String> list(String csv) {
        return csv == null ? List.of() : Arrays.stream(csv.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }
}
