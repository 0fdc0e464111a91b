package org.gyrus.learn.nodes;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.gyrus.data.Chart;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.Report;
import org.gyrus.data.Table;
import org.gyrus.learn.NetworkTraining;
import org.gyrus.learn.Labels;
import org.gyrus.learn.MlpClassifier;
import org.gyrus.learn.ClassifierNetwork;
import org.gyrus.nn.train.History;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** Trains an {@link MlpClassifier}: the network artifact, the training predictions and a report with the training curve. */
@Component(service = NodeType.class)
public final class MlpClassifierNode implements NodeType {

    /** Parameters. */
    public static final class Parameters {
        /** Hidden layers. */
        @Parameter(label = "Hidden layers", description = "Units per hidden layer, comma-separated (e.g. '64, 32')")
        public String hidden = "100";
        /** Learning rate. */
        @Parameter(label = "Learning rate", description = "Adam's learning rate", min = "0.0000001", max = "1")
        public double learningRate = 0.001;
        /** L2. */
        @Parameter(label = "L2 penalty", description = "Weight decay: an L2 penalty added to the gradient", min = "0", max = "10")
        public double l2 = 0.0001;
        /** Epochs. */
        @Parameter(label = "Maximum epochs", description = "The most passes over the training samples", min = "1", max = "100000")
        public int epochs = 200;
        /** Batch size. */
        @Parameter(label = "Batch size", description = "Samples per step", min = "1", max = "1000000")
        public int batchSize = 200;
        /** Validation fraction. */
        @Parameter(label = "Validation fraction", description = "Held out (seeded) to stop early", min = "0.01", max = "0.9")
        public double validationFraction = 0.1;
        /** Patience. */
        @Parameter(label = "Patience", description = "Epochs without a better validation loss before stopping", min = "1", max = "10000")
        public int patience = 10;
    }

    private static final NodeDescriptor DESCRIPTOR = Samples.inputs(NodeDescriptor.builder("org.gyrus.learn.mlp-classifier", "1.0.0")
                    .name("MLP classifier (fit)")
                    .category(NodeSupport.CATEGORY)
                    .documentation("""
                            A multilayer perceptron (Linear → ReLU per hidden layer, then one logit per class) trained on the \
                            cross-entropy with Adam in mini-batches; a seeded validation split stops training when its loss \
                            has not improved for 'Patience' epochs and keeps the best epoch's weights. Seeded by the node \
                            seed: the same data and seed give the same network. The model is a self-describing network \
                            artifact (docs/network-format.md) that names its classes and features, so other bundles can run \
                            it. Standardise the features first; missing values must be imputed."""), Samples.LABELS_HELP)
            .output("model", ModelArtifact.class, "The trained network, for the 'predict' node")
            .output("predictions", Table.class, "Predictions on all training samples (validation rows included), in the predictions-table layout")
            .output("report", Report.class, "The training curve and how training ended")
            .parameters(Parameters.class)
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void execute(NodeContext context) {
        Parameters p = context.parameters(Parameters.class);
        int[] hidden = hiddenLayers(p.hidden);
        Samples s = Samples.read(context);
        Labels labels = Labels.of(s.requireLabel(), null, r -> s.ids().get(r));
        float[] x = NodeSupport.floats(s);
        ClassifierNetwork model = new MlpClassifier(hidden, new NetworkTraining(p.learningRate, p.l2, p.epochs, p.batchSize,
                p.validationFraction, p.patience, context.seed())).fit(x, s.n(), s.p(), labels, s.features(), () -> {
                    context.checkCancelled();
                    return false;
                });
        History h = model.history();
        context.output("model", NodeSupport.recorded(model.toArtifact(), context, s));
        context.output("predictions", NodeSupport.predictions(model, s));
        context.output("report", report(h, hidden, labels.classes()));
        context.progress(1);
    }

    /** Parses "64, 32". */
    static int[] hiddenLayers(String text) {
        try {
            return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Hidden layers '" + text + "': expected whole numbers separated by commas, e.g. '64, 32'");
        }
    }

    static Report report(History h, int[] hidden, List<String> classes) {
        return report("MLP classifier", "mlp_training_curve", "Hidden layers " + Arrays.toString(hidden), h, classes);
    }

    /** How training went, with the training curve (figure {@code figure}). */
    static Report report(String title, String figure, String network, History h, List<String> classes) {
        int epochs = h.trainLoss().size();
        double[] epoch = new double[epochs];
        double[] train = new double[epochs];
        double[] val = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            epoch[e] = e + 1;
            train[e] = h.trainLoss().get(e);
            val[e] = h.validationLoss().get(e);
        }
        Chart curve = new Chart(title + " training curve", "epoch", "cross-entropy (nats)").line("training", epoch, train)
                .line("validation", epoch, val);
        String text = String.format(Locale.ROOT, "%s, classes %s: %d epochs (%s); best validation loss %.5f at epoch %d, "
                        + "whose weights are kept.", network, classes, epochs,
                switch (h.stop()) {
                    case EARLY_STOPPED -> "stopped early";
                    case COMPLETED -> "all epochs ran: the validation loss was still improving; more epochs may help";
                    case CANCELLED -> "cancelled";
                }, h.bestLoss(), h.bestEpoch());
        return Report.empty().withText(title, text)
                .withFigure(title + " training curve", figure, "Training and validation cross-entropy per epoch", curve);
    }
}
