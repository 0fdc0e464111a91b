package org.gyrus.learn;

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
 * A trained classifier network with its classes and feature names. Saved as a self-describing
 * network artifact (docs/network-format.md: kind {@code network}, the module graph in the entry
 * {@code network}, weights under PyTorch's names), so any bundle rebuilds it with
 * {@link NetworkFile#rebuild} alone; the metadata also say what the outputs mean: {@code task}
 * "classification", {@code output} "logits" (one per class, in the order of {@code classes}), and
 * {@code feature_names}.
 */
public final class MlpModel {

    /** The node kind that trains it, recorded as {@code trained_by}. */
    public static final String TRAINED_BY = "org.gyrus.learn.mlp-classifier";

    private final Module network;
    private final List<String> classes;
    private final List<String> featureNames;
    private final History history;

    MlpModel(Module network, List<String> classes, List<String> featureNames, History history) {
        this.network = network;
        this.classes = List.copyOf(classes);
        this.featureNames = List.copyOf(featureNames);
        this.history = history;
    }

    public List<String> classes() {
        return classes;
    }

    public List<String> featureNames() {
        return featureNames;
    }

    /** The training and validation loss per epoch, the best epoch and why training stopped (null once loaded). */
    public History history() {
        return history;
    }

    /**
     * The probability of each class for each sample: the soft-max of the network's logits,
     * computed in double precision.
     *
     * @return {@code proba[class][sample]}
     */
    public double[][] predictProba(float[] x, int n) {
        int k = classes.size();
        float[] logits;
        try (NoGrad ignored = Tensor.noGrad()) {
            logits = network.forward(Tensor.of(x.clone(), n, featureNames.size())).toArray();
        }
        double[][] proba = new double[k][n];
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                max = Math.max(max, logits[i * k + c]);
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                sum += Math.exp(logits[i * k + c] - max);
            }
            for (int c = 0; c < k; c++) {
                proba[c][i] = Math.exp(logits[i * k + c] - max) / sum;
            }
        }
        return proba;
    }

    /** The network artifact. */
    public ModelArtifact toArtifact() {
        ModelArtifact.Builder b = ModelArtifact.builder(NetworkFile.ARTIFACT_KIND)
                .metadata(NetworkFile.ARTIFACT_ENTRY, NetworkFile.describeAsObject(network))
                .metadata("trained_by", TRAINED_BY)
                .metadata("task", "classification")
                .metadata("output", "logits")
                .metadata("classes", classes)
                .metadata("feature_names", featureNames);
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
     * Rebuilds a classifier from a network artifact whose metadata name its classes and features.
     *
     * @throws IllegalArgumentException if the artifact is not a network, or not a classifier
     */
    public static MlpModel fromArtifact(ModelArtifact a) {
        a.require(1, "a classifier network", NetworkFile.ARTIFACT_KIND);
        if (!"classification".equals(a.metadata().get("task")) || !"logits".equals(a.metadata().get("output"))) {
            throw new IllegalArgumentException("The network does not say it is a classifier with one logit per class (metadata 'task' = "
                    + a.metadata().get("task") + ", 'output' = " + a.metadata().get("output") + ")");
        }
        return a.read(m -> new MlpModel(NetworkFile.rebuild(m.metadata().get(NetworkFile.ARTIFACT_ENTRY), m.tensors()),
                m.strings("classes"), m.strings("feature_names"), null));
    }
}
