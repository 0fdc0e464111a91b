package org.gyrus.diffusion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gyrus.data.ModelArtifact;
import org.gyrus.nn.NoGrad;
import org.gyrus.nn.Tensor;
import org.gyrus.nn.io.TensorData;
import org.gyrus.nn.layers.Module;
import org.gyrus.nn.layers.NetworkFile;
import org.gyrus.nn.layers.UNet;

/**
 * A trained denoising diffusion model: a timestep-conditioned U-Net, the noise schedule it was
 * trained on, what it predicts (ε or v), the shape of one sample (channels first: 1×H×W for slices,
 * 1×D×H×W for patches) and the intensity range mapped to [−1, 1]. Saved as a self-describing
 * network artifact (docs/network-format.md: kind {@code network}, the module graph in the entry
 * {@code network}, weights under PyTorch's names, so PyTorch loads them into the same U-Net) whose
 * metadata also say {@code task} "diffusion" and everything above.
 */
public final class DiffusionModel {

    /** The node type that trains these models, recorded as {@code trained_by}. */
    public static final String TRAINED_BY = "org.gyrus.diffusion.train";
    private static final int BATCH = 16;

    private final Module network;
    private final String schedule;
    private final NoiseSchedule noiseSchedule;
    private final Prediction prediction;
    private final int[] sampleShape;
    private final double low;
    private final double high;
    private final List<Double> loss;
    private final int trainingImages;

    DiffusionModel(Module network, String schedule, int trainSteps, Prediction prediction, int[] sampleShape, double low, double high,
            List<Double> loss, int trainingImages) {
        if (!(high > low)) {
            throw new IllegalArgumentException("Diffusion model: the intensity range [" + low + ", " + high + "] is empty");
        }
        this.network = network;
        this.schedule = schedule;
        this.noiseSchedule = NoiseSchedule.named(schedule, trainSteps);
        this.prediction = prediction;
        this.sampleShape = sampleShape.clone();
        this.low = low;
        this.high = high;
        this.loss = List.copyOf(loss);
        this.trainingImages = trainingImages;
    }

    /** How many images the model was trained on. */
    public int trainingImages() {
        return trainingImages;
    }

    /** The noise schedule. */
    public NoiseSchedule schedule() {
        return noiseSchedule;
    }

    /** What the network predicts. */
    public Prediction prediction() {
        return prediction;
    }

    /** The shape of one sample, channels first. */
    public int[] sampleShape() {
        return sampleShape.clone();
    }

    /** The number of values of one sample. */
    public int sampleSize() {
        return Arrays.stream(sampleShape).reduce(1, (a, b) -> a * b);
    }

    /** The mean training loss per epoch (empty once loaded from an artifact without it). */
    public List<Double> loss() {
        return loss;
    }

    /** The intensities mapped to −1 and +1: the training images' minimum and maximum. */
    public double[] intensityRange() {
        return new double[] {low, high};
    }

    /** The number of spatial dimensions (2 or 3). */
    public int dims() {
        return sampleShape.length - 1;
    }

    /** The network. */
    Module network() {
        return network;
    }

