package org.gyrus.learn;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.gyrus.data.ModelArtifact;
import org.gyrus.nn.NoGrad;
import org.gyrus.nn.Tensor;
import org.gyrus.nn.io.TensorData;
import org.gyrus.nn.layers.Module;
import org.gyrus.nn.layers.NetworkFile;
import org.gyrus.nn.train.History;

/**
 * A trained classifier network (an MLP or a CNN) with its classes, feature names and the shape of
 * one sample. Saved as a self-describing network artifact (docs/network-format.md: kind
 * {@code network}, the module graph in the entry {@code network}, weights under PyTorch's names),
 * so any bundle rebuilds it with {@link NetworkFile#rebuild} alone; the metadata also say what the
 * outputs mean: {@code task} "classification", {@code output} "logits" (one per class, in the
 * order of {@code classes}), {@code feature_names}, and {@code sample_shape} (channels first, e.g.
 * [1, 28, 28]; [features] for flat rows).
 */
public final class ClassifierNetwork {

    /** The node kind that trains an MLP, recorded as {@code trained_by}. */
    public static final String MLP = "org.gyrus.learn.mlp-classifier";
    /** The node kind that trains a CNN, recorded as {@code trained_by}. */
    public static final String CNN = "org.gyrus.learn.cnn-classifier";

    private final Module network;
    private final List<String> classes;
    private final List<String> featureNames;
    private final int[] sampleShape;
    private final History history;
    private final String trainedBy;

    ClassifierNetwork(Module network, List<String> classes, List<String> featureNames, int[] sampleShape, History history, String trainedBy) {
        this.network = network;
        this.classes = List.copyOf(classes);
        this.featureNames = List.copyOf(featureNames);
        this.sampleShape = sampleShape.clone();
        this.history = history;
        this.trainedBy = trainedBy;
    }

    public List<String> classes() {
        return classes;
    }

    public List<String> featureNames() {
        return featureNames;
    }

    /** The shape of one sample, channels first ({@code [features]} for flat rows). */
    public int[] sampleShape() {
        return sampleShape.clone();
    }

    /** The training and validation loss per epoch, the best epoch and why training stopped (null once loaded). */
    public History history() {
        return history;
    }

    /**
     * The probability of each class for each sample: the soft-max of the network's logits,
     * computed in double precision. Samples go through the network in batches of 256.
     *
     * @param x the samples, n rows of {@link #sampleShape()} values each
     * @return {@code proba[class][sample]}
     */
    public double[][] predictProba(float[] x, int n) {
        int k = classes.size();
        int size = featureNames.size();
        double[][] proba = new double[k][n];
        int batch = 256;
        for (int start = 0; start < n; start += batch) {
            int m = Math.min(batch, n - start);
            int[] shape = new int[sampleShape.length + 1];
            shape[0] = m;
            System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
            float[] logits;
            try (NoGrad ignored = Tensor.noGrad()) {
                logits = network.forward(Tensor.of(Arrays.copyOfRange(x, start * size, (start + m) * size), shape)).toArray();
            }
            for (int i = 0; i < m; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    max = Math.max(max, logits[i * k + c]);
                }
                double sum = 0;
                for (int c = 0; c < k; c++) {
                    sum += Math.exp(logits[i * k + c] - max);
                }
                for (int c = 0; c < k; c++) {
                    proba[c][start + i] = Math.exp(logits[i * k + c] - max) / sum;
                }
            }
        }
        return proba;
    }

    /** The network artifact. */
    public ModelArtifact toArtifact() {
        ModelArtifact.Builder b = ModelArtifact.builder(NetworkFile.ARTIFACT_KIND)
                .metadata(NetworkFile.ARTIFACT_ENTRY, NetworkFile.describeAsObject(network))
                .metadata("trained_by", trainedBy)
                .metadata("task", "classification")
                .metadata("output", "logits")
                .metadata("classes", classes)
                .metadata("feature_names", featureNames)
                .metadata("sample_shape", Arrays.stream(sampleShape).boxed().toList());
        if (history != null) {
            b.metadata("train_loss", history.trainLoss()).metadata("validation_loss", history.validationLoss())
                    .metadata("best_epoch", history.bestEpoch()).metadata("stop", history.stop().name());
        }
        for (Map.Entry<String, TensorData> e : network.stateDict().entrySet()) {
            b.tensor(e.getKey(), e.getValue());
        }
        return b.build();
    }

    /**
     * Rebuilds a classifier from a network artifact whose metadata name its classes and features
     * (and the sample shape; flat rows when absent).
     *
     * @throws IllegalArgumentException if the artifact is not a network, or not a classifier
     */
    public static ClassifierNetwork fromArtifact(ModelArtifact a) {
        a.require(1, "a classifier network", NetworkFile.ARTIFACT_KIND);
        if (!"classification".equals(a.metadata().get("task")) || !"logits".equals(a.metadata().get("output"))) {
            throw new IllegalArgumentException("The network does not say it is a classifier with one logit per class (metadata 'task' = "
                    + a.metadata().get("task") + ", 'output' = " + a.metadata().get("output") + ")");
        }
        return a.read(m -> {
            List<String> features = m.strings("feature_names");
            int[] shape = m.metadata().get("sample_shape") instanceof List<?> l
                    ? l.stream().mapToInt(v -> ((Number) v).intValue()).toArray() : new int[] {features.size()};
            if (Arrays.stream(shape).asLongStream().reduce(1, (p, q) -> p * q) != features.size()) {
                throw new IllegalArgumentException("The network's sample shape " + Arrays.toString(shape) + " does not hold its "
                        + features.size() + " features");
            }
            return new ClassifierNetwork(NetworkFile.rebuild(m.metadata().get(NetworkFile.ARTIFACT_ENTRY), m.tensors()),
                    m.strings("classes"), features, shape, null, String.valueOf(m.metadata().get("trained_by")));
        });
    }
}
