package org.gyrus.reduce;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gyrus.data.ModelArtifact;
import org.gyrus.nn.io.TensorData;
import org.gyrus.nn.linalg.Parallel;

/**
 * A fitted PCA: the mean, the principal axes and their variances. Projects new samples onto the
 * axes ({@link #transform}) and maps scores back to feature space ({@link #inverseTransform}), as
 * scikit-learn's {@code PCA.transform} and {@code inverse_transform}. Immutable.
 */
public final class PcaModel {

    private final double[] mean;
    private final double[] components;
    private final int k;
    private final double[] explainedVariance;
    private final double totalVariance;
    private final double[] singularValues;
    private final double noiseVariance;
    private final boolean whiten;
    private final int samples;
    private final String solver;

    PcaModel(double[] mean, double[] components, int k, double[] explainedVariance, double totalVariance,
             double[] singularValues, double noiseVariance, boolean whiten, int samples, String solver) {
        if (components.length != k * mean.length || explainedVariance.length != k || singularValues.length != k) {
            throw new IllegalArgumentException("Inconsistent PCA model: " + k + " components of " + mean.length + " features");
        }
        this.mean = mean;
        this.components = components;
        this.k = k;
        this.explainedVariance = explainedVariance;
        this.totalVariance = totalVariance;
        this.singularValues = singularValues;
        this.noiseVariance = noiseVariance;
        this.whiten = whiten;
        this.samples = samples;
        this.solver = solver;
    }

    /** The number of components kept. */
    public int components() {
        return k;
    }

    /** The number of features of the data it was fitted on. */
    public int features() {
        return mean.length;
    }

    /** The per-feature mean (a copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** The principal axes as rows, k × features, row-major, unit length (a copy). */
    public double[] axes() {
        return components.clone();
    }

    /** The variance along each axis, {@code S² / (n − 1)} (a copy). */
    public double[] explainedVariance() {
        return explainedVariance.clone();
    }

    /** The fraction of the total variance along each axis. */
    public double[] explainedVarianceRatio() {
        double[] r = new double[k];
        for (int j = 0; j < k; j++) {
            r[j] = totalVariance > 0 ? explainedVariance[j] / totalVariance : 0;
        }
        return r;
    }

    /** The singular values of the centred training data (a copy). */
    public double[] singularValues() {
        return singularValues.clone();
    }

    /** The total variance of the training data (sum of the feature variances, ddof 1). */
    public double totalVariance() {
        return totalVariance;
    }

    /** Probabilistic PCA's noise variance: the mean variance of the components left out. */
    public double noiseVariance() {
        return noiseVariance;
    }

    /** Whether scores are whitened (unit variance). */
    public boolean whitened() {
        return whiten;
    }

    /** The number of training samples. */
    public int samples() {
        return samples;
    }

    /** The solver that fitted it ("full" or "randomized"). */
    public String solver() {
        return solver;
    }

    /**
     * The scores of {@code x} (rows × features, row-major): rows × components.
     *
     * @throws IllegalArgumentException if x's length is not rows × features
     */
    public float[] transform(float[] x, int rows) {
        int d = mean.length;
        check(x.length, rows, d, "features");
        requireFinite(x, d, "PCA needs finite values");
        double[] xc = new double[x.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < d; j++) {
                xc[i * d + j] = x[i * d + j] - mean[j];
            }
        }
        double[] z = new double[rows * k];
        DoubleGemm.gemm(false, true, rows, k, d, xc, d, components, d, 0, z, k, Parallel.threads());
        float[] out = new float[z.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < k; j++) {
                double sd = Math.sqrt(explainedVariance[j]);
                double v = z[i * k + j];
                out[i * k + j] = (float) (whiten ? (sd > 0 ? v / sd : 0) : v);
            }
        }
        return out;
    }

    /**
     * Samples in feature space from their scores {@code z} (rows × components): rows × features.
     * Exact for data in the span of the axes; otherwise the projection onto it.
     */
    public float[] inverseTransform(float[] z, int rows) {
        int d = mean.length;
        check(z.length, rows, k, "components");
        requireFinite(z, k, "The inverse PCA needs finite scores");
        double[] zd = new double[z.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < k; j++) {
                zd[i * k + j] = z[i * k + j] * (whiten ? Math.sqrt(explainedVariance[j]) : 1);
            }
        }
        double[] x = new double[rows * d];
        DoubleGemm.gemm(false, false, rows, d, k, zd, k, components, d, 0, x, d, Parallel.threads());
        float[] out = new float[x.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < d; j++) {
                out[i * d + j] = (float) (x[i * d + j] + mean[j]);
            }
        }
        return out;
    }

    /** As scikit-learn's PCA.transform: NaN and infinity are refused, naming sample and column. */
    private static void requireFinite(float[] x, int cols, String what) {
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                throw new IllegalArgumentException(what + ": sample " + i / cols + ", column " + i % cols + " is " + x[i]
                        + " (impute missing values first)");
            }
        }
    }

    private static void check(int length, int rows, int cols, String what) {
        if ((long) rows * cols != length) {
            throw new IllegalArgumentException("Expected " + rows + " rows of " + cols + " " + what + " (" + (long) rows * cols
                    + " values), got " + length + " values");
        }
    }

    /**
     * This model as an artifact of the given kind, with the feature names it expects.
     *
     * @throws IllegalArgumentException if the number of names is not the number of features
     */
    public ModelArtifact toArtifact(String kind, List<String> featureNames) {
        if (featureNames.size() != mean.length) {
            throw new IllegalArgumentException(featureNames.size() + " feature names for " + mean.length + " features");
        }
        return ModelArtifact.builder(kind)
                .metadata("method", "pca")
                .metadata("solver", solver)
                .metadata("whiten", whiten)
                .metadata("samples", samples)
                .metadata("total_variance", totalVariance)
                .metadata("noise_variance", noiseVariance)
                .metadata("feature_names", new ArrayList<>(featureNames))
                .tensor("mean", TensorData.ofDoubles(mean, mean.length))
                .tensor("components", TensorData.ofDoubles(components, k, mean.length))
                .tensor("explained_variance", TensorData.ofDoubles(explainedVariance, k))
                .tensor("singular_values", TensorData.ofDoubles(singularValues, k))
                .build();
    }

    /**
     * The model an artifact of {@link #toArtifact} holds.
     *
     * @throws IllegalArgumentException if the artifact is not a PCA model
     */
    public static PcaModel fromArtifact(ModelArtifact artifact) {
        Map<String, Object> m = artifact.metadata();
        if (!"pca".equals(m.get("method"))) {
            throw new IllegalArgumentException("The " + artifact.kind() + " model is not a PCA model");
        }
        double[] mean = artifact.tensor("mean").toDoubles();
        long[] shape = artifact.tensor("components").shape();
        int k = (int) shape[0];
        return new PcaModel(mean, artifact.tensor("components").toDoubles(), k, artifact.tensor("explained_variance").toDoubles(),
                artifact.get("total_variance", Number.class).doubleValue(), artifact.tensor("singular_values").toDoubles(),
                artifact.get("noise_variance", Number.class).doubleValue(), artifact.get("whiten", Boolean.class),
                artifact.get("samples", Number.class).intValue(), artifact.get("solver", String.class));
    }
}