    /** Intensities to the model's [−1, 1] scale, in place. */
    void toModelScale(float[] x) {
        double s = 2 / (high - low);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) ((x[i] - low) * s - 1);
        }
    }

    /** The model's scale back to intensities, in place. */
    void toIntensities(float[] x) {
        double s = (high - low) / 2;
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) ((x[i] + 1) * s + low);
        }
    }

    /** Values on the model's scale as intensities, in place; returns the array. */
    public float[] fromModelScale(float[] x) {
        toIntensities(x);
        return x;
    }

    /** A noise standard deviation in intensity units on the model's scale. */
    double toModelSigma(double sigma) {
        return sigma * intensityScale();
    }

    /** The factor 2 / (high − low) from intensity units to the model's scale. */
    public double intensityScale() {
        return 2 / (high - low);
    }

    /** A sampler on this model's schedule and prediction, clipping x₀ to [−1, 1]. */
    public Sampler sampler() {
        return new Sampler(noiseSchedule, prediction, true);
    }

    /**
     * The network as the sampler calls it: in evaluation mode, without autograd, {@value #BATCH}
     * samples at a time. Each sample must have this model's shape except, for whole slices, any
     * spatial size given in {@code spatial} (the U-Net works on any size).
     */
    public Sampler.Model asSamplerModel(int[] spatial) {
        network.eval();
        int c = sampleShape[0];
        int size = c * Arrays.stream(spatial).reduce(1, (a, b) -> a * b);
        return (x, n, t) -> {
            if (x.length != n * size) {
                throw new IllegalArgumentException("Diffusion model: " + x.length + " values are not " + n + " samples of " + size);
            }
            float[] out = new float[x.length];
            try (NoGrad ignored = Tensor.noGrad()) {
                for (int from = 0; from < n; from += BATCH) {
                    int b = Math.min(BATCH, n - from);
                    int[] shape = new int[spatial.length + 2];
                    shape[0] = b;
                    shape[1] = c;
                    System.arraycopy(spatial, 0, shape, 2, spatial.length);
                    Tensor in = Tensor.of(Arrays.copyOfRange(x, from * size, (from + b) * size), shape);
                    float[] ts = new float[b];
                    Arrays.fill(ts, t);
                    float[] o = network.forward(in, Tensor.of(ts, b)).data();
                    System.arraycopy(o, 0, out, from * size, b * size);
                }
            }
            return out;
        };
    }

    /** The network artifact. */
    public ModelArtifact toArtifact() {
        ModelArtifact.Builder b = ModelArtifact.builder(NetworkFile.ARTIFACT_KIND)
                .metadata(NetworkFile.ARTIFACT_ENTRY, NetworkFile.describeAsObject(network))
                .metadata("trained_by", TRAINED_BY)
                .metadata("task", "diffusion")
                .metadata("output", prediction.id())
                .metadata("schedule", schedule)
                .metadata("train_steps", noiseSchedule.steps())
                .metadata("sample_shape", Arrays.stream(sampleShape).boxed().toList())
                .metadata("intensity_low", low)
                .metadata("intensity_high", high)
                .metadata("train_loss", loss)
                .metadata("training_images", trainingImages);
        for (Map.Entry<String, TensorData> e : network.stateDict().entrySet()) {
            b.tensor(e.getKey(), e.getValue());
        }
        return b.build();
    }

    /**
     * Rebuilds a diffusion model from a network artifact whose metadata describe it.
     *
     * @throws IllegalArgumentException if the artifact is not a network, or not a diffusion model
     */
    public static DiffusionModel fromArtifact(ModelArtifact a) {
        a.require(1, "a diffusion model", NetworkFile.ARTIFACT_KIND);
        Map<String, Object> m = a.metadata();
        if (!"diffusion".equals(m.get("task"))) {
            throw new IllegalArgumentException("The network is not a diffusion model (its metadata 'task' is " + m.get("task")
                    + ", not 'diffusion')");
        }
        return a.read(x -> {
            Module net = NetworkFile.rebuild(m.get(NetworkFile.ARTIFACT_ENTRY), x.tensors());
            if (!(net instanceof UNet)) {
                throw new IllegalArgumentException("The diffusion model's network is a " + net.getClass().getSimpleName() + ", not a UNet");
            }
            List<String> shape = x.strings("sample_shape");
            int[] s = shape.stream().mapToInt(v -> (int) Double.parseDouble(v)).toArray();
            List<Double> loss = new ArrayList<>();
            if (m.get("train_loss") instanceof List<?> l) {
                l.forEach(v -> loss.add(((Number) v).doubleValue()));
            }
            return new DiffusionModel(net, (String) m.get("schedule"), ((Number) m.get("train_steps")).intValue(),
                    Prediction.of((String) m.get("output")), s, ((Number) m.get("intensity_low")).doubleValue(),
                    ((Number) m.get("intensity_high")).doubleValue(), loss,
                    m.get("training_images") instanceof Number k ? k.intValue() : 0);
        });
    }

    /** A summary of the settings for reports. */
    Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("schedule", schedule);
        d.put("train_steps", noiseSchedule.steps());
        d.put("prediction", prediction.id());
        d.put("sample_shape", Arrays.toString(sampleShape));
        d.put("parameters", network.parameterCount());
        return d;
    }
}
