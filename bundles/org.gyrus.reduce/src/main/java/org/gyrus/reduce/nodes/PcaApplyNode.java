package org.gyrus.reduce.nodes;

import java.util.Map;
import java.util.Optional;

import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.FeatureSpec;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.ModelSpec;
import org.gyrus.data.Table;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.gyrus.pipeline.SpecContext;
import org.gyrus.reduce.PcaModel;
import org.osgi.service.component.annotations.Component;

/** Projects samples with a fitted PCA. */
@Component(service = NodeType.class)
public final class PcaApplyNode implements NodeType {

    private static final String WHAT = "a PCA fitted by 'PCA (fit)'";

    private static final NodeDescriptor DESCRIPTOR = NodeSupport.samplesInputs(NodeDescriptor.builder("org.gyrus.reduce.pca-apply", "1.0.0")
                    .name("PCA (apply)")
                    .category(NodeSupport.CATEGORY)
                    .documentation("Projects samples onto the axes of a fitted PCA (scikit-learn's PCA.transform): "
                            + "(x − mean) · axesᵀ, divided by the axis standard deviations when the model whitens. "
                            + "The features must be those the model was fitted on, in the same order.")
                    .input("model", ModelArtifact.class, "A PCA fitted by 'PCA (fit)'"))
            .optionalInput("labels", Table.class, NodeSupport.LABELS_HELP)
            .output("scores", FeatureMatrix.class, "The scores PC1..PCk")
            .output("latent", Table.class, "The scores as a table (id, PC1..PCk, and label when 'labels' is connected)")
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void configure(SpecContext context) {
        Optional<FeatureSpec> x = NodeSupport.samples(context);
        Optional<ModelSpec> m = NodeSupport.model(context, PcaFitNode.ID, WHAT);
        NodeSupport.checkFeatures(context, m, x);
        FeatureSpec scores = m.flatMap(s -> s.number("components")).map(k -> FeatureSpec.numbered("PC", k.intValue()))
                .orElse(FeatureSpec.unknownFeatures());
        context.output("scores", scores);
        context.output("latent", NodeSupport.latentSpec(context, scores));
    }

    @Override
    public void execute(NodeContext context) {
        ModelArtifact artifact = NodeSupport.model(context, PcaFitNode.ID, WHAT);
        PcaModel model = artifact.read(PcaModel::fromArtifact);
        FeatureMatrix x = NodeSupport.checkedSamples(context, artifact);
        FeatureMatrix scores = NodeSupport.matrix(model.transform(x.values(), x.rows()), x.rowIds(), "PC", model.components());
        FiniteSamples.checkResult(scores, "PCA");
        Map<String, String> labels = NodeSupport.labelsById(context.optionalInput("labels", Table.class));
        context.output("scores", scores);
        context.output("latent", NodeSupport.latentTable(scores, labels));
        context.progress(1);
    }
}
