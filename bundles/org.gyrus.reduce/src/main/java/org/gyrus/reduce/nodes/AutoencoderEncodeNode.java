package org.gyrus.reduce.nodes;

import java.util.Map;
import java.util.Optional;

import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.FeatureSpec;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.ModelSpec;
import org.gyrus.data.Report;
import org.gyrus.data.Table;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.gyrus.pipeline.SpecContext;
import org.gyrus.reduce.AutoencoderModel;
import org.osgi.service.component.annotations.Component;

/** Encodes samples with a trained autoencoder. */
@Component(service = NodeType.class)
public final class AutoencoderEncodeNode implements NodeType {

    private static final String WHAT = "an autoencoder trained by 'Autoencoder (fit)'";

    private static final NodeDescriptor DESCRIPTOR = NodeSupport.samplesInputs(NodeDescriptor.builder("org.gyrus.reduce.autoencoder-encode", "1.0.0")
                    .name("Autoencoder (encode)")
                    .category(NodeSupport.CATEGORY)
                    .documentation("Maps samples to their codes with the encoder of a trained autoencoder (no noise, no dropout). "
                            + "The features must be those the model was trained on, in the same order.")
                    .input("model", ModelArtifact.class, "An autoencoder trained by 'Autoencoder (fit)'"))
            .optionalInput("labels", Table.class, NodeSupport.LABELS_HELP)
            .output("codes", FeatureMatrix.class, "The codes z1..zk: the latent feature matrix")
            .output("latent", Table.class, "The codes as a table (id, z1..zk, and label when 'labels' is connected)")
            .output("report", Report.class, "Scatter plot of the first two code units")
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
        FeatureSpec codes = m.flatMap(s -> s.number("code")).map(k -> FeatureSpec.numbered("z", k.intValue()))
                .orElse(FeatureSpec.unknownFeatures());
        context.output("codes", codes);
        context.output("latent", NodeSupport.latentSpec(context, codes));
    }

    @Override
    public void execute(NodeContext context) {
        ModelArtifact artifact = NodeSupport.model(context, AutoencoderFitNode.ID, WHAT);
        AutoencoderModel model = artifact.read(AutoencoderModel::fromArtifact);
        FeatureMatrix x = NodeSupport.checkedSamples(context, artifact);
        FeatureMatrix codes = NodeSupport.matrix(model.encode(x.values(), x.rows()), x.rowIds(), "z", model.codeSize());
        FiniteSamples.checkResult(codes, "Autoencoder");
        Map<String, String> labels = NodeSupport.labelsById(context.optionalInput("labels", Table.class));
        context.output("codes", codes);
        context.output("latent", NodeSupport.latentTable(codes, labels));
        context.output("report", Report.empty().withFigure("Autoencoder codes", "autoencoder_codes", "The first two code units",
                NodeSupport.scatter("Autoencoder codes", codes, labels)));
        context.progress(1);
    }
}
