package org.gyrus.diffusion.nodes;

import org.gyrus.data.Volume;
import org.gyrus.diffusion.AddedNoise;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** Adds synthetic Gaussian or Rician noise to a volume, for denoising experiments. */
@Component(service = NodeType.class)
public final class AddNoiseNode implements NodeType {

    /** Parameters. */
    public static final class Parameters {
        /** Kind. */
        @Parameter(label = "Noise", description = "gaussian: x + σn; rician: the magnitude √((x + σn₁)² + (σn₂)²) of MR images", choices = {"gaussian", "rician"})
        public String noise = "gaussian";
        /** Level. */
        @Parameter(label = "Level", description = "σ as a fraction of the volume's intensity range (max − min)", min = "0", max = "10")
        public double level = 0.1;
        /** Seed. */
        @Parameter(label = "Seed", description = "Seed of the noise; -1: the pipeline's seed for this node")
        public long seed = -1;
    }

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("org.gyrus.diffusion.add-noise", "1.0.0")
            .name("Add noise")
            .category(VolumeFrames.CATEGORY)
            .documentation("Adds seeded Gaussian or Rician noise with σ = level × the volume's intensity range (of all frames). "
                    + "The output keeps the input's grid and affine.")
            .input("volume", Volume.class, "The clean volume")
            .output("volume", Volume.class, "The noisy volume, same grid and affine")
            .parameters(Parameters.class)
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void execute(NodeContext context) {
        Parameters p = context.parameters(Parameters.class);
        Volume v = context.input("volume", Volume.class);
        float[] data = v.toFloatArray();
        double sigma = p.level * AddedNoise.range(data);
        float[] noisy = AddedNoise.add(data, p.noise, sigma, p.seed == -1 ? context.seed() : p.seed);
        context.output("volume", v.toBuilder(net.imglib2.img.array.ArrayImgs.floats(noisy, v.dimensions())).build());
        context.progress(1);
    }
}
