package org.gyrus.learn.nodes;

import java.util.List;

import org.gyrus.data.ModelArtifact;
import org.gyrus.data.Table;
import org.gyrus.learn.LinearModel;
import org.gyrus.learn.LogisticModel;
import org.gyrus.learn.RegressionNetwork;
import org.gyrus.data.TrainingRows;
import org.gyrus.learn.ClassifierNetwork;
import org.gyrus.nn.layers.NetworkFile;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** Applies a fitted learner to new samples: a predictions table. */
@Component(service = NodeType.class)
public final class PredictNode implements NodeType {

    /** Parameters. */
    public static final class Parameters {
        /** Allow training rows. */
        @Parameter(label = "Allow training rows", description = "Predict rows (or subjects) the model was fitted on; their predictions "
                + "are optimistic and must not be evaluated as a test set")
        public boolean allowTrainingRows = false;
    }

    private static final NodeDescriptor DESCRIPTOR = Samples.inputs(NodeDescriptor.builder("org.gyrus.learn.predict", "1.0.0")
                    .name("Predict")
                    .category(NodeSupport.CATEGORY)
                    .documentation("""
                            Applies a model fitted by a learning node to new samples. A classifier gives a predictions table \
                            (docs/predictions-table.md): the id, the true label when the data carry one, the predicted class \
                            and one probability column per class (proba_<class>), plus the table's group columns (site, sex), \
                            ready for the evaluation nodes. A regression gives the id, the true value when known and a \
                            numeric 'predicted' column. The features must be those the model was fitted on, in the same \
                            order. Models from the learning nodes record which rows and subjects they were fitted on (hashed): \
                            rows among them, or rows of the same subject (a 'subject', 'subject_id' or 'participant_id' \
                            column), are refused, since evaluating a model on its own training data overstates it, unless \
                            'Allow training rows' is set."""), "Optional, with 'features': a table whose label column (role label) gives the true "
                    + "labels, matched by row id")
            .input("model", ModelArtifact.class, "A model from 'Logistic regression (fit)', 'Linear / ridge regression (fit)' or "
                    + "'MLP classifier (fit)', 'CNN image classifier (fit)', 'MLP regressor (fit)' (or any classifier network artifact naming its classes and features)")
            .output("predictions", Table.class, "One row per sample: id, true label when known, prediction (and class probabilities)")
            .parameters(Parameters.class)
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void execute(NodeContext context) {
        ModelArtifact artifact = context.input("model", ModelArtifact.class);
        Samples s = Samples.read(context);
        if (!context.parameters(Parameters.class).allowTrainingRows) {
            refuseTrainingRows(artifact, s, context);
        }
        Table out;
        switch (artifact.kind()) {
            case LogisticModel.KIND -> {
                LogisticModel m = LogisticModel.fromArtifact(artifact);
                s.requireFeatures(m.featureNames());
                NodeSupport.requireFinite(s);
                out = NodeSupport.predictions(m, s);
            }
            case LinearModel.KIND -> {
                LinearModel m = LinearModel.fromArtifact(artifact);
                s.requireFeatures(m.featureNames());
                NodeSupport.requireFinite(s);
                out = NodeSupport.predictions(m, s);
            }
            case NetworkFile.ARTIFACT_KIND -> {
                if (RegressionNetwork.isRegression(artifact)) {
                    RegressionNetwork r = RegressionNetwork.fromArtifact(artifact);
                    s.requireFeatures(r.featureNames());
                    NodeSupport.requireFinite(s);
                    out = NodeSupport.regression(s, r.predict(NodeSupport.floats(s), s.n()));
                } else {
                    ClassifierNetwork m = ClassifierNetwork.fromArtifact(artifact);
                    s.requireFeatures(m.featureNames());
                    NodeSupport.requireFinite(s);
                    out = NodeSupport.predictions(m, s);
                }
            }
            default -> throw new IllegalArgumentException("The 'predict' node applies models of kind " + LogisticModel.KIND + ", "
                    + LinearModel.KIND + " and " + NetworkFile.ARTIFACT_KIND + " (a classifier or regression network); this one is of kind '" + artifact.kind() + "'");
        }
        context.output("predictions", out);
        context.progress(1);
    }

    /**
     * @throws IllegalArgumentException when rows to predict, or their subjects, were among those the model was fitted on
     */
    private static void refuseTrainingRows(ModelArtifact artifact, Samples s, NodeContext context) {
        java.util.Optional<TrainingRows> fitted = TrainingRows.of(artifact);
        if (fitted.isEmpty()) {
            return;
        }
        List<String> subjects = NodeSupport.subjects(context, s);
        int[] overlap = fitted.get().overlap(s.ids(), subjects);
        if (overlap.length > 0) {
            String first = "'" + s.ids().get(overlap[0]) + "'" + (subjects == null ? "" : " (subject '" + subjects.get(overlap[0]) + "')");
            throw new IllegalArgumentException(overlap.length + " of the " + s.n() + " rows to predict, e.g. " + first + ", were among the "
                    + "rows or subjects the model was fitted on: their predictions are optimistic, and evaluating them measures how well "
                    + "the model remembers its training data (a leak). Predict held-out rows (a split by subject), or set 'Allow "
                    + "training rows' to predict them knowingly");
        }
    }
}
