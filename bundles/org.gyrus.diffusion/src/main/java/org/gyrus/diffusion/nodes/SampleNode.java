package org.gyrus.diffusion.nodes;

import java.util.Arrays;

import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.Report;
import org.gyrus.diffusion.DiffusionModel;
import org.gyrus.diffusion.Sampler;
import org.gyrus.nn.GaussianNoise;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** Generates images with a trained diffusion model: DDPM ancestral sampling or DDIM. */
@Component(service = NodeType.class)
public final class SampleNode implements NodeType {

    /** Parameters. */
    public static final class Parameters {
        /** Sampler. */
        @Parameter(label = "Sampler", description = "ddpm: ancestral sampling, one step per diffusion step (T); ddim: the given number of steps",
                choices = {"ddpm", "ddim"})
        public String sampler = "ddim";
        /** Count. */
        @Parameter(label = "Samples", description = "How many images to generate (sampled as one batch)", min = "1", max = "100000")
        public int count = 16;
        /** DDIM steps. */
        @Parameter(label = "DDIM steps", description = "Steps of DDIM (diffusers' 'leading' spacing)", min = "1", max = "10000")
        public int steps = 50;
        /** η. */
        @Parameter(label = "DDIM eta", description = "0: deterministic DDIM; 1: as much noise as DDPM", min = "0", max = "1")
        public double eta = 0;
        /** Clip. */
        @Parameter(label = "Clip x0", description = "Clip the predicted clean image to the training intensity range at each step (diffusers' clip_sample)")
        public boolean clip = true;
        /** Seed. */
        @Parameter(label = "Seed", description = "Seed of the starting noise and of the noise added along the way; -1: the pipeline's seed for this node")
        public long seed = -1;
    }

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("org.gyrus.diffusion.sample", "1.0.0")
            .name("Diffusion model (sample)")
            .category(VolumeFrames.CATEGORY)
            .documentation("""
                    Generates images with a diffusion model from the train node, starting from pure noise: DDPM ancestral \
                    sampling (Ho et al. 2020; diffusers' DDPMScheduler, variance fixed_small) over all T steps, or DDIM \
                    (Song et al. 2021; diffusers' DDIMScheduler) with any number of steps and η. The whole batch moves \
                    together; progress is reported and cancellation checked after every step.""")
            .input("model", ModelArtifact.class, "A diffusion model (network artifact with task 'diffusion')")
            .output("samples", FeatureMatrix.class, "The generated images, in intensity units, with the model's sample shape")
            .output("report", Report.class, "The samples in a grid")
            .parameters(Parameters.class)
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void execute(NodeContext context) {
        Parameters p = context.parameters(Parameters.class);
        String node = DiffusionData.node(context, "diffusion sampling");
        DiffusionModel model = DiffusionData.model(context, node);
        long seed = p.seed == -1 ? context.seed() : p.seed;
        int[] shape = model.sampleShape();
        int size = model.sampleSize();
        if ((long) size * p.count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(node + ": " + p.count + " samples of " + Arrays.toString(shape) + " do not fit in one array");
        }
        Sampler.Noise noise = new GaussianNoise(seed)::fill;
        float[] x = new float[p.count * size];
        noise.fill(x);
        Sampler sampler = new Sampler(model.schedule(), model.prediction(), p.clip);
        Sampler.Model net = model.asSamplerModel(Arrays.copyOfRange(shape, 1, shape.length));
        int t = model.schedule().steps();
        if (p.sampler.equals("ddpm")) {
            sampler.ddpm(net, x, p.count, t - 1, noise, DiffusionData.monitor(context, 0, 0.99));
        } else {
            if (p.steps > t) {
                throw new IllegalArgumentException(node + ": parameter 'steps' = " + p.steps + " exceeds the model's " + t + " diffusion steps");
            }
            sampler.ddim(net, x, p.count, Sampler.ddimTimesteps(t, p.steps), p.eta, noise, DiffusionData.monitor(context, 0, 0.99));
        }
        model.fromModelScale(x);
        context.output("samples", DiffusionData.samples(x, p.count, shape));
        double[] range = model.intensityRange();
        context.output("report", Report.empty().withFigure("Diffusion samples", "diffusion_samples",
                p.count + " samples, " + (p.sampler.equals("ddpm") ? "DDPM, " + t + " steps" : "DDIM, " + p.steps + " steps, η = " + p.eta),
                DiffusionData.grid(x, Math.min(p.count, 64), shape, range[0], range[1], "sample")));
        context.progress(1);
    }
}
