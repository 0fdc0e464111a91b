package org.gyrus.reduce.nodes;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.gyrus.data.Chart;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.ColumnSpec;
import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.FeatureSpec;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.ModelSpec;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Report;
import org.gyrus.data.Table;
import org.gyrus.data.TableSpec;
import org.gyrus.data.Volume;
import org.gyrus.data.VolumeSet;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.gyrus.pipeline.SpecContext;
import org.gyrus.reduce.Autoencoder;
import org.gyrus.reduce.AutoencoderModel;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** Trains an {@link Autoencoder}: the model, the training codes, the training curve and a report. */
@Component(service = NodeType.class)
public final class AutoencoderFitNode implements NodeType {

    /** The node type id; the trained model's kind. */
    public static final String ID = "org.gyrus.reduce.autoencoder";

    /** Parameters. */
    public static final class Parameters {
        /** Encoder widths. */
        @Parameter(label = "Layers", description = "Encoder widths, the last one the code size: 128,16 makes features → 128 → 16 → 128 → features")
        public int[] layers = {64, 2};
        /** Hidden activation. */
        @Parameter(label = "Activation", description = "Activation of the hidden layers",
                choices = {"relu", "leaky_relu", "elu", "gelu", "silu", "tanh", "sigmoid", "softplus", "linear"})
        public String activation = "relu";
        /** Code activation. */
        @Parameter(label = "Code activation", description = "Activation of the code layer",
                choices = {"linear", "relu", "leaky_relu", "elu", "gelu", "silu", "tanh", "sigmoid", "softplus"})
        public String codeActivation = "linear";
        /** Output activation. */
        @Parameter(label = "Output activation", description = "Activation of the output layer: sigmoid for data in [0, 1], linear for standardised data",
                choices = {"linear", "sigmoid", "tanh", "relu", "softplus"})
        public String outputActivation = "linear";
        /** Purely linear. */
        @Parameter(label = "Purely linear", description = "No activation anywhere (overrides the three above): learns PCA's principal subspace")
        public boolean linear = false;
        /** Dropout. */
        @Parameter(label = "Dropout", description = "Dropout probability after every hidden activation", min = "0", max = "0.95")
        public double dropout = 0;
        /** Noise type. */
        @Parameter(label = "Input noise", description = "Denoising: corrupt the inputs while training (gaussian: add N(0, level²); masking: zero with probability level)",
                choices = {"none", "gaussian", "masking"})
        public String noise = "none";
        /** Noise level. */
        @Parameter(label = "Noise level", description = "Standard deviation (gaussian) or probability (masking) of the input corruption", min = "0", max = "10")
        public double noiseLevel = 0.1;
        /** Sparsity. */
        @Parameter(label = "Sparsity (L1)", description = "Weight of the L1 penalty on the code (mean over samples of the sum of |code|)", min = "0", max = "100")
        public double sparsity = 0;
        /** Epochs. */
        @Parameter(label = "Epochs", description = "Passes over the training samples", min = "1", max = "100000")
        public int epochs = 100;
        /** Batch size. */
        @Parameter(label = "Batch size", description = "Samples per optimisation step", min = "1", max = "100000")
        public int batchSize = 32;
        /** Optimiser. */
        @Parameter(label = "Optimizer", description = "adam, adamw (weight decay 0.01) or sgd (momentum 0.9)", choices = {"adam", "adamw", "sgd"})
        public String optimizer = "adam";
        /** Learning rate. */
        @Parameter(label = "Learning rate", min = "0.0000001", max = "10")
        public double learningRate = 1e-3;
        /** Validation fraction. */
        @Parameter(label = "Validation fraction", description = "Share of the samples held out to monitor the loss", min = "0", max = "0.9")
        public double validationFraction = 0.1;
        /** Early stopping. */
        @Parameter(label = "Early-stopping patience", description = "Stop after this many epochs without improvement and keep the best weights; 0: never",
                min = "0", max = "100000")
        public int patience = 0;
        /** Seed. */
        @Parameter(label = "Seed", description = "Seed of the weights, split, batches, dropout and noise; -1: the pipeline's seed for this node")
        public long seed = -1;
    }

