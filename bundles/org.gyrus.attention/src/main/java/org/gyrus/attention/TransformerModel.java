package org.gyrus.attention;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gyrus.data.ModelArtifact;
import org.gyrus.nn.NoGrad;
import org.gyrus.nn.Tensor;
import org.gyrus.nn.io.TensorData;
import org.gyrus.nn.layers.NetworkFile;
import org.gyrus.nn.layers.TokenTransformer;
import org.gyrus.nn.train.History;

/**
 * A trained transformer with what its outputs mean and how its inputs are tokenised. Saved as a
 * self-describing network artifact (docs/network-format.md: kind {@code network}, the module
 * graph in the entry {@code network}, the weights under PyTorch's names), so any bundle rebuilds
 * the network with {@link NetworkFile#rebuild} alone. The metadata add {@code task}
 * ("classification" or "regression"), {@code output} ("logits", one per class in the order of
 * {@code classes}; or "value", standardised, with {@code target_mean} and {@code target_sd}), and
 * the input layout ({@code input}: table columns, image shape and patch size, or the volume
 * grid, affine and patches).
 */
public final class TransformerModel {

    /** The node that trains it, recorded as {@code trained_by}. */
    public static final String TRAINED_BY = "org.gyrus.attention.transformer";
    /** Samples per forward pass when predicting or extracting attention. */
    static final int BATCH = 256;

    private final TokenTransformer network;
    private final InputLayout layout;
    private final List<String> classes;
    private final double targetMean;
    private final double targetSd;
    private final History history;

    TransformerModel(TokenTransformer network, InputLayout layout, List<String> classes, double targetMean, double targetSd, History history) {
        this.network = network;
        this.layout = layout;
        this.classes = classes == null ? null : List.copyOf(classes);
        this.targetMean = targetMean;
        this.targetSd = targetSd;
        this.history = history;
    }

    /** @return the network (in evaluation mode) */
    public TokenTransformer network() {
        return network;
    }

    /** @return how samples are tokenised */
    public InputLayout layout() {
        return layout;
    }

    /** @return whether it predicts a number rather than a class */
    public boolean isRegression() {
        return classes == null;
    }

    /** @return the classes, in the order of the logits (empty for a regressor) */
    public List<String> classes() {
        return classes == null ? List.of() : classes;
    }

    /** @return the training history, or null once loaded from an artifact */
    public History history() {
        return history;
    }

    private Tensor batch(float[] x, int from, int to) {
        int per = x.length / Math.max(1, rowsOf(x));
        int[] shape = layout.sampleShape();
        int[] full = new int[shape.length + 1];
        full[0] = to - from;
        System.arraycopy(shape, 0, full, 1, shape.length);
        float[] part = new float[(to - from) * per];
        System.arraycopy(x, from * per, part, 0, part.length);
        return Tensor.wrap(part, full);
    }

    private int rowsOf(float[] x) {
        int per = 1;
        for (int s : layout.sampleShape()) {
            per *= s;
        }
        if (x.length % per != 0) {
            throw new IllegalArgumentException(x.length + " values are not a whole number of samples of " + per);
        }
        return x.length / per;
    }

    /**
     * The outputs for every sample: class probabilities (softmax of the logits, in double precision)
     * as {@code [class][sample]}, or for a regressor one row of predicted values.
     *
     * @param x the samples as the layout encodes them
     */
    public double[][] predict(float[] x) {
        int n = rowsOf(x);
        int k = isRegression() ? 1 : classes.size();
        double[][] out = new double[k][n];
        network.eval();
        try (NoGrad ignored = Tensor.noGrad()) {
            for (int from = 0; from < n; from += BATCH) {
                int to = Math.min(n, from + BATCH);
                float[] y = network.forward(batch(x, from, to)).data();
                for (int i = from; i < to; i++) {
                    int r = (i - from) * k;
                    if (isRegression()) {
                        out[0][i] = y[r] * targetSd + targetMean;
                        continue;
                    }
                    double max = Double.NEGATIVE_INFINITY;
                    for (int c = 0; c < k; c++) {
                        max = Math.max(max, y[r + c]);
                    }
                    double sum = 0;
                    for (int c = 0; c < k; c++) {
                        sum += Math.exp(y[r + c] - max);
                    }
                    for (int c = 0; c < k; c++) {
                        out[c][i] = Math.exp(y[r + c] - max) / sum;
                    }
                }
            }
        }
        return out;
    }

