package org.gyrus.reduce.nodes;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.gyrus.data.Chart;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.FeatureSpec;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.ModelSpec;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Report;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.gyrus.data.Volume;
import org.gyrus.data.VolumeSet;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.gyrus.pipeline.SpecContext;
import org.gyrus.reduce.Pca;
import org.gyrus.reduce.PcaModel;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** Fits a {@link Pca}: the model, the training scores, a report, and with a mask the axes as volumes. */
@Component(service = NodeType.class)
public final class PcaFitNode implements NodeType {

    /** The node type id; the fitted model's kind. */
    public static final String ID = "org.gyrus.reduce.pca";

    /** Parameters. */
    public static final class Parameters {
        /** Components. */
        @Parameter(label = "Components", description = "How many components to keep; 0 keeps enough to explain 'Variance fraction'",
                min = "0", max = "100000")
        public int components = 2;
        /** Variance fraction. */
        @Parameter(label = "Variance fraction", description = "With 0 components: keep the fewest components explaining more "
                + "than this fraction of the variance (full solver)", min = "0.000001", max = "0.999999")
        public double varianceFraction = 0.95;
        /** Solver. */
        @Parameter(label = "Solver", description = "full: exact eigendecomposition in double precision; randomized: Halko et al. "
                + "with power iterations; auto: scikit-learn's choice", choices = {"auto", "full", "randomized"})
        public String solver = "auto";
        /** Whitening. */
        @Parameter(label = "Whiten", description = "Scale the scores to unit variance")
        public boolean whiten = false;
        /** Power iterations. */
        @Parameter(label = "Power iterations", description = "Randomized solver: power iterations, -1 for automatic (7 or 4)",
                min = "-1", max = "100")
        public int powerIterations = -1;
        /** Oversampling. */
        @Parameter(label = "Oversampling", description = "Randomized solver: extra random directions", min = "0", max = "1000")
        public int oversamples = 10;
    }

    private static final NodeDescriptor DESCRIPTOR = NodeSupport.samplesInputs(NodeDescriptor.builder(ID, "1.0.0")
                    .name("PCA (fit)")
                    .category(NodeSupport.CATEGORY)
                    .documentation("""
                            Principal component analysis as scikit-learn 1.2's PCA: centres the features and keeps the \
                            leading principal axes, with scikit-learn's sign convention (svd_flip), explained variance \
                            S²/(n−1) and its ratio, noise variance and optional whitening. The full solver \
                            eigendecomposes the covariance (or Gram) matrix in double precision; the randomized solver \
                            is Halko et al.'s range finder with normalised power iterations, in single precision as \
                            scikit-learn's on float32 data (seeded by the node seed). Scores are single precision. \
                            Checked against scikit-learn on the penguins table. Missing values must be imputed first."""))
            .optionalInput("labels", Table.class, NodeSupport.LABELS_HELP)
            .optionalInput("mask", Volume.class, "Optional: the mask the features were taken through; the axes then also come out as volumes")
            .output("model", ModelArtifact.class, "The fitted PCA")
            .output("scores", FeatureMatrix.class, "The training samples' scores PC1..PCk")
            .output("latent", Table.class, "The scores as a table (id, PC1..PCk, and label when 'labels' is connected)")
            .output("axes", VolumeSet.class, "The principal axes as volumes through the mask (PC1..PCk); empty without a mask")
            .output("report", Report.class, "Explained variance table, scree plot and scatter of the first two components")
            .parameters(Parameters.class)
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void configure(SpecContext context) {
        Parameters p = context.parameters(Parameters.class);
        Optional<FeatureSpec> x = NodeSupport.samples(context);
        if (p.components > 0 && x.flatMap(FeatureSpec::width).filter(d -> p.components > d).isPresent()) {
            context.problem("parameters.components", p.components + " components asked of " + x.get().width().orElseThrow()
                    + " features; at most as many components as features (and samples) exist");
            return;
        }
        Map<String, Object> details = p.components > 0 ? Map.of("components", p.components) : Map.of();
        context.output("model", new ModelSpec(ID, x.map(FeatureSpec::names).orElse(null), details));
        FeatureSpec scores = p.components > 0 ? FeatureSpec.numbered("PC", p.components) : FeatureSpec.unknownFeatures();
        context.output("scores", scores);
        context.output("latent", NodeSupport.latentSpec(context, scores));
        context.output("axes", NodeSupport.volumesSpec(context));
    }

