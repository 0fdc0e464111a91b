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
    public static final class Parameters {
        /** Pixels. */
        @Parameter(label = "Pixels", description = "Pixels (voxels, or features of flat rows) changed per sample; the paper uses 1, 3 and 5", min = "1", max = "1000")
        public int pixels = 1;
        /** Population. */
        @Parameter(label = "Population", description = "Candidates per generation of differential evolution (the paper: 400)", min = "4", max = "100000")
        public int population = 400;
        /** Iterations. */
        @Parameter(label = "Iterations", description = "Generations of differential evolution (the paper: 100); a sample stops at its first success", min = "1", max = "100000")
        public int iterations = 100;
        /** Target. */
        @Parameter(label = "Target class", description = "-1: untargeted (push away from the label); a class index: targeted (pull every sample towards it)", min = "-1")
        public int target = -1;
        /** Sample shape. */
        @Parameter(label = "Sample shape", description = "Shape of one row of the feature matrix, channels first (1,8,8; 1,16,16,16); empty: flat rows", required = false)
        public String sampleShape = "";
        /** Label column. */
        @Parameter(label = "Label column", description = "Integer class column of the labels table")
        public String labelColumn = "label";
        /** Valid range. */
        @Parameter(label = "Valid range", description = "min,max of valid values (0,1 for images scaled to [0, 1]); empty: the data's own", required = false)
        public String range = "";
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
        AttackData data = AttackData.read(context, "one-pixel attack", p.sampleShape, p.labelColumn, p.target, p.range);
        OnePixel attack = Attacks.checked(data, () -> new OnePixel(p.pixels, p.population, p.iterations, data.labelsAreTargets,
                data.min, data.max, context.seed()));
        AttackResult r = Attacks.checked(data, () -> attack.attack(data.classifier, data.samples, data.labels));
        Attacks.write(context, data, r);
    }
}