    private static final NodeDescriptor DESCRIPTOR = NodeSupport.samplesInputs(NodeDescriptor.builder(ID, "1.0.0")
                    .name("Autoencoder (fit)")
                    .category(NodeSupport.CATEGORY)
                    .documentation("""
                            Trains a dense autoencoder with the mean squared reconstruction error: the encoder maps \
                            the features through the hidden layers to the code, the decoder mirrors it back. \
                            Regularisers: dropout after every hidden activation, denoising (Gaussian or masking input \
                            noise while training), an L1 penalty on the code (sparse autoencoder). The purely linear \
                            variant learns the same subspace as PCA. Mini-batches are shuffled with the seed; a \
                            validation fraction monitors the loss on clean inputs and drives early stopping. Outputs \
                            the model (PyTorch-named weights), the training codes, the loss per epoch and a report \
                            with the training curve. Missing values must be imputed first."""))
            .optionalInput("labels", Table.class, NodeSupport.LABELS_HELP)
            .optionalInput("mask", Volume.class, "Optional: the mask the features were taken through; latent maps then come out as volumes")
            .output("model", ModelArtifact.class, "The trained autoencoder")
            .output("codes", FeatureMatrix.class, "The training samples' codes z1..zk")
            .output("latent", Table.class, "The codes as a table (id, z1..zk, and label when 'labels' is connected)")
            .output("curve", Table.class, "Loss per epoch: epoch, train_loss, validation_loss")
            .output("maps", VolumeSet.class, "Latent maps through the mask: the change of the decoded image for +1 standard deviation "
                    + "of each code unit from the mean code (z1..zk); empty without a mask")
            .output("report", Report.class, "Training curve figure and numbers, scatter of the first two code units")
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
        if (p.layers.length == 0) {
            return; // the run says what is wrong
        }
        int code = p.layers[p.layers.length - 1];
        context.output("model", new ModelSpec(ID, x.map(FeatureSpec::names).orElse(null), Map.of("code", code)));
        FeatureSpec codes = FeatureSpec.numbered("z", code);
        context.output("codes", codes);
        context.output("latent", NodeSupport.latentSpec(context, codes));
        context.output("curve", TableSpec.of(new ColumnSpec("epoch", ColumnSpec.Kind.NUMERIC, ColumnRole.ID),
                new ColumnSpec("train_loss", ColumnSpec.Kind.NUMERIC, ColumnRole.FEATURE),
                new ColumnSpec("validation_loss", ColumnSpec.Kind.NUMERIC, ColumnRole.FEATURE)));
        context.output("maps", NodeSupport.volumesSpec(context));
    }

    @Override
    public void execute(NodeContext context) {
        Parameters p = context.parameters(Parameters.class);
        FeatureMatrix x = NodeSupport.samples(context, "Autoencoder");
        Autoencoder ae = Autoencoder.withLayers(p.layers)
                .activations(p.activation, p.codeActivation, p.outputActivation)
                .dropout(p.dropout)
                .noise(Autoencoder.Noise.valueOf(p.noise.toUpperCase(Locale.ROOT)), p.noiseLevel)
                .sparsity(p.sparsity)
                .training(p.epochs, p.batchSize)
                .optimizer(p.optimizer, p.learningRate)
                .validation(p.validationFraction, p.patience)
                .seed(p.seed == -1 ? context.seed() : p.seed);
        if (p.linear) {
            ae = ae.linear();
        }
        Autoencoder.Fit fit = ae.fit(x.values(), x.rows(), x.cols(), epoch -> {
            context.progress(0.95 * epoch / p.epochs);
            return !context.isCancelled();
        });
        context.checkCancelled();
        AutoencoderModel model = fit.model();
        FeatureMatrix codes = NodeSupport.matrix(model.encode(x.values(), x.rows()), x.rowIds(), "z", model.codeSize());
        FiniteSamples.checkResult(codes, "Autoencoder");
        Map<String, String> labels = NodeSupport.labelsById(context.optionalInput("labels", Table.class));
        Optional<Volume> mask = context.optionalInput("mask", Volume.class);
        Table curve = curveTable(fit.curve());
        context.output("model", model.toArtifact(ID, x.featureNames()));
        context.output("codes", codes);
        context.output("latent", NodeSupport.latentTable(codes, labels));
        context.output("curve", curve);
        context.output("maps", NodeSupport.volumes(mask, latentMaps(model, codes, x.featureNames())));
        context.output("report", report(ae, x, fit.curve(), curve, codes, labels));
        context.progress(1);
    }

    static Table curveTable(Autoencoder.Curve c) {
        int n = c.trainLoss().length;
        double[] epoch = new double[n];
        double[] val = new double[n];
        for (int i = 0; i < n; i++) {
            epoch[i] = i + 1;
            val[i] = i < c.validationLoss().length ? c.validationLoss()[i] : Double.NaN;
        }
        return Table.of(NumericColumn.wrap("epoch", ColumnRole.ID, epoch), NumericColumn.wrap("train_loss", ColumnRole.FEATURE, c.trainLoss().clone()),
                NumericColumn.wrap("validation_loss", ColumnRole.FEATURE, val));
    }

    /** Decoded(mean code + sd_j e_j) − decoded(mean code), one row per code unit, columns named as the features. */
    static FeatureMatrix latentMaps(AutoencoderModel model, FeatureMatrix codes, List<String> featureNames) {
        int k = model.codeSize();
        int n = codes.rows();
        float[] z = codes.values();
        double[] mean = new double[k];
        double[] sd = new double[k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                mean[j] += z[i * k + j] / (double) n;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                sd[j] += Math.pow(z[i * k + j] - mean[j], 2) / Math.max(1, n - 1);
            }
        }
        float[] probes = new float[(k + 1) * k];
        for (int r = 0; r <= k; r++) {
            for (int j = 0; j < k; j++) {
                probes[r * k + j] = (float) (mean[j] + (r == j + 1 ? Math.sqrt(sd[j]) : 0));
            }
        }
        float[] decoded = model.decode(probes, k + 1);
        int d = model.features();
        float[] maps = new float[k * d];
        for (int j = 0; j < k; j++) {
            for (int c = 0; c < d; c++) {
                maps[j * d + c] = decoded[(j + 1) * d + c] - decoded[c];
            }
        }
        return new FeatureMatrix(maps, codes.featureNames(), featureNames);
    }

    private static Report report(Autoencoder ae, FeatureMatrix x, Autoencoder.Curve c, Table curve, FeatureMatrix codes,
                                 Map<String, String> labels) {
        int n = c.trainLoss().length;
        double[] epoch = new double[n];
        for (int i = 0; i < n; i++) {
            epoch[i] = i + 1;
        }
        Chart chart = new Chart("Autoencoder training curve", "epoch", "loss (MSE)").line("training", epoch, c.trainLoss());
        if (c.validationLoss().length > 0) {
            chart.line("validation", epoch, c.validationLoss());
        }
        double last = c.validationLoss().length > 0 ? c.validationLoss()[c.bestEpoch() - 1] : c.trainLoss()[c.bestEpoch() - 1];
        String text = String.format(Locale.ROOT, "%s on %d samples × %d features: %d epochs (%s), best epoch %d with %s loss %.6g.",
                ae, x.rows(), x.cols(), n, c.stop().replace('_', ' '), c.bestEpoch(),
                c.validationLoss().length > 0 ? "validation" : "training", last);
        return Report.empty().withText("Autoencoder", text)
                .withMetrics("Autoencoder training curve", "autoencoder_curve", curve)
                .withFigure("Autoencoder training curve", "autoencoder_curve", "Mean training and validation loss per epoch", chart)
                .withFigure("Autoencoder codes", "autoencoder_scatter", "The first two code units of the training samples",
                        NodeSupport.scatter("Autoencoder codes", codes, labels));
    }
}
