package org.gyrus.preprocess.nodes;

import org.gyrus.data.ModelArtifact;
import org.gyrus.data.ModelSpec;
import org.gyrus.data.Table;
import org.gyrus.data.TableSpec;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.gyrus.pipeline.SpecContext;
import org.gyrus.preprocess.ModelArtifacts;
import org.gyrus.preprocess.SimpleImputerModel;
import org.gyrus.preprocess.TableTransform;
import org.osgi.service.component.annotations.Component;

/** Applies any fitted preprocessing model to a table. */
@Component(service = NodeType.class)
public final class ApplyModelNode implements NodeType {

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("org.gyrus.preprocess.apply", "1.0.0")
            .name("Apply preprocessing model")
            .category(NodeSupport.CATEGORY)
            .documentation("""
                    Applies a fitted imputer, encoder, scaler or variance threshold (from a fit node, or loaded \
                    from a file) to a table: the statistics learnt on the training table are used as they are, \
                    nothing is refitted, so applying to a test split cannot leak. Fails, naming the column, if the \
                    table lacks a column the model was fitted on or holds a value the model cannot handle.""")
            .input("model", ModelArtifact.class, "A fitted preprocessing model")
            .input("table", Table.class, "The table to transform")
            .output("table", Table.class, "The transformed table")
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void configure(SpecContext context) {
        context.input("model", ModelSpec.class).ifPresent(m -> {
            if (!ModelArtifacts.KINDS.contains(m.kind())) {
                context.problem("inputs.model", "takes a fitted preprocessing model (imputer, encoder, scaler or variance "
                        + "threshold), but is connected to a " + m.kind() + " model");
                return;
            }
            context.input("table", TableSpec.class).ifPresent(t -> context.output("table", SpecSupport.transform(m, t)));
        });
    }

    @Override
    public void execute(NodeContext context) {
        ModelArtifact model = context.input("model", ModelArtifact.class);
        TableTransform t = ModelArtifacts.fromArtifact(model).withThreads(context.threads());
        if (t instanceof SimpleImputerModel s) {
            NodeSupport.warnDropped(context, s.droppedColumns());
        }
        context.output("table", t.apply(context.input("table", Table.class)));
        context.progress(1);
    }
}
