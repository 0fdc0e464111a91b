package org.gyrus.learn;

import java.util.List;

import org.gyrus.data.ModelArtifact;
import org.gyrus.nn.io.TensorData;

/** A fitted linear (or ridge) regression: {@code y = x·coef + intercept}. Immutable. */
public final class LinearModel {

    /** The artifact kind: the id of the node that fits it. */
    public static final String KIND = "org.gyrus.learn.linear-regression";

    static final int SCHEMA_VERSION = 1;

    private final List<String> featureNames;
    private final String target;
    private final double[] coef;
    private final double intercept;
    private final double alpha;
    private final boolean fitIntercept;
    private final int samples;

    LinearModel(List<String> featureNames, String target, double[] coef, double intercept, double alpha, boolean fitIntercept, int samples) {
        if (coef.length != featureNames.size()) {
            throw new IllegalArgumentException("Inconsistent linear model: " + featureNames.size() + " features, " + coef.length + " coefficients");
        }
        this.featureNames = List.copyOf(featureNames);
        this.target = target;
        this.coef = coef;
        this.intercept = intercept;
        this.alpha = alpha;
        this.fitIntercept = fitIntercept;
        this.samples = samples;
    }

    public List<String> featureNames() {
        return featureNames;
    }

    /** The name of the predicted variable. */
    public String target() {
        return target;
    }

    /** The coefficients (a copy). */
    public double[] coef() {
        return coef.clone();
    }

    public double intercept() {
        return intercept;
    }

    public double alpha() {
        return alpha;
    }

    /** The prediction for each sample of {@code x} (n × features, row-major). */
    public double[] predict(double[] x, int n) {
        int p = coef.length;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double v = intercept;
            for (int j = 0; j < p; j++) {
                v += x[i * p + j] * coef[j];
            }
            out[i] = v;
        }
        return out;
    }

    /** The model as an artifact: tensors {@code coef} and {@code intercept}, float64. */
    public ModelArtifact toArtifact() {
        return ModelArtifact.builder(KIND).schema(SCHEMA_VERSION)
                .metadata("task", "regression")
                .metadata("feature_names", featureNames)
                .metadata("target", target)
                .metadata("alpha", alpha)
                .metadata("fit_intercept", fitIntercept)
                .metadata("samples", samples)
                .tensor("coef", TensorData.ofDoubles(coef, coef.length))
                .tensor("intercept", TensorData.ofDoubles(new double[] {intercept}, 1))
                .build();
    }

    /**
     * Reads a model saved by {@link #toArtifact}.
     *
     * @throws IllegalArgumentException if the artifact is of another kind or schema version
     */
    public static LinearModel fromArtifact(ModelArtifact a) {
        a.require(SCHEMA_VERSION, "a linear regression fitted by 'Linear / ridge regression (fit)'", KIND);
        return a.read(m -> new LinearModel(m.strings("feature_names"), m.get("target", String.class), a.tensor("coef").toDoubles(),
                a.tensor("intercept").toDoubles()[0], a.get("alpha", Number.class).doubleValue(),
                Boolean.TRUE.equals(a.metadata().get("fit_intercept")), a.get("samples", Number.class).intValue()));
    }
}
