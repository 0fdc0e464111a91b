package org.gyrus.attention.nodes;

import java.util.Locale;

import org.gyrus.attention.Labels;
import org.gyrus.attention.TransformerModel;
import org.gyrus.attention.TransformerSettings;
import org.gyrus.attention.TransformerTraining;
import org.gyrus.data.Chart;
import org.gyrus.data.Column;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Report;
import org.gyrus.data.Table;
import org.gyrus.nn.train.History;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** Trains a transformer classifier or regressor on a table, images or volumes: the network artifact, training predictions and a report. */
@Component(service = NodeType.class)
public final class TransformerFitNode implements NodeType {

    /** What the transformer predicts. */
    public enum Task {
        /** A class: one logit per class, cross-entropy. */
        CLASSIFICATION,
        /** A number: mean squared error on the standardised target. */
        REGRESSION
    }

    /** Where each layer normalises. */
    public enum Norm {
        /** Layer norm before attention and feed-forward (stable; ViT, FT-Transformer). */
        PRE,
        /** Layer norm after each residual sum (the original transformer; PyTorch's default). */
        POST
    }

    /** How classes are weighed in the loss. */
    public enum ClassWeights {
        /** Every sample counts the same. */
        NONE,
        /** Each class counts the same: weights n / (classes × count), as scikit-learn's "balanced". */
        BALANCED
    }

    /** Parameters. */
    public static final class Parameters {
        /** Task. */
        @Parameter(label = "Task", description = "CLASSIFICATION (the label's classes) or REGRESSION (a numeric label)")
        public Task task = Task.CLASSIFICATION;
        /** Depth. */
        @Parameter(label = "Depth", description = "Encoder layers", min = "1", max = "24")
        public int depth = 2;
        /** Heads. */
        @Parameter(label = "Heads", description = "Attention heads per layer; must divide the width", min = "1", max = "64")
        public int heads = 4;
        /** Width. */
        @Parameter(label = "Width", description = "Token width (d_model)", min = "6", max = "4096")
        public int width = 32;
        /** Feed-forward width. */
        @Parameter(label = "Feed-forward width", description = "Hidden units of each layer's feed-forward block", min = "1", max = "16384")
        public int feedForward = 64;
        /** Dropout. */
        @Parameter(label = "Dropout", description = "Dropout on tokens, attention weights and both residual branches", min = "0", max = "0.9")
        public double dropout = 0.1;
        /** Norm placement. */
        @Parameter(label = "Layer norm", description = "PRE: before attention and feed-forward; POST: after each residual sum")
        public Norm norm = Norm.PRE;
        /** Learning rate. */
        @Parameter(label = "Learning rate", description = "AdamW's peak learning rate, reached after the warm-up", min = "0.0000001", max = "1")
        public double learningRate = 0.001;
        /** Weight decay. */
        @Parameter(label = "Weight decay", description = "AdamW's decoupled weight decay", min = "0", max = "1")
        public double weightDecay = 0.0001;
        /** Warm-up. */
        @Parameter(label = "Warm-up epochs", description = "Epochs of linear warm-up to the peak rate; cosine decay to zero follows", min = "0", max = "10000")
        public int warmupEpochs = 5;
        /** Epochs. */
        @Parameter(label = "Maximum epochs", description = "The most passes over the training samples", min = "1", max = "100000")
        public int epochs = 50;
        /** Batch size. */
        @Parameter(label = "Batch size", description = "Samples per step", min = "1", max = "100000")
        public int batchSize = 64;
        /** Validation fraction. */
        @Parameter(label = "Validation fraction", description = "Held out (seeded) to stop early; 0 trains on everything for all epochs",
                min = "0", max = "0.9")
        public double validationFraction = 0.15;
        /** Patience. */
        @Parameter(label = "Patience", description = "Epochs without a better validation loss before stopping (the best epoch's weights are kept)",
                min = "1", max = "10000")
        public int patience = 10;
        /** Class weights. */
        @Parameter(label = "Class weights", description = "NONE, or BALANCED: each class weighs the same in the loss")
        public ClassWeights classWeights = ClassWeights.NONE;
        /** Patch size. */
        @Parameter(label = "Patch size", description = "Images: the side of the square patches in pixels; volumes: the side of the cubes in voxels",
                min = "1", max = "256")
        public int patchSize = 4;
    }

