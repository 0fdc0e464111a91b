package org.gyrus.learn.nodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.gyrus.data.ColumnRole;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Report;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.gyrus.learn.ClassWeights;
import org.gyrus.learn.Labels;
import org.gyrus.learn.LogisticModel;
import org.gyrus.learn.LogisticRegression;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** Fits a {@link LogisticRegression}: the model, the training predictions and a report. */
@Component(service = NodeType.class)
public final class LogisticRegressionNode implements NodeType {

    /** Parameters. */
    public static final class Parameters {
        /** Penalty. */
        @Parameter(label = "Penalty", description = "l2: add 0.5/C times the squared coefficients to the loss; none: no penalty "
                + "(C is ignored; separable classes then have no solution)", choices = {"l2", "none"})
        public String penalty = "l2";
        /** C. */
        @Parameter(label = "C", description = "Inverse regularisation strength: smaller is stronger", min = "0.000000000001", max = "1000000000000")
        public double c = 1.0;
        /** Class weights. */
        @Parameter(label = "Class weights", description = "none; balanced (n / (classes · n_class)); or explicit, e.g. 'benign=1, malignant=3'",
                required = false)
        public String classWeight = "none";
        /** Intercept. */
        @Parameter(label = "Fit intercept", description = "Fit an intercept (not penalised)")
        public boolean fitIntercept = true;
        /** Tolerance. */
        @Parameter(label = "Tolerance", description = "Stop when the largest absolute gradient entry is at most this", min = "0", max = "1")
        public double tol = 1e-4;
        /** Iterations. */
        @Parameter(label = "Maximum iterations", description = "L-BFGS iterations before giving up (with a warning)", min = "1", max = "1000000")
        public int maxIter = 100;
    }

    private static final NodeDescriptor DESCRIPTOR = Samples.inputs(NodeDescriptor.builder(LogisticModel.KIND, "1.0.0")
                    .name("Logistic regression (fit)")
                    .category(NodeSupport.CATEGORY)
                    .documentation("""
                            Logistic regression as scikit-learn 1.2's LogisticRegression(solver='lbfgs'): minimises the \
                            (class-)weighted sum of log-losses plus 0.5/C times the squared coefficients (the intercept is \
                            not penalised), or no penalty. Two classes give one coefficient vector; more give one per class \
                            (multinomial, soft-max). Classes are the distinct labels in sorted order. The L-BFGS solver stops as \
                            scikit-learn's does (largest absolute gradient ≤ tolerance, or a relative reduction of the loss \
                            ≤ 2.2e-9, or the iteration limit — then with a warning in the log and the report). Standardise the \
                            features first. Checked against scikit-learn on the breast-cancer and penguins tables. Missing \
                            values must be imputed first."""), Samples.LABELS_HELP)
            .output("model", ModelArtifact.class, "The fitted model, for the 'predict' node")
            .output("predictions", Table.class, "Predictions on the training samples, in the predictions-table layout")
            .output("report", Report.class, "Coefficients and how the fit went")
            .parameters(Parameters.class)
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void execute(NodeContext context) {
        Parameters p = context.parameters(Parameters.class);
        Samples s = Samples.read(context);
        Labels labels = Labels.of(s.requireLabel(), null, r -> s.ids().get(r));
        LogisticRegression lr = LogisticRegression.defaults()
                .penalty(p.penalty.equals("none") ? LogisticRegression.Penalty.NONE : LogisticRegression.Penalty.L2)
                .c(p.c).classWeights(ClassWeights.parse(p.classWeight)).fitIntercept(p.fitIntercept).tol(p.tol).maxIter(p.maxIter);
        // Throws the context's CancellationException, which names the node.
        LogisticModel model = lr.fit(s.x(), s.n(), s.p(), labels, s.features(), () -> {
            context.checkCancelled();
            return false;
        });
        LogisticModel.Fit fit = model.fit();
        String outcome = String.format(Locale.ROOT, "%s classes %s from %d samples × %d features; L-BFGS %s after %d iterations (%s); "
                        + "objective %.10g, largest |gradient| %.3g.", model.classes().size() == 2 ? "Binary" : "Multinomial",
                model.classes(), s.n(), s.p(), fit.converged() ? "converged" : "did NOT converge", fit.iterations(), fit.message(),
                fit.objective(), fit.maxGradient());
        if (!fit.converged()) {
            context.logger().log(System.Logger.Level.WARNING, "Logistic regression (node '" + context.nodeId() + "'): lbfgs failed to "
                    + "converge (" + fit.message() + "). Increase 'Maximum iterations' or standardise the features.");
            outcome += " WARNING: not converged; increase 'Maximum iterations' or standardise the features.";
        }
        context.output("model", NodeSupport.recorded(model.toArtifact(), context, s));
        context.output("predictions", NodeSupport.predictions(model, s));
        context.output("report", Report.empty().withText("Logistic regression", outcome)
                .withMetrics("Logistic regression coefficients", "logistic_coefficients", coefficients(model)));
        context.progress(1);
    }

    /** One row per feature (and the intercept), one column per output. */
    static Table coefficients(LogisticModel m) {
        int p = m.featureNames().size();
        double[] coef = m.coef();
        double[] intercept = m.intercept();
        int outputs = intercept.length;
        List<String> terms = new ArrayList<>(m.featureNames());
        terms.add("(intercept)");
        List<org.gyrus.data.Column> cols = new ArrayList<>();
        cols.add(new TextColumn("term", ColumnRole.ID, terms.toArray(String[]::new)));
        for (int o = 0; o < outputs; o++) {
            double[] v = new double[p + 1];
            for (int j = 0; j < p; j++) {
                v[j] = coef[o * p + j];
            }
            v[p] = intercept[o];
            String name = outputs == 1 ? "coef_" + m.classes().get(1) : "coef_" + m.classes().get(o);
            cols.add(NumericColumn.wrap(name, ColumnRole.FEATURE, v));
        }
        return new Table(cols);
    }
}