    /**
     * Every layer's attention weights for every sample.
     *
     * @param x the samples as the layout encodes them
     * @return per layer {@code [N, H, T+1, T+1]} row-major (token 0 is [CLS])
     */
    public List<float[]> attention(float[] x) {
        int n = rowsOf(x);
        int t = layout.tokens() + 1;
        int h = network.settings().heads();
        int depth = network.settings().depth();
        List<float[]> out = new ArrayList<>();
        for (int l = 0; l < depth; l++) {
            out.add(new float[n * h * t * t]);
        }
        network.eval();
        try (NoGrad ignored = Tensor.noGrad()) {
            for (int from = 0; from < n; from += BATCH) {
                int to = Math.min(n, from + BATCH);
                List<Tensor> w = network.forwardWithAttention(batch(x, from, to)).weights();
                for (int l = 0; l < depth; l++) {
                    float[] src = w.get(l).data();
                    System.arraycopy(src, 0, out.get(l), from * h * t * t, src.length);
                }
            }
        }
        return out;
    }

    /** The network artifact. */
    public ModelArtifact toArtifact() {
        ModelArtifact.Builder b = ModelArtifact.builder(NetworkFile.ARTIFACT_KIND)
                .metadata(NetworkFile.ARTIFACT_ENTRY, NetworkFile.describeAsObject(network))
                .metadata("trained_by", TRAINED_BY)
                .metadata("task", isRegression() ? "regression" : "classification")
                .metadata("output", isRegression() ? "value" : "logits")
                .metadata(InputLayout.METADATA_ENTRY, layout.toMetadata());
        if (isRegression()) {
            b.metadata("target_mean", targetMean).metadata("target_sd", targetSd);
        } else {
            b.metadata("classes", classes);
        }
        if (layout instanceof ImageLayout) {
            b.metadata("sample_shape", InputLayout.list(layout.sampleShape()));
        }
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
     * Rebuilds a transformer from its network artifact.
     *
     * @throws IllegalArgumentException if the artifact is not a network, or not a transformer of
     *     this bundle (its metadata must say its task and input layout)
     */
    public static TransformerModel fromArtifact(ModelArtifact a) {
        a.require(1, "a transformer network", NetworkFile.ARTIFACT_KIND);
        if (!TRAINED_BY.equals(a.metadata().get("trained_by"))) {
            throw new IllegalArgumentException("The network was trained by " + a.metadata().get("trained_by") + ", not by the transformer node ("
                    + TRAINED_BY + "): its inputs cannot be tokenised here");
        }
        return a.read(m -> {
            Object net = NetworkFile.rebuild(m.metadata().get(NetworkFile.ARTIFACT_ENTRY), m.tensors());
            if (!(net instanceof TokenTransformer t)) {
                throw new IllegalArgumentException("The network is a " + net.getClass().getSimpleName() + ", not a TokenTransformer");
            }
            InputLayout layout = InputLayout.fromMetadata(m.metadata().get(InputLayout.METADATA_ENTRY));
            if ("regression".equals(m.metadata().get("task"))) {
                return new TransformerModel(t, layout, null, ((Number) m.metadata().get("target_mean")).doubleValue(),
                        ((Number) m.metadata().get("target_sd")).doubleValue(), null);
            }
            return new TransformerModel(t, layout, m.strings("classes"), 0, 1, null);
        });
    }

}
