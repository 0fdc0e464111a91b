package org.gyrus.preprocess.nodes;

import java.util.Optional;

import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.FittedBy;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.ModelSpec;
import org.gyrus.data.Table;
import org.gyrus.data.TableSpec;
import org.gyrus.data.TrainingRows;
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
                    table lacks a column the model was fitted on or holds a value the model cannot handle. A model \
                    that records its training rows marks the output table as shaped by it, so that a cross-validation \
                    of that table over rows the model was fitted on is refused (a leak); applying it back to its own \
                    training rows is allowed (as fit nodes do for their 'table' output) and logged as a warning.""")
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
        Table in = context.input("table", Table.class);
        Table out = NodeSupport.carried(in, t.apply(in));
        Optional<TrainingRows> fitted = TrainingRows.of(model);
        if (fitted.isPresent()) {
            out = out.withFittedBy(new FittedBy("the " + model.kind() + " model applied by node '" + context.nodeId() + "'", fitted.get()));
            int[] own = fitted.get().overlap(in);
            if (own.length > 0) {
                context.logger().log(System.Logger.Level.WARNING, own.length + " of the " + in.rowCount() + " rows (e.g. '"
                        + FeatureMatrix.rowIdsOf(in).get(own[0]) + "') were among the rows or subjects the model was fitted on: their "
                        + "values used their own statistics (they are not held out from this model), and a cross-validation over rows the model "
                        + "was fitted on will be refused");
            }
        }
        context.output("table", out);
        context.progress(1);
    }
}
