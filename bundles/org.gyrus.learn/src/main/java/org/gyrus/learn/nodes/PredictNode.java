package org.gyrus.learn.nodes;

import org.gyrus.data.ModelArtifact;
import org.gyrus.data.Table;
import org.gyrus.learn.LinearModel;
import org.gyrus.learn.LogisticModel;
import org.gyrus.learn.ClassifierNetwork;
import org.gyrus.nn.layers.NetworkFile;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.osgi.service.component.annotations.Component;

/** Applies a fitted learner to new samples: a predictions table. */
@Component(service = NodeType.class)
public final class PredictNode implements NodeType {

    private static final NodeDescriptor DESCRIPTOR = Samples.inputs(NodeDescriptor.builder("org.gyrus.learn.predict", "1.0.0")
                    .name("Predict")
                    .category(NodeSupport.CATEGORY)
                    .documentation("""
                            Applies a model fitted by a learning node to new samples. A classifier gives a predictions table \
                            (docs/predictions-table.md): the id, the true label when the data carry one, the predicted class \
                            and one probability column per class (proba_<class>), plus the table's group columns (site, sex), \
                            ready for the evaluation nodes. A regression gives the id, the true value when known and a \
                            numeric 'predicted' column. The features must be those the model was fitted on, in the same \
                            order."""), "Optional, with 'features': a table whose label column (role label) gives the true "
                    + "labels, matched by row id")
            .input("model", ModelArtifact.class, "A model from 'Logistic regression (fit)', 'Linear / ridge regression (fit)' or "
                    + "'MLP classifier (fit)' (or any classifier network artifact naming its classes and features)")
            .output("predictions", Table.class, "One row per sample: id, true label when known, prediction (and class probabilities)")
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void execute(NodeContext context) {
        ModelArtifact artifact = context.input("model", ModelArtifact.class);
        Samples s = Samples.read(context);
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
                ClassifierNetwork m = ClassifierNetwork.fromArtifact(artifact);
                s.requireFeatures(m.featureNames());
                NodeSupport.requireFinite(s);
                out = NodeSupport.predictions(m, s);
            }
            default -> throw new IllegalArgumentException("The 'predict' node applies models of kind " + LogisticModel.KIND + ", "
                    + LinearModel.KIND + " and " + NetworkFile.ARTIFACT_KIND + " (a classifier network); this one is of kind '" + artifact.kind() + "'");
        }
        context.output("predictions", out);
        context.progress(1);
    }
}
