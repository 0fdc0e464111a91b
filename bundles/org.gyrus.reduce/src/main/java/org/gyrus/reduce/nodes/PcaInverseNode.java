package org.gyrus.reduce.nodes;

import java.util.Optional;

import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.FeatureSpec;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.ModelSpec;
import org.gyrus.data.Volume;
import org.gyrus.data.VolumeSet;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.gyrus.pipeline.SpecContext;
import org.gyrus.reduce.PcaModel;
import org.osgi.service.component.annotations.Component;

/** Maps PCA scores back to feature space (and through a mask back into volumes). */
@Component(service = NodeType.class)
public final class PcaInverseNode implements NodeType {

    private static final String WHAT = "a PCA fitted by 'PCA (fit)'";

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("org.gyrus.reduce.pca-inverse", "1.0.0")
            .name("PCA (inverse transform)")
            .category(NodeSupport.CATEGORY)
            .documentation("Reconstructs samples from their PCA scores (scikit-learn's PCA.inverse_transform): "
                    + "scores · axes + mean, undoing whitening. With a mask, the reconstructions also come out as volumes.")
            .input("model", ModelArtifact.class, "A PCA fitted by 'PCA (fit)'")
            .input("scores", FeatureMatrix.class, "Scores with as many columns as the model has components")
            .optionalInput("mask", Volume.class, "Optional: the mask the features were taken through")
            .output("features", FeatureMatrix.class, "The reconstructed samples, with the model's feature names")
            .output("volumes", VolumeSet.class, "The reconstructions as volumes through the mask; empty without a mask")
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void configure(SpecContext context) {
        Optional<ModelSpec> m = NodeSupport.model(context, PcaFitNode.ID, WHAT);
        Optional<Integer> k = m.flatMap(s -> s.number("components")).map(Number::intValue);
        Optional<Integer> width = context.input("scores", FeatureSpec.class).flatMap(FeatureSpec::width);
        if (k.isPresent() && width.isPresent() && !k.equals(width)) {
            context.problem("inputs.scores", "the scores have " + width.get() + " columns but the PCA has " + k.get() + " components");
        }
        context.output("features", new FeatureSpec(m.map(ModelSpec::inputs).orElse(null)));
        context.output("volumes", NodeSupport.volumesSpec(context));
    }

    @Override
    public void execute(NodeContext context) {
        ModelArtifact artifact = NodeSupport.model(context, PcaFitNode.ID, WHAT);
        PcaModel model = artifact.read(PcaModel::fromArtifact);
        FeatureMatrix z = context.input("scores", FeatureMatrix.class);
        if (z.cols() != model.components()) {
            throw new IllegalArgumentException("The scores have " + z.cols() + " columns but the PCA has " + model.components() + " components");
        }
        FiniteSamples.check(z, "PCA inverse");
        FeatureMatrix x = new FeatureMatrix(model.inverseTransform(z.values(), z.rows()), z.rowIds(), artifact.strings("feature_names"));
        FiniteSamples.checkResult(x, "PCA inverse");
        Optional<Volume> mask = context.optionalInput("mask", Volume.class);
        context.output("features", x);
        context.output("volumes", NodeSupport.volumes(mask, x));
        context.progress(1);
    }
}
