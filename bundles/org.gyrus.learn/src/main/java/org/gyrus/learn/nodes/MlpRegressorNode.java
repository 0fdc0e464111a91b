package org.gyrus.learn.nodes;

import java.util.Arrays;
import java.util.Locale;

import org.gyrus.data.Chart;
import org.gyrus.data.Column;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Report;
import org.gyrus.data.Table;
import org.gyrus.learn.NetworkTraining;
import org.gyrus.learn.MlpRegressor;
import org.gyrus.learn.RegressionNetwork;
import org.gyrus.nn.train.History;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** Trains an {@link MlpRegressor}: the network artifact, the training predictions and a report with the training curve. */
@Component(service = NodeType.class)
public final class MlpRegressorNode implements NodeType {

    /** Parameters. */
    public static final class Parameters {
        /** Hidden layers. */
        @Parameter(label = "Hidden layers", description = "Units per hidden layer, comma-separated (e.g. '64, 32')")
        public String hidden = "100";
        /** Learning rate. */
        @Parameter(label = "Learning rate", description = "Adam's learning rate (the target is standardised while training)", min = "0.0000001", max = "1")
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

    private static final NodeDescriptor DESCRIPTOR = Samples.inputs(NodeDescriptor.builder(RegressionNetwork.TRAINED_BY, "1.0.0")
                    .name("MLP regressor (fit)")
                    .category(NodeSupport.CATEGORY)
                    .documentation("""
                            A multilayer perceptron (Linear → ReLU per hidden layer, then one output) trained on the mean \
                            squared error with Adam in mini-batches on the standardised target; a seeded validation split \
                            stops training when its loss has not improved for 'Patience' epochs and keeps the best epoch's \
                            weights. The saved network outputs the target in its own unit: a self-describing network \
                            artifact (docs/network-format.md) naming its features and target. The target is the numeric \
                            label column. Standardise the features first; missing values must be imputed."""), Samples.LABELS_HELP)
            .output("model", ModelArtifact.class, "The trained network, for the 'predict' node")
            .output("predictions", Table.class, "Predictions on all training samples: id, true value, 'predicted'")
            .output("report", Report.class, "The training curve, how training ended and the training R²")
            .parameters(Parameters.class)
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void execute(NodeContext context) {
        Parameters p = context.parameters(Parameters.class);
        int[] hidden = MlpClassifierNode.hiddenLayers(p.hidden);
        Samples s = Samples.read(context);
        Column label = s.requireLabel();
        if (!(label instanceof NumericColumn y)) {
            throw new IllegalArgumentException("The target '" + label.name() + "' is not numeric: a regressor predicts numbers "
                    + "(use the MLP classifier for classes)");
        }
        double[] target = y.toArray();
        RegressionNetwork model = new MlpRegressor(hidden, new NetworkTraining(p.learningRate, p.l2, p.epochs, p.batchSize,
                p.validationFraction, p.patience, context.seed())).fit(NodeSupport.floats(s), s.n(), s.p(), target, s.features(), label.name(), () -> {
                    context.checkCancelled();
                    return false;
                });
        double[] fitted = model.predict(NodeSupport.floats(s), s.n());
        context.output("model", NodeSupport.recorded(model.toArtifact(), context, s));
        context.output("predictions", NodeSupport.regression(s, fitted));
        context.output("report", report(model.history(), hidden, label.name(), target, fitted));
        context.progress(1);
    }

    private static Report report(History h, int[] hidden, String target, double[] y, double[] fitted) {
        int epochs = h.trainLoss().size();
        double[] epoch = new double[epochs];
        double[] train = new double[epochs];
        double[] val = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            epoch[e] = e + 1;
            train[e] = h.trainLoss().get(e);
            val[e] = h.validationLoss().get(e);
        }
        Chart curve = new Chart("MLP regressor training curve", "epoch", "mean squared error (standardised target)")
                .line("training", epoch, train).line("validation", epoch, val);
        String text = String.format(Locale.ROOT, "Hidden layers %s, target '%s': %d epochs (%s); best validation loss %.5f at epoch %d, "
                        + "whose weights are kept. Training R² %s.", Arrays.toString(hidden), target, epochs,
                switch (h.stop()) {
                    case EARLY_STOPPED -> "stopped early";
                    case COMPLETED -> "all epochs ran: the validation loss was still improving; more epochs may help";
                    case CANCELLED -> "cancelled";
                }, h.bestLoss(), h.bestEpoch(), NodeSupport.r2(y, fitted));
        return Report.empty().withText("MLP regressor", text)
                .withFigure("MLP regressor training curve", "mlp_regressor_training_curve", "Training and validation loss per epoch", curve);
    }
}
