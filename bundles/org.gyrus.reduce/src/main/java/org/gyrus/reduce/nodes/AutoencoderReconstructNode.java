package org.gyrus.reduce.nodes;

import java.util.Optional;

import org.gyrus.data.ColumnRole;
import org.gyrus.data.ColumnSpec;
import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.FeatureSpec;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.ModelSpec;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.gyrus.data.TableSpec;
import org.gyrus.data.TextColumn;
import org.gyrus.data.Volume;
import org.gyrus.data.VolumeSet;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.gyrus.pipeline.SpecContext;
import org.gyrus.reduce.AutoencoderModel;
import org.osgi.service.component.annotations.Component;

/** Reconstructs samples with a trained autoencoder and scores them by reconstruction error. */
@Component(service = NodeType.class)
public final class AutoencoderReconstructNode implements NodeType {

    private static final String WHAT = "an autoencoder trained by 'Autoencoder (fit)'";

    private static final NodeDescriptor DESCRIPTOR = NodeSupport.samplesInputs(NodeDescriptor.builder("org.gyrus.reduce.autoencoder-reconstruct", "1.0.0")
                    .name("Autoencoder (reconstruct)")
                    .category(NodeSupport.CATEGORY)
                    .documentation("Passes samples through a trained autoencoder (no noise, no dropout) and reports each sample's "
                            + "mean squared reconstruction error, an anomaly score: samples unlike the training data reconstruct "
                            + "worse. With a mask, the reconstructions also come out as volumes.")
                    .input("model", ModelArtifact.class, "An autoencoder trained by 'Autoencoder (fit)'"))
            .optionalInput("mask", Volume.class, "Optional: the mask the features were taken through")
            .output("reconstruction", FeatureMatrix.class, "The reconstructed samples")
            .output("errors", Table.class, "id and reconstruction_error (mean squared error over the features) per sample")
            .output("volumes", VolumeSet.class, "The reconstructions as volumes through the mask; empty without a mask")
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void configure(SpecContext context) {
        Optional<FeatureSpec> x = NodeSupport.samples(context);
        Optional<ModelSpec> m = NodeSupport.model(context, AutoencoderFitNode.ID, WHAT);
        NodeSupport.checkFeatures(context, m, x);
        context.output("reconstruction", x.orElse(FeatureSpec.unknownFeatures()));
        context.output("errors", TableSpec.of(new ColumnSpec("id", ColumnSpec.Kind.TEXT, ColumnRole.ID),
                new ColumnSpec("reconstruction_error", ColumnSpec.Kind.NUMERIC, ColumnRole.FEATURE)));
        context.output("volumes", NodeSupport.volumesSpec(context));
    }

    @Override
    public void execute(NodeContext context) {
        ModelArtifact artifact = NodeSupport.model(context, AutoencoderFitNode.ID, WHAT);
        AutoencoderModel model = artifact.read(AutoencoderModel::fromArtifact);
        FeatureMatrix x = NodeSupport.checkedSamples(context, artifact);
        float[] data = x.values();
        float[] rec = model.reconstruct(data, x.rows());
        double[] errors = AutoencoderModel.errors(data, rec, x.rows());
        FeatureMatrix reconstruction = new FeatureMatrix(rec, x.rowIds(), x.featureNames());
        FiniteSamples.checkResult(reconstruction, "Autoencoder");
        Optional<Volume> mask = context.optionalInput("mask", Volume.class);
        context.output("reconstruction", reconstruction);
        context.output("errors", Table.of(new TextColumn("id", ColumnRole.ID, x.rowIds().toArray(String[]::new)),
                NumericColumn.wrap("reconstruction_error", ColumnRole.FEATURE, errors)));
        context.output("volumes", NodeSupport.volumes(mask, reconstruction));
        context.progress(1);
    }
}
