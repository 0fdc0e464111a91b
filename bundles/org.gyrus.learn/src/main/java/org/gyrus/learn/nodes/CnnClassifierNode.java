package org.gyrus.learn.nodes;

import java.util.Arrays;
import java.util.List;

import org.gyrus.data.ColumnRole;
import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.Predictions;
import org.gyrus.data.Report;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.gyrus.learn.NetworkTraining;
import org.gyrus.learn.ClassifierNetwork;
import org.gyrus.learn.CnnClassifier;
import org.gyrus.learn.Labels;
import org.gyrus.data.TrainingRows;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** Trains a {@link CnnClassifier} on images: the network artifact, the training predictions and a report with the training curve. */
@Component(service = NodeType.class)
public final class CnnClassifierNode implements NodeType {

    /** Parameters. */
    public static final class Parameters {
        /** Channels. */
        @Parameter(label = "Convolution channels", description = "Output channels of each convolution block, comma-separated (e.g. '8, 16')")
        public String channels = "8, 16";
        /** Dense units. */
        @Parameter(label = "Dense units", description = "Units of the dense layer before the output", min = "1", max = "100000")
        public int hidden = 32;
        /** Sample shape. */
        @Parameter(label = "Sample shape", description = "Channels first, e.g. '1, 8, 8' or '1, 16, 16, 16'; empty: the feature matrix's own",
                required = false)
        public String sampleShape = "";
        /** Learning rate. */
        @Parameter(label = "Learning rate", description = "Adam's learning rate", min = "0.0000001", max = "1")
        public double learningRate = 0.001;
        /** L2. */
        @Parameter(label = "L2 penalty", description = "Weight decay: an L2 penalty added to the gradient", min = "0", max = "10")
        public double l2 = 0.0001;
        /** Epochs. */
        @Parameter(label = "Maximum epochs", description = "The most passes over the training samples", min = "1", max = "100000")
        public int epochs = 30;
        /** Batch size. */
        @Parameter(label = "Batch size", description = "Samples per step", min = "1", max = "1000000")
        public int batchSize = 64;
        /** Validation fraction. */
        @Parameter(label = "Validation fraction", description = "Held out (seeded) to stop early", min = "0.01", max = "0.9")
        public double validationFraction = 0.1;
        /** Patience. */
        @Parameter(label = "Patience", description = "Epochs without a better validation loss before stopping", min = "1", max = "10000")
        public int patience = 5;
    }

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder(ClassifierNetwork.CNN, "1.0.0")
            .name("CNN image classifier (fit)")
            .category(NodeSupport.CATEGORY)
            .documentation("""
                    A small convolutional network for images (rows of a feature matrix with a sample shape, channels \
                    first: [1, 8, 8] for 8×8 grey images, [1, 16, 16, 16] for 3-D patches): per block a 3-wide \
                    convolution, ReLU and 2-wide max pooling, then a dense layer and one logit per class, trained on the \
                    cross-entropy with Adam; a seeded validation split stops training when its loss has not improved for \
                    'Patience' epochs and keeps the best epoch's weights. Seeded by the node seed: the same data and \
                    seed give the same network. The model is a self-describing network artifact \
                    (docs/network-format.md) naming its classes, features and sample shape, so the 'predict' node and \
                    other bundles (the adversarial attacks) run it without this bundle's code.""")
            .input("features", FeatureMatrix.class, "The images, one per row, with a sample shape (or set 'Sample shape')")
            .input("labels", Table.class, "A table whose label column (role label) gives each image's class, matched by row id")
            .output("model", ModelArtifact.class, "The trained network, for the 'predict' node")
            .output("predictions", Table.class, "Predictions on all training images (validation rows included), in the predictions-table layout")
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
        int[] channels = MlpClassifierNode.hiddenLayers(p.channels);
        FeatureMatrix m = context.input("features", FeatureMatrix.class);
        int[] shape = p.sampleShape == null || p.sampleShape.isBlank() ? m.sampleShape() : shape(p.sampleShape);
        if (Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b) != m.cols()) {
            throw new IllegalArgumentException("Sample shape " + Arrays.toString(shape) + " does not hold the " + m.cols()
                    + " features of each row of 'features'");
        }
        org.gyrus.data.Column label = Samples.labelsById(context.input("labels", Table.class), m.rowIds());
        Labels labels = Labels.of(label, null, r -> m.rowIds().get(r));
        CnnClassifier cnn = new CnnClassifier(channels, p.hidden, new NetworkTraining(p.learningRate, p.l2, p.epochs, p.batchSize,
                p.validationFraction, p.patience, context.seed()));
        float[] x = m.toArray();
        ClassifierNetwork model = cnn.fit(x, m.rows(), shape, labels, m.featureNames(), () -> {
            context.checkCancelled();
            return false;
        });
        Table labelTable = context.input("labels", Table.class);
        List<String> subjects = null;
        for (String name : TrainingRows.SUBJECT_COLUMNS) {
            if (subjects == null && labelTable.find(name).isPresent()) {
                org.gyrus.data.Column c = Samples.byId(labelTable, labelTable.column(name), m.rowIds());
                subjects = java.util.stream.IntStream.range(0, c.size()).mapToObj(i -> c.format(i) == null ? "" : c.format(i)).toList();
            }
        }
        context.output("model", TrainingRows.record(model.toArtifact(), m.rowIds(), subjects));
        context.output("predictions", Predictions.table(new TextColumn("id", ColumnRole.ID, m.rowIds().toArray(String[]::new)), label,
                model.classes(), model.predictProba(x, m.rows()), List.of()));
        context.output("report", MlpClassifierNode.report("CNN classifier", "cnn_training_curve", "Convolution channels "
                + Arrays.toString(channels) + ", dense units " + p.hidden + ", samples " + Arrays.toString(shape), model.history(), labels.classes()));
        context.progress(1);
    }

    static int[] shape(String text) {
        try {
            return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Sample shape '" + text + "': expected whole numbers separated by commas, e.g. '1, 8, 8'");
        }
    }
}
