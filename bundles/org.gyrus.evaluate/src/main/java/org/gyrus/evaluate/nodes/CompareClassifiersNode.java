package org.gyrus.evaluate.nodes;

import java.util.Locale;

import org.gyrus.data.Report;
import org.gyrus.data.Table;
import org.gyrus.evaluate.PairedComparison;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** Compares two classifiers on the same subjects: DeLong's test of the AUCs, McNemar's of the accuracies. */
@Component(service = NodeType.class)
public final class CompareClassifiersNode implements NodeType {

    /** Parameters. */
    public static final class Parameters {
        /** Positive class. */
        @Parameter(label = "Positive class", description = "The class whose probability is compared; empty for the last class", required = false)
        public String positive = "";
        /** Threshold. */
        @Parameter(label = "Threshold", description = "McNemar's test compares the predictions at P(positive) ≥ this value", min = "0", max = "1")
        public double threshold = 0.5;
        /** Level. */
        @Parameter(label = "Confidence level", description = "Of the interval of the AUC difference", min = "0.5", max = "0.999")
        public double level = 0.95;
    }

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("org.gyrus.evaluate.compare", "1.0.0")
            .name("Compare classifiers (paired)")
            .category("Evaluation")
            .documentation("""
                    Compares two predictions tables of the same subjects (matched by id, or by position without ids; their true \
                    labels must agree): DeLong's test of the two correlated AUCs (as R's pROC roc.test, paired) with the interval \
                    of the difference, and McNemar's test of the accuracies at a threshold (exact binomial and continuity-corrected \
                    χ², as statsmodels).""")
            .input("first", Table.class, "The first model's predictions table")
            .input("second", Table.class, "The second model's predictions table, of the same subjects")
            .output("comparison", Table.class, "AUCs, their difference, DeLong's z and p, accuracies, McNemar's counts and p-values")
            .output("report", Report.class, "The comparison table with a sentence")
            .parameters(Parameters.class)
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void execute(NodeContext context) {
        Parameters p = context.parameters(Parameters.class);
        PairedComparison c = PairedComparison.of(context.input("first", Table.class), context.input("second", Table.class), p.positive,
                p.threshold, p.level);
        Table t = c.table();
        String text = String.format(Locale.ROOT, "%d subjects; positive class '%s'. AUC %.3f vs %.3f, difference %.3f (%.0f %% CI %.3f to %.3f), "
                + "DeLong p = %.3g. Accuracy at %.3g: %.3f vs %.3f, McNemar exact p = %.3g (b = %d, c = %d).", c.rows(), c.positive(),
                c.delong().auc1(), c.delong().auc2(), c.delong().difference(), 100 * p.level, c.delong().lower(), c.delong().upper(),
                c.delong().p(), c.threshold(), c.accuracy1(), c.accuracy2(), c.mcnemar().exactP(), c.mcnemar().b(), c.mcnemar().c());
        context.output("comparison", t);
        context.output("report", Report.empty().withText("Paired comparison of two classifiers", text).withMetrics("Paired comparison", "comparison", t));
        context.progress(1);
    }
}