    private static final NodeDescriptor DESCRIPTOR = Inputs.declare(NodeDescriptor.builder("org.gyrus.attention.transformer", "1.0.0")
                    .name("Transformer (fit)")
                    .category(NodeSupport.CATEGORY)
                    .documentation("""
                            A transformer classifier or regressor. Each sample becomes tokens, a learned [CLS] token is put first, \
                            'Depth' encoder layers (multi-head self-attention and a feed-forward block, GELU) follow, and a linear \
                            head reads the [CLS] token. Tokens: for a table, one per feature column (FT-Transformer: numeric \
                            columns by their own linear embedding, categorical ones by their own embedding table with a row for \
                            missing or unseen categories); for images (feature rows with a sample shape [C, H, W]), the square \
                            patches of 'Patch size' pixels with a learned positional embedding (ViT); for volumes with a mask, the \
                            cubes of 'Patch size' voxels with a quarter or more inside the mask, standardised per subject over the \
                            mask, positioned by a sine/cosine encoding of each cube's world coordinate (mm). Trained with AdamW, a \
                            linear warm-up and cosine decay, gradient clipping at norm 1, early stopping on a seeded validation \
                            split (the best epoch's weights are kept) and optional balanced class weights. The model is a \
                            self-describing network artifact (docs/network-format.md) with PyTorch's parameter names; its \
                            metadata say how inputs are tokenised, so 'predict' and 'attention-maps' need only the model and data."""))
            .output("model", ModelArtifact.class, "The trained transformer, for 'transformer-predict' and 'attention-maps'")
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
        TransformerSettings s = new TransformerSettings(p.depth, p.heads, p.width, p.feedForward, p.dropout, p.norm == Norm.PRE, p.learningRate,
                p.weightDecay, p.warmupEpochs, p.epochs, p.batchSize, p.validationFraction, p.patience,
                p.classWeights == ClassWeights.BALANCED, p.task == Task.REGRESSION);
        Inputs in = Inputs.read(context, null, p.patchSize);
        Column label = in.requireLabel();
        org.gyrus.nn.train.EpochListener listener = e -> {
            context.progress((double) e.epoch() / e.epochs());
            return !context.isCancelled();
        };
        TransformerModel model;
        if (s.regression()) {
            if (!(label instanceof NumericColumn num)) {
                throw new IllegalArgumentException("Regression needs a numeric label column; '" + label.name() + "' is not numeric");
            }
            double[] y = num.toArray();
            for (int i = 0; i < y.length; i++) {
                if (!Double.isFinite(y[i])) {
                    throw new IllegalArgumentException("The label '" + label.name() + "' is missing for sample '" + in.ids().get(i) + "'");
                }
            }
            model = TransformerTraining.regressor(in.layout(), in.x(), y, s, context.seed(), listener);
        } else {
            model = TransformerTraining.classifier(in.layout(), in.x(), Labels.of(label, in.ids()), s, context.seed(), listener);
        }
        context.checkCancelled();
        context.output("model", model.toArtifact());
        context.output("predictions", NodeSupport.predictions(model, in));
        context.output("report", report(model, s));
        context.progress(1);
    }

    static Report report(TransformerModel model, TransformerSettings s) {
        History h = model.history();
        int epochs = h.trainLoss().size();
        double[] epoch = new double[epochs];
        double[] train = new double[epochs];
        double[] val = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            epoch[e] = e + 1;
            train[e] = h.trainLoss().get(e);
            val[e] = h.validationLoss().isEmpty() ? Double.NaN : h.validationLoss().get(e);
        }
        String loss = s.regression() ? "mean squared error (standardised target)" : "cross-entropy (nats)";
        Chart chart = new Chart("Transformer training curve", "epoch", loss).line("training", epoch, train);
        if (!h.validationLoss().isEmpty()) {
            chart.line("validation", epoch, val);
        }
        String text = String.format(Locale.ROOT, "%s transformer on %s input (%d tokens + [CLS]): depth %d, %d heads, width %d, feed-forward %d, "
                        + "dropout %.2f, %s-norm, %d parameters; AdamW at %.2g with %d warm-up epochs then cosine decay, batch %d%s. "
                        + "%d epochs (%s); best %s loss %.5f at epoch %d.",
                s.regression() ? "Regression" : "Classification " + model.classes(), model.layout().kind(), model.layout().tokens(), s.depth(),
                s.heads(), s.width(), s.feedForward(), s.dropout(), s.normFirst() ? "pre" : "post", model.network().parameterCount(),
                s.learningRate(), s.warmupEpochs(), s.batchSize(), s.balancedClassWeights() ? ", balanced class weights" : "", epochs,
                switch (h.stop()) {
                    case EARLY_STOPPED -> "stopped early; the best epoch's weights are kept";
                    case COMPLETED -> "all epochs ran";
                    case CANCELLED -> "cancelled";
                }, h.validationLoss().isEmpty() ? "training" : "validation", h.bestLoss(), h.bestEpoch());
        return Report.empty().withText("Transformer", text)
                .withFigure("Transformer training curve", "transformer_training_curve", "Training and validation loss per epoch", chart.toPng());
    }
}
