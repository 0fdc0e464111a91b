package org.gyrus.diffusion.nodes;

import java.util.Arrays;
import java.util.Optional;

import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.gyrus.data.Volume;
import org.gyrus.diffusion.NoiseLevel;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.osgi.service.component.annotations.Component;

/** Estimates the noise level of a volume. */
@Component(service = NodeType.class)
public final class NoiseLevelNode implements NodeType {

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("org.gyrus.diffusion.noise-level", "1.0.0")
            .name("Noise level")
            .category(VolumeFrames.CATEGORY)
            .documentation("Estimates the noise standard deviation: for Gaussian noise the robust MAD of the finest wavelet detail band "
                    + "(scikit-image's estimate_sigma, on the first 3-D frame); for magnitude (Rician) images, given a background mask, "
                    + "√(mean M²/2) over the background, where the signal is zero.")
            .input("volume", Volume.class, "The noisy volume")
            .optionalInput("background", Volume.class, "Optional: a mask on the same grid, non-zero where there is only noise (air)")
            .output("table", Table.class, "One row per estimate: method, sigma")
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void execute(NodeContext context) {
        VolumeFrames v = new VolumeFrames(context.input("volume", Volume.class), "Noise level");
        Optional<Volume> background = context.optionalInput("background", Volume.class);
        float[] frame = v.frame(0);
        double gaussian = NoiseLevel.gaussianSigma(frame, v.spatial);
        if (background.isEmpty()) {
            context.output("table", Table.of(new TextColumn("method", "wavelet-mad"), new NumericColumn("sigma", new double[] {gaussian})));
            return;
        }
        Volume mask = background.get();
        long[] spatial = Arrays.copyOf(v.volume.dimensions(), v.spatial.length);
        if (!Arrays.equals(Arrays.copyOf(mask.dimensions(), Math.min(3, mask.numDimensions())), spatial)) {
            throw new IllegalArgumentException("Noise level: the background mask " + Arrays.toString(mask.dimensions())
                    + " is not on the volume's grid " + Arrays.toString(v.volume.dimensions()));
        }
        float[] m = mask.toFloatArray();
        boolean[] bg = new boolean[frame.length];
        for (int i = 0; i < bg.length; i++) {
            bg[i] = m[i] != 0;
        }
        double rician = NoiseLevel.ricianSigmaFromBackground(frame, bg);
        context.output("table", Table.of(new TextColumn("method", "wavelet-mad", "rician-background"),
                new NumericColumn("sigma", new double[] {gaussian, rician})));
    }
}
