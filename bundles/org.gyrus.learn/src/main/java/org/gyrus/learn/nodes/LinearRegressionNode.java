package org.gyrus.learn.nodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.gyrus.data.Column;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Report;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.gyrus.learn.LinearModel;
import org.gyrus.learn.LinearRegression;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** Fits a {@link LinearRegression} (ordinary least squares or ridge). */
@Component(service = NodeType.class)
public final class LinearRegressionNode implements NodeType {

    /** Parameters. */
    public static final class Parameters {
        /** Ridge strength. */
        @Parameter(label = "Alpha (ridge)", description = "0: ordinary least squares (LinearRegression); > 0: ridge regression (Ridge)",
                min = "0", max = "1000000000000")
        public double alpha = 0;
        /** Intercept. */
        @Parameter(label = "Fit intercept", description = "Fit an intercept (not penalised)")
        public boolean fitIntercept = true;
    }

    private static final NodeDescriptor DESCRIPTOR = Samples.inputs(NodeDescriptor.builder(LinearModel.KIND, "1.0.0")
                    .name("Linear / ridge regression (fit)")
                    .category(NodeSupport.CATEGORY)
                    .documentation("""
                            Least squares in closed form, as scikit-learn 1.2's LinearRegression (alpha 0; the least-norm \
                            solution when features are collinear) and Ridge(alpha) with the Cholesky solver; with an \
                            intercept the features and target are centred first. The target is the numeric label column. \
                            Checked against scikit-learn on the penguins table."""), Samples.LABELS_HELP)
            .output("model", ModelArtifact.class, "The fitted model, for the 'predict' node")
            .output("report", Report.class, "Coefficients and the training R²")
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
        Column label = s.requireLabel();
        if (!(label instanceof NumericColumn y)) {
            throw new IllegalArgumentException("The target '" + label.name() + "' is not numeric: linear regression predicts numbers "
                    + "(use logistic regression for classes)");
        }
        double[] target = y.toArray();
        LinearModel model = new LinearRegression(p.alpha, p.fitIntercept).fit(s.x(), s.n(), s.p(), target, s.features(), label.name());
        double[] fitted = model.predict(s.x(), s.n());
        String r2 = NodeSupport.r2(target, fitted);
        List<String> terms = new ArrayList<>(s.features());
        terms.add("(intercept)");
        double[] coef = java.util.Arrays.copyOf(model.coef(), s.p() + 1);
        coef[s.p()] = model.intercept();
        context.output("model", NodeSupport.recorded(model.toArtifact(), context, s));
        context.output("report", Report.empty()
                .withText("Linear regression", String.format(Locale.ROOT, "%s of '%s' on %d features from %d samples; training R² %s.",
                        p.alpha > 0 ? "Ridge regression (alpha " + p.alpha + ")" : "Ordinary least squares", label.name(), s.p(), s.n(), r2))
                .withMetrics("Linear regression coefficients", "linear_coefficients",
                        Table.of(new TextColumn("term", ColumnRole.ID, terms.toArray(String[]::new)),
                                NumericColumn.wrap("coef", ColumnRole.FEATURE, coef))));
        context.progress(1);
    }
}
