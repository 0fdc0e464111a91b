package org.gyrus.diffusion.nodes;

import java.util.Arrays;
import java.util.Optional;

import org.gyrus.data.ModelArtifact;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.gyrus.data.Volume;
import org.gyrus.diffusion.DiffusionDenoiser;
import org.gyrus.diffusion.DiffusionModel;
import org.gyrus.diffusion.NoiseLevel;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** Denoises a volume with a diffusion model, SDEdit-style. */
@Component(service = NodeType.class)
public final class DenoiseNode implements NodeType {

    /** Parameters. */
    public static final class Parameters {
        /** σ. */
        @Parameter(label = "Noise sigma", description = "Standard deviation of the noise in intensity units; 0: estimate it (wavelet MAD, "
                + "or from the background for Rician noise when a background mask is connected)", min = "0")
        public double sigma = 0;
        /** Method. */
        @Parameter(label = "Reverse process", description = "ddim: deterministic DDIM (η = 0) with the given steps; ddpm: ancestral, every step",
                choices = {"ddim", "ddpm"})
        public String method = "ddim";
        /** Steps. */
        @Parameter(label = "DDIM steps", description = "DDIM steps from the matching timestep to the clean image (1: the network's one-shot estimate)",
                min = "1", max = "10000")
        public int steps = 3;
        /** Strength. */
        @Parameter(label = "Strength", description = "Start at a noise level this many times the image's (1: the matching timestep; "
                + "more: SDEdit's extra noise, more change)", min = "1", max = "100")
        public double strength = 1;
        /** Seed. */
        @Parameter(label = "Seed", description = "Seed of the added noise (DDPM, strength above 1); -1: the pipeline's seed for this node")
        public long seed = -1;
    }

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("org.gyrus.diffusion.denoise", "1.0.0")
            .name("Diffusion denoising")
            .category(VolumeFrames.CATEGORY)
            .documentation("""
                    Denoises a volume with a diffusion model from the train node (SDEdit, Meng et al. 2022): the noisy image, \
                    scaled by √ᾱ, is taken as the diffusion state at the timestep whose noise level matches the image's, and \
                    the reverse process runs from there. The noise level is given or estimated: for Gaussian noise by the \
                    MAD of the finest wavelet detail band (scikit-image's estimate_sigma), for magnitude (Rician) images from \
                    a background mask; Rician noise is then treated as Gaussian of that σ, which holds where the signal is \
                    well above the noise. A 2-D model denoises each axial slice, a 3-D one overlapping patches, blended. \
                    The output keeps the input's grid and affine (write it as NIfTI with the volume writer).""")
            .input("model", ModelArtifact.class, "A diffusion model (network artifact with task 'diffusion')")
            .input("volume", Volume.class, "The noisy volume (3-D; each frame of a 4-D volume on its own)")
            .optionalInput("background", Volume.class, "Optional: a mask of air (no signal) on the same grid, for the Rician noise estimate")
            .output("volume", Volume.class, "The denoised volume, same grid and affine")
            .output("table", Table.class, "Per frame: the noise sigma, how it was found, and the starting timestep")
            .parameters(Parameters.class)
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void execute(NodeContext context) {
        Parameters p = context.parameters(Parameters.class);
        String node = DiffusionData.node(context, "diffusion denoising");
        DiffusionModel model = DiffusionData.model(context, node);
        VolumeFrames v = new VolumeFrames(context.input("volume", Volume.class), "Diffusion denoising");
        int[] dims = v.spatial.length == 3 ? v.spatial : new int[] {v.spatial[0], v.spatial.length > 1 ? v.spatial[1] : 1, 1};
        boolean[] background = background(context, node, v);
        DiffusionDenoiser denoiser;
        try {
            denoiser = new DiffusionDenoiser(model, new DiffusionDenoiser.Settings(p.method, p.steps, p.strength,
                    p.seed == -1 ? context.seed() : p.seed));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(node + ": " + e.getMessage(), e);
        }
        double[] sigmas = new double[v.frames];
        String[] how = new String[v.frames];
        double[] timestep = new double[v.frames];
        int[] frame = {0};
        Volume out = v.map(context, f -> {
            int i = frame[0]++;
            double sigma = p.sigma;
            how[i] = "given";
            if (sigma == 0) {
                sigma = background != null ? NoiseLevel.ricianSigmaFromBackground(f, background) : NoiseLevel.gaussianSigma(f, v.spatial);
                how[i] = background != null ? "rician-background" : "wavelet-mad";
            }
            sigmas[i] = sigma;
            if (!(sigma > 0)) {
                timestep[i] = Double.NaN;
                how[i] += " (no noise: unchanged)";
                return f.clone();
            }
            timestep[i] = DiffusionDenoiser.matchingTimestep(model.schedule(), model.intensityScale() * sigma * p.strength);
            try {
                return denoiser.denoiseVolume(f, dims, sigma, (d, t) -> {
                    context.checkCancelled();
                    context.progress((i + (double) d / t) / v.frames);
                });
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(node + ": " + e.getMessage(), e);
            }
        });
        double[] frames = new double[v.frames];
        Arrays.setAll(frames, i -> i);
        context.output("volume", out);
        context.output("table", Table.of(new NumericColumn("frame", frames), new NumericColumn("sigma", sigmas), new TextColumn("estimate", how),
                new NumericColumn("timestep", timestep)));
    }

    private static boolean[] background(NodeContext context, String node, VolumeFrames v) {
        Optional<Volume> mask = context.optionalInput("background", Volume.class);
        if (mask.isEmpty()) {
            return null;
        }
        long[] spatial = Arrays.copyOf(v.volume.dimensions(), v.spatial.length);
        if (!Arrays.equals(Arrays.copyOf(mask.get().dimensions(), Math.min(3, mask.get().numDimensions())), spatial)) {
            throw new IllegalArgumentException(node + ": the background mask " + Arrays.toString(mask.get().dimensions())
                    + " is not on the volume's grid " + Arrays.toString(v.volume.dimensions()));
        }
        float[] m = mask.get().toFloatArray();
        boolean[] bg = new boolean[v.frameSize];
        boolean any = false;
        for (int i = 0; i < bg.length; i++) {
            bg[i] = m[i] != 0;
            any |= bg[i];
        }
        if (!any) {
            throw new IllegalArgumentException(node + ": the background mask is empty");
        }
        return bg;
    }
}