    @Override
    public void execute(NodeContext context) {
        Parameters p = context.parameters(Parameters.class);
        FeatureMatrix x = NodeSupport.samples(context, "PCA");
        Pca pca = p.components > 0 ? Pca.components(p.components) : Pca.varianceFraction(p.varianceFraction);
        pca = pca.solver(Pca.Solver.valueOf(p.solver.toUpperCase(Locale.ROOT))).whiten(p.whiten).seed(context.seed())
                .randomized(p.oversamples, p.powerIterations).threads(context.threads());
        Pca.Fit fit = pca.fitTransform(x.values(), x.rows(), x.cols());
        PcaModel model = fit.model();
        int k = model.components();
        FeatureMatrix scores = NodeSupport.matrix(fit.scores(), x.rowIds(), "PC", k);
        FiniteSamples.checkResult(scores, "PCA");
        Map<String, String> labels = NodeSupport.labelsById(context.optionalInput("labels", Table.class));
        Optional<Volume> mask = context.optionalInput("mask", Volume.class);
        context.output("model", model.toArtifact(ID, x.featureNames()));
        context.output("scores", scores);
        context.output("latent", NodeSupport.latentTable(scores, labels));
        float[] axes = new float[k * model.features()];
        double[] a = model.axes();
        for (int i = 0; i < axes.length; i++) {
            axes[i] = (float) a[i];
        }
        context.output("axes", NodeSupport.volumes(mask, new FeatureMatrix(axes, scores.featureNames(), x.featureNames())));
        context.output("report", report(model, scores, labels));
        context.progress(1);
    }

    static Report report(PcaModel model, FeatureMatrix scores, Map<String, String> labels) {
        int k = model.components();
        String[] names = scores.featureNames().toArray(String[]::new);
        double[] ratio = model.explainedVarianceRatio();
        double[] cumulative = new double[k];
        double[] index = new double[k];
        for (int j = 0; j < k; j++) {
            cumulative[j] = ratio[j] + (j > 0 ? cumulative[j - 1] : 0);
            index[j] = j + 1;
        }
        Table table = Table.of(new TextColumn("component", ColumnRole.ID, names),
                NumericColumn.wrap("explained_variance", ColumnRole.FEATURE, model.explainedVariance()),
                NumericColumn.wrap("explained_variance_ratio", ColumnRole.FEATURE, ratio),
                NumericColumn.wrap("cumulative_ratio", ColumnRole.FEATURE, cumulative),
                NumericColumn.wrap("singular_value", ColumnRole.FEATURE, model.singularValues()));
        Chart scree = new Chart("Explained variance", "component", "fraction of variance").line("per component", index, ratio)
                .line("cumulative", index, cumulative);
        Report r = Report.empty()
                .withText("PCA", String.format(Locale.ROOT, "%d components of %d features (%s solver%s) explain %.4f of the variance of %d samples.",
                        k, model.features(), model.solver(), model.whitened() ? ", whitened" : "", cumulative[k - 1], model.samples()))
                .withMetrics("PCA explained variance", "pca_explained_variance", table)
                .withFigure("PCA scree plot", "pca_scree", "Explained variance ratio per component and cumulative", scree);
        return r.withFigure("PCA scores", "pca_scatter", "The first two principal components of the training samples",
                NodeSupport.scatter("PCA scores", scores, labels));
    }
}
