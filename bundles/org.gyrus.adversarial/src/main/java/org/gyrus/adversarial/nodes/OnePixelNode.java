package org.gyrus.adversarial.nodes;

import org.gyrus.adversarial.AttackResult;
import org.gyrus.adversarial.OnePixel;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** The one-pixel attack on any network artifact. */
@Component(service = NodeType.class)
public final class OnePixelNode implements NodeType {

    /** Parameters. */
    public static final class Parameters extends AttackParameters {
        /** Pixels. */
        @Parameter(label = "Pixels", description = "Pixels (voxels, or features of flat rows) changed per sample; the paper uses 1, 3 and 5", min = "1", max = "1000")
        public int pixels = 1;
        /** Population. */
        @Parameter(label = "Population", description = "Candidates per generation of differential evolution (the paper: 400)", min = "4", max = "100000")
        public int population = 400;
        /** Iterations. */
        @Parameter(label = "Iterations", description = "Generations of differential evolution (the paper: 100); a sample stops at its first success", min = "1", max = "100000")
        public int iterations = 100;
    }

    private static final NodeDescriptor DESCRIPTOR = AttackData.ports(NodeDescriptor.builder("org.gyrus.adversarial.one-pixel", "1.0.0")
            .name("One-pixel attack")
            .category("Adversarial")
            .documentation("""
                    The one-pixel attack (Su, Vargas & Sakurai 2019): differential evolution (DE/rand/1, F = 0.5, no \
                    crossover) over candidates that set a few pixels or voxels, each a position and a value per channel, \
                    to minimise the probability of the true class (targeted: maximise the target's). It needs only the \
                    network's outputs, no gradient. Seeded by the node's seed; samples attacked one after another. """ + AttackData.INPUTS_DOC))
            .parameters(Parameters.class)
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void execute(NodeContext context) {
        Parameters p = context.parameters(Parameters.class);
        AttackData data = AttackData.read(context, "one-pixel attack", p);
        OnePixel attack = Attacks.checked(data, () -> new OnePixel(p.pixels, p.population, p.iterations, data.labelsAreTargets,
                data.min, data.max, context.seed()));
        AttackResult r = Attacks.checked(data, () -> attack.attack(data.classifier, data.samples, data.labels));
        Attacks.write(context, data, r);
    }
}
