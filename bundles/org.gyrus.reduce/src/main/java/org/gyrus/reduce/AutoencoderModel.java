package org.gyrus.reduce;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gyrus.data.ModelArtifact;
import org.gyrus.nn.NoGrad;

/**
 * A trained {@link Autoencoder}: encodes samples to their codes, reconstructs them, and scores
 * each sample by its reconstruction error (for anomaly detection). Saved as a
 * {@link ModelArtifact} whose tensors are the network's PyTorch-named weights. Not thread-safe
 * (the network keeps the last code); make one per thread from the artifact.
 */
public final class AutoencoderModel {

    /** Rows per forward pass when encoding many samples: bounds memory, not results. */
    private static final int CHUNK = 4096;

    private final AutoencoderNet net;
    private final int inputs;
    private final int[] layers;
    private final String activation;
    private final String codeActivation;
    private final String outputActivation;
    private final double dropout;

    AutoencoderModel(AutoencoderNet net, int inputs, int[] layers, String activation, String codeActivation, String outputActivation,
                     double dropout) {
        this.net = net;
        this.inputs = inputs;
        this.layers = layers.clone();
        this.activation = activation;
        this.codeActivation = codeActivation;
        this.outputActivation = outputActivation;
        this.dropout = dropout;
        net.eval();
    }

    /** The number of input features. */
    public int features() {
        return inputs;
    }

    /** The size of the code. */
    public int codeSize() {
        return layers[layers.length - 1];
    }

    /** The weights by PyTorch parameter name (copies), e.g. {@code encoder.0.weight} of shape [out, in]. */
    public Map<String, float[]> weights() {
        Map<String, float[]> out = new LinkedHashMap<>();
        net.namedParameters().forEach((k, v) -> out.put(k, v.toArray()));
        return out;
    }

    /** The codes of {@code x} (rows × features): rows × code size. */
    public float[] encode(float[] x, int rows) {
        check(x, rows, inputs);
        return chunked(x, rows, inputs, codeSize(), net::encode);
    }

    /** The reconstructions of {@code x} (rows × features): rows × features. */
    public float[] reconstruct(float[] x, int rows) {
        check(x, rows, inputs);
        return chunked(x, rows, inputs, inputs, t -> net.decode(net.encode(t)));
    }

    /** Samples decoded from codes {@code z} (rows × code size): rows × features. */
    public float[] decode(float[] z, int rows) {
        check(z, rows, codeSize());
        return chunked(z, rows, codeSize(), inputs, net::decode);
    }

    /** The mean squared error of each sample's reconstruction. */
    public static double[] errors(float[] x, float[] reconstruction, int rows) {
        int d = x.length / Math.max(1, rows);
        double[] e = new double[rows];
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                double r = x[i * d + j] - reconstruction[i * d + j];
                s += r * r;
            }
            e[i] = s / d;
        }
        return e;
    }

    private interface Forward {
        org.gyrus.nn.Tensor apply(org.gyrus.nn.Tensor t);
    }

    private static float[] chunked(float[] x, int rows, int in, int out, Forward f) {
        float[] result = new float[rows * out];
        try (NoGrad ignored = org.gyrus.nn.Tensor.noGrad()) {
            for (int r = 0; r < rows; r += CHUNK) {
                int n = Math.min(CHUNK, rows - r);
                float[] part = Arrays.copyOfRange(x, r * in, (r + n) * in);
                float[] y = f.apply(org.gyrus.nn.Tensor.wrap(part, n, in)).data();
                System.arraycopy(y, 0, result, r * out, n * out);
            }
        }
        return result;
    }

    private static void check(float[] x, int rows, int cols) {
        if ((long) rows * cols != x.length) {
            throw new IllegalArgumentException("Expected " + rows + " rows of " + cols + " values (" + (long) rows * cols + "), got " + x.length);
        }
    }

    /**
     * This model as an artifact of the given kind, with the feature names it expects.
     *
     * @throws IllegalArgumentException if the number of names is not the number of features
     */
    public ModelArtifact toArtifact(String kind, List<String> featureNames) {
        if (featureNames.size() != inputs) {
            throw new IllegalArgumentException(featureNames.size() + " feature names for " + inputs + " features");
        }
        ModelArtifact.Builder b = ModelArtifact.builder(kind)
                .metadata("method", "autoencoder")
                .metadata("inputs", inputs)
                .metadata("layers", Arrays.stream(layers).boxed().toList())
                .metadata("activation", activation)
                .metadata("code_activation", codeActivation)
                .metadata("output_activation", outputActivation)
                .metadata("dropout", dropout)
                .metadata("feature_names", new ArrayList<>(featureNames));
        net.stateDict().forEach(b::tensor);
        return b.build();
    }

    /**
     * The model an artifact of {@link #toArtifact} holds.
     *
     * @throws IllegalArgumentException if the artifact is not an autoencoder or its weights do not fit
     */
    public static AutoencoderModel fromArtifact(ModelArtifact artifact) {
        if (!"autoencoder".equals(artifact.metadata().get("method"))) {
            throw new IllegalArgumentException("The " + artifact.kind() + " model is not an autoencoder");
        }
        int inputs = artifact.get("inputs", Number.class).intValue();
        int[] layers = ((List<?>) artifact.get("layers", List.class)).stream().mapToInt(o -> ((Number) o).intValue()).toArray();
        double dropout = artifact.get("dropout", Number.class).doubleValue();
        String act = artifact.get("activation", String.class);
        String code = artifact.get("code_activation", String.class);
        String out = artifact.get("output_activation", String.class);
        AutoencoderNet net = new AutoencoderNet(inputs, layers, act, code, out, dropout, AutoencoderNet.Noise.NONE, 0, 0);
        net.loadStateDict(artifact.tensors());
        return new AutoencoderModel(net, inputs, layers, act, code, out, dropout);
    }
}
