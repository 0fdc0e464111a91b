package org.gyrus.diffusion.nodes;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.gyrus.data.Chart;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Report;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.gyrus.data.Volume;
import org.gyrus.data.VolumeSet;
import org.gyrus.diffusion.DiffusionModel;
import org.gyrus.diffusion.DiffusionTraining;
import org.gyrus.diffusion.Histograms;
import org.gyrus.diffusion.Prediction;
import org.gyrus.diffusion.Sampler;
import org.gyrus.diffusion.TrainingImages;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** Trains a denoising diffusion model (a timestep-conditioned U-Net) on slices or patches. */
@Component(service = NodeType.class)
public final class TrainNode implements NodeType {

    /** The node type id, recorded in the model as {@code trained_by}. */
    public static final String ID = DiffusionModel.TRAINED_BY;

    /** Parameters. */
    public static final class Parameters {
        /** 2-D or 3-D. */
        @Parameter(label = "Dimensions", description = "2: axial slices or 2-D patches of the volumes; 3: 3-D patches (ignored for images given as rows)",
                choices = {"2", "3"})
        public String dims = "2";
        /** Patch size. */
        @Parameter(label = "Patch size", description = "Side of the patches cut from the volumes, every half patch, centred in the mask; 0: whole axial slices (2-D)",
                min = "0", max = "512")
        public int patchSize = 0;
        /** Held-out subjects. */
        @Parameter(label = "Hold out", description = "Leave the last this many volumes out of training; they come out as 'heldOut' for evaluation",
                min = "0")
        public int holdOut = 0;
        /** Image cap. */
        @Parameter(label = "Max images", description = "Train on a seeded random subset of at most this many slices or patches; 0: all", min = "0")
        public int maxImages = 0;
        /** U-Net channels. */
        @Parameter(label = "Channels", description = "U-Net channels per level (each level halves the resolution), e.g. 16,32")
        public int[] channels = {16, 32};
        /** Epochs. */
        @Parameter(label = "Epochs", description = "Passes over the training images", min = "1", max = "100000")
        public int epochs = 20;
        /** Batch size. */
        @Parameter(label = "Batch size", min = "1", max = "4096")
        public int batchSize = 8;
        /** Learning rate. */
        @Parameter(label = "Learning rate", description = "Adam's learning rate", min = "0.0000001", max = "1")
        public double learningRate = 2e-3;
        /** EMA decay. */
        @Parameter(label = "EMA decay", description = "Decay of the exponential moving average of the weights that becomes the model "
                + "(diffusers' EMAModel, with its warm-up min(decay, (1+step)/(10+step))); 0: keep the last weights", min = "0", max = "0.99999")
        public double emaDecay = 0.995;
        /** Gradient clipping. */
        @Parameter(label = "Gradient clip", description = "Largest global L2 norm of the gradients (torch.nn.utils.clip_grad_norm_); 0: none", min = "0")
        public double gradClip = 1.0;
        /** Prediction target. */
        @Parameter(label = "Prediction", description = "What the network learns to predict: the velocity v (Salimans and Ho) or the noise (epsilon). "
                + "Generating from pure noise needs v at small training budgets: an epsilon model's samples keep the mean of the starting noise "
                + "(the middle of the intensity range), see the bundle README", choices = {"v", "epsilon"})
        public String prediction = "v";
        /** Noise schedule. */
        @Parameter(label = "Noise schedule", choices = {"linear", "cosine", "scaled-linear"})
        public String schedule = "linear";
        /** T. */
        @Parameter(label = "Diffusion steps", description = "The number of forward-process steps T", min = "2", max = "10000")
        public int trainSteps = 1000;
        /** Samples in the report. */
        @Parameter(label = "Report samples", description = "Images generated for the report (DDIM, η = 0); 0: none", min = "0", max = "64")
        public int reportSamples = 8;
        /** Steps for the report samples. */
        @Parameter(label = "Report sampling steps", description = "DDIM steps of the report's samples", min = "1", max = "10000")
        public int reportSteps = 50;
        /** Seed. */
        @Parameter(label = "Seed", description = "Seed of the weights, batches, timesteps and noise; -1: the pipeline's seed for this node")
        public long seed = -1;
    }

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder(ID, "1.0.0")
            .name("Diffusion model (train)")
            .category(VolumeFrames.CATEGORY)
            .documentation("""
                    Trains a denoising diffusion model (Ho et al. 2020): a U-Net with a sinusoidal timestep embedding \
                    (org.gyrus.nn's UNet, no attention) learns to predict the velocity v (the default) or the noise ε of images \
                    noised to a uniformly drawn timestep, under the mean squared error, with Adam, gradient clipping and \
                    an exponential moving average of the weights, which becomes the model. Images are the rows of a \
                    feature matrix with a sample shape, or axial slices or patches cut from volumes (inside the mask when \
                    given); intensities are mapped from the training images' range to [-1, 1]. The model is a \
                    self-describing network artifact (weights under PyTorch's names) that the sample and denoise nodes \
                    read. The report has the loss curve, a grid of generated samples beside training images, and the \
                    Wasserstein distance between the intensity histograms of samples and training images.""")
            .optionalInput("images", FeatureMatrix.class, "Training images as rows with a sample shape (C×H×W or C×D×H×W)")
            .optionalInput("volumes", VolumeSet.class, "Or: 3-D volumes on one grid to cut slices or patches from")
            .optionalInput("mask", Volume.class, "Optional with volumes: only slices or patches (centres) inside this mask")
            .output("model", ModelArtifact.class, "The diffusion model (network artifact, task 'diffusion')")
            .output("curve", Table.class, "Mean training loss per epoch: epoch, loss")
            .output("samples", FeatureMatrix.class, "The report's generated samples, in intensity units, with the sample shape")
            .output("report", Report.class, "Loss curve, samples beside training images, histogram distance")
            .output("heldOut", VolumeSet.class, "The volumes left out of training (parameter holdOut), never seen by the model")
            .parameters(Parameters.class)
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void execute(NodeContext context) {
        Parameters p = context.parameters(Parameters.class);
        String node = DiffusionData.node(context, "diffusion training");
        long seed = p.seed == -1 ? context.seed() : p.seed;
        TrainingImages images = DiffusionData.images(context, node, Integer.parseInt(p.dims), p.patchSize, p.holdOut);
        images.limit(p.maxImages, seed);
        float[] x = images.values();
        int n = images.count();
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (float v : x) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException(node + ": the training images contain NaN or infinite values");
            }
            low = Math.min(low, v);
            high = Math.max(high, v);
        }
        if (!(high > low)) {
            throw new IllegalArgumentException(node + ": the training images are constant (" + low + "): nothing to learn");
        }
        DiffusionTraining.Settings settings;
        try {
            settings = new DiffusionTraining.Settings(p.epochs, p.batchSize, p.learningRate, p.emaDecay, p.gradClip,
                    Prediction.of(p.prediction), p.schedule, p.trainSteps, p.channels, seed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(node + ": " + e.getMessage(), e);
        }
        double trainShare = p.reportSamples > 0 ? 0.9 : 1.0;
        DiffusionModel model = DiffusionTraining.train(x, n, images.shape(), low, high, settings,
                DiffusionData.monitor(context, 0, trainShare));
        int[] shape = images.shape();
        int size = x.length / n;
        float[] samples = new float[0];
        if (p.reportSamples > 0) {
            samples = generate(model, p.reportSamples, p.reportSteps, seed, DiffusionData.monitor(context, trainShare, 1));
        }
        List<Double> loss = model.loss();
        double[] epoch = new double[loss.size()];
        double[] values = new double[loss.size()];
        for (int i = 0; i < loss.size(); i++) {
            epoch[i] = i + 1;
            values[i] = loss.get(i);
        }
        Table curve = Table.of(NumericColumn.wrap("epoch", ColumnRole.ID, epoch), NumericColumn.wrap("loss", ColumnRole.FEATURE, values));
        Report report = Report.empty()
                .withText("Diffusion model", String.format(Locale.ROOT, "%d training images of shape %s, intensities [%.4g, %.4g] mapped to [-1, 1]; "
                        + "U-Net channels %s; %s prediction, %s schedule, T = %d; %d epochs, batch %d, learning rate %.3g, EMA decay %.4g, "
                        + "gradient clip %.3g; seed %d.", n, Arrays.toString(shape), low, high, Arrays.toString(p.channels), p.prediction,
                        p.schedule, p.trainSteps, p.epochs, p.batchSize, p.learningRate, p.emaDecay, p.gradClip, seed))
                .withFigure("Training loss", "diffusion_loss", "Mean squared error of the " + p.prediction + " prediction per epoch",
                        new Chart("Training loss", "epoch", "MSE").line("loss", epoch, values))
                .withMetrics("Training loss", "diffusion_loss", curve);
        FeatureMatrix sampleRows = DiffusionData.samples(samples, samples.length / size, shape);
        if (samples.length > 0) {
            int k = samples.length / size;
            float[] shown = Arrays.copyOf(x, Math.min(n, k) * size);
            double w1 = Histograms.wasserstein(samples, x);
            double baseline = Histograms.wasserstein(gaussianLike(x, samples.length, seed), x);
            report = report.withFigure("Generated samples", "diffusion_samples", "DDIM (" + p.reportSteps + " steps, η = 0) samples",
                            DiffusionData.grid(samples, k, shape, low, high, "sample"))
                    .withFigure("Training images", "diffusion_training_images", "The first training images, same intensity window",
                            DiffusionData.grid(shown, Math.min(n, k), shape, low, high, "image"))
                    .withMetrics("Intensity histogram distance", "diffusion_histogram_distance", Table.of(
                            new TextColumn("compared", "generated samples vs training images",
                                    "Gaussian noise of the training mean and SD vs training images"),
                            new NumericColumn("wasserstein", new double[] {w1, baseline}),
                            new NumericColumn("wasserstein_fraction_of_range", new double[] {w1 / (high - low), baseline / (high - low)})));
        }
        context.output("model", model.toArtifact());
        context.output("curve", curve);
        context.output("samples", sampleRows);
        context.output("report", report);
        context.output("heldOut", DiffusionData.heldOut(context, p.holdOut));
        context.progress(1);
    }

    /** k samples generated from pure noise with DDIM (η = 0), in intensity units. */
    static float[] generate(DiffusionModel model, int k, int steps, long seed, Sampler.Monitor monitor) {
        int size = model.sampleSize();
        Random random = new Random(seed ^ 0x5DEECE66DL);
        float[] noise = new float[k * size];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) random.nextGaussian();
        }
        int[] spatial = Arrays.copyOfRange(model.sampleShape(), 1, model.sampleShape().length);
        Sampler s = model.sampler();
        float[] out = s.ddim(model.asSamplerModel(spatial), noise, k, Sampler.ddimTimesteps(s.schedule().steps(),
                Math.min(steps, s.schedule().steps())), 0, z -> { }, monitor);
        return model.fromModelScale(out);
    }

    // what a model that learned only the mean and spread would produce: the baseline of the histogram distance
    private static float[] gaussianLike(float[] x, int count, long seed) {
        double mean = 0;
        for (float v : x) {
            mean += v;
        }
        mean /= x.length;
        double var = 0;
        for (float v : x) {
            var += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(var / x.length);
        Random r = new Random(seed + 1);
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = (float) (mean + sd * r.nextGaussian());
        }
        return out;
    }
}
