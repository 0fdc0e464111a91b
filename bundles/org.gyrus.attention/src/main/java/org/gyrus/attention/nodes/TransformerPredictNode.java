package org.gyrus.attention.nodes;

import org.gyrus.attention.TransformerModel;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.Table;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.osgi.service.component.annotations.Component;

/** Applies a trained transformer: model + data → predictions table. */
@Component(service = NodeType.class)
public final class TransformerPredictNode implements NodeType {

    private static final NodeDescriptor DESCRIPTOR = Inputs.declare(NodeDescriptor.builder("org.gyrus.attention.transformer-predict", "1.0.0")
                    .name("Transformer (predict)")
                    .category(NodeSupport.CATEGORY)
                    .documentation("""
                            Applies a transformer trained by 'Transformer (fit)' to new samples of the same kind (a table with \
                            the same feature columns, images of the same shape, or volumes on the same grid with the same mask). \
                            Writes a predictions table in the layout of docs/predictions-table.md (id, true label when known, \
                            'predicted', one 'proba_<class>' column per class), which the evaluation nodes score; for a \
                            regressor, id, true value and the numeric 'predicted'.""")
                    .input("model", ModelArtifact.class, "A transformer trained by 'Transformer (fit)'"))
            .output("predictions", Table.class, "One row per sample, in the predictions-table layout")
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void execute(NodeContext context) {
        TransformerModel model = TransformerModel.fromArtifact(context.input("model", ModelArtifact.class));
        Inputs in = Inputs.read(context, model.layout(), 0);
        context.output("predictions", NodeSupport.predictions(model, in));
        context.progress(1);
    }
}
