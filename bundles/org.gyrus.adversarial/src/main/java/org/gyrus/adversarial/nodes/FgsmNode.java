package org.gyrus.adversarial.nodes;

import org.gyrus.adversarial.AttackResult;
import org.gyrus.adversarial.Fgsm;
import org.gyrus.adversarial.Norm;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** The fast gradient sign method on any network artifact. */
@Component(service = NodeType.class)
public final class FgsmNode implements NodeType {

    /** Parameters. */
    public static final class Parameters extends AttackParameters {
        /** ε. */
        @Parameter(label = "Epsilon", description = "Size of the step (in the data's units; L∞: per value, L2: per sample)", min = "0")
        public double epsilon = 0.1;
        /** Norm. */
        @Parameter(label = "Norm", description = "inf: the sign of the gradient (FGSM); 2: the gradient scaled to length ε per sample", choices = {"inf", "2"})
        public String norm = "inf";
    }

    private static final NodeDescriptor DESCRIPTOR = AttackData.ports(NodeDescriptor.builder("org.gyrus.adversarial.fgsm", "1.0.0")
            .name("FGSM attack")
            .category("Adversarial")
            .documentation("""
                    The fast gradient sign method (Goodfellow et al. 2015) as the Adversarial Robustness Toolbox's \
                    FastGradientMethod: one step of size ε along the sign of the input gradient of the cross-entropy \
                    (or along the gradient scaled to length ε per sample, norm 2), up the loss of the true class or, \
                    targeted, down the loss of the target class; then clipped to the valid range. """ + AttackData.INPUTS_DOC))
            .parameters(Parameters.class)
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void execute(NodeContext context) {
        Parameters p = context.parameters(Parameters.class);
        AttackData data = AttackData.read(context, "FGSM", p);
        Fgsm fgsm = Attacks.checked(data, () -> new Fgsm((float) p.epsilon, Norm.parse(p.norm), data.labelsAreTargets, data.min, data.max));
        AttackResult r = Attacks.checked(data, () -> fgsm.attack(data.classifier, data.samples, data.labels));
        Attacks.write(context, data, r);
    }
}
