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
 * A trained regression network with its features and target. Saved as a self-describing network
 * artifact (docs/network-format.md) whose metadata say {@code task} "regression", {@code output}
 * "value" (one output, in the target's unit), {@code feature_names} and {@code target}.
 */
public final class RegressionNetwork {

    /** The node kind that trains it, recorded as {@code trained_by}. */
    public static final String TRAINED_BY = "org.gyrus.learn.mlp-regressor";

    private final Module network;
    private final List<String> featureNames;
    private final String target;
    private final History history;

    RegressionNetwork(Module network, List<String> featureNames, String target, History history) {
        this.network = network;
        this.featureNames = List.copyOf(featureNames);
        this.target = target;
        this.history = history;
    }

    public List<String> featureNames() {
        return featureNames;
    }

    /** The training curve (null once loaded). */
    public History history() {
        return history;
    }

    /** The predicted value of each sample (n rows of the features). */
    public double[] predict(float[] x, int n) {
        float[] out;
        try (NoGrad ignored = Tensor.noGrad()) {
            out = network.forward(Tensor.of(x.clone(), n, featureNames.size())).toArray();
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = out[i];
        }
        return y;
    }

    /** The network artifact. */
    public ModelArtifact toArtifact() {
        ModelArtifact.Builder b = ModelArtifact.builder(NetworkFile.ARTIFACT_KIND)
                .metadata(NetworkFile.ARTIFACT_ENTRY, NetworkFile.describeAsObject(network))
                .metadata("trained_by", TRAINED_BY)
                .metadata("task", "regression")
                .metadata("output", "value")
                .metadata("target", target)
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

    /** Whether a network artifact says it is a regression network. */
    public static boolean isRegression(ModelArtifact a) {
        return "regression".equals(a.metadata().get("task"));
    }

    /**
     * Rebuilds a regression network from its artifact.
     *
     * @throws IllegalArgumentException if the artifact is not a regression network
     */
    public static RegressionNetwork fromArtifact(ModelArtifact a) {
        a.require(1, "a regression network", NetworkFile.ARTIFACT_KIND);
        if (!isRegression(a) || !"value".equals(a.metadata().get("output"))) {
            throw new IllegalArgumentException("The network does not say it is a regression network with one output (metadata 'task' = "
                    + a.metadata().get("task") + ", 'output' = " + a.metadata().get("output") + ")");
        }
        return a.read(m -> new RegressionNetwork(NetworkFile.rebuild(m.metadata().get(NetworkFile.ARTIFACT_ENTRY), m.tensors()),
                m.strings("feature_names"), String.valueOf(m.metadata().get("target")), null));
    }
}
