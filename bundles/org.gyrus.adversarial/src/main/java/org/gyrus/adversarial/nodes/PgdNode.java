package org.gyrus.adversarial.nodes;

import org.gyrus.adversarial.AttackResult;
import org.gyrus.adversarial.Norm;
import org.gyrus.adversarial.Pgd;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** Projected gradient descent on any network artifact. */
@Component(service = NodeType.class)
public final class PgdNode implements NodeType {

    /** Parameters. */
    public static final class Parameters extends AttackParameters {
        /** ε. */
        @Parameter(label = "Epsilon", description = "Radius of the ball the change stays in (data units)", min = "0")
        public double epsilon = 0.1;
        /** Norm. */
        @Parameter(label = "Norm", description = "inf: every value moves at most ε; 2: the sample's change has length at most ε", choices = {"inf", "2"})
        public String norm = "inf";
        /** Step size. */
        @Parameter(label = "Step size", description = "Size of each step (data units)", min = "0.000001")
        public double stepSize = 0.01;
        /** Steps. */
        @Parameter(label = "Steps", description = "Steps per restart", min = "1", max = "100000")
        public int steps = 10;
        /** Random start. */
        @Parameter(label = "Random start", description = "Begin each restart at a random point of the ball (Madry et al.), drawn from the node's seed")
        public boolean randomStart = true;
        /** Restarts. */
        @Parameter(label = "Restarts", description = "Random starts; a later one replaces a sample's result only where it succeeds", min = "1", max = "1000")
        public int restarts = 1;
    }

    private static final NodeDescriptor DESCRIPTOR = AttackData.ports(NodeDescriptor.builder("org.gyrus.adversarial.pgd", "1.0.0")
            .name("PGD attack")
            .category("Adversarial")
            .documentation("""
                    Projected gradient descent (Madry et al. 2018) as the Adversarial Robustness Toolbox's \
                    ProjectedGradientDescent: from the sample (or a random point of the ε-ball), steps of the given size \
                    along the sign of the input gradient (norm inf) or the gradient scaled to unit length per sample \
                    (norm 2), up the true class's loss or, targeted, down the target's; after each step, clipping to the \
                    valid range and projection back into the ε-ball. Restarts keep, per sample, the last successful \
                    result. """ + AttackData.INPUTS_DOC))
            .parameters(Parameters.class)
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void execute(NodeContext context) {
        Parameters p = context.parameters(Parameters.class);
        AttackData data = AttackData.read(context, "PGD", p);
        Pgd pgd = Attacks.checked(data, () -> new Pgd((float) p.epsilon, (float) p.stepSize, p.steps, Norm.parse(p.norm),
                data.labelsAreTargets, p.randomStart, p.restarts, data.min, data.max, context.seed()));
        AttackResult r = Attacks.checked(data, () -> pgd.attack(data.classifier, data.samples, data.labels));
        Attacks.write(context, data, r);
    }
}
