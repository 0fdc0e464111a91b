package org.gyrus.learn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gyrus.data.ModelArtifact;
import org.gyrus.nn.io.TensorData;

/**
 * A fitted logistic regression: classes, coefficients (one row for two classes, one per class
 * otherwise, as scikit-learn's {@code coef_}) and intercepts, and how the fit went. Immutable.
 */
public final class LogisticModel {

    /** The artifact kind: the id of the node that fits it. */
    public static final String KIND = "org.gyrus.learn.logistic-regression";

    /** The version of the artifact's layout. */
    static final int SCHEMA_VERSION = 1;

    /**
     * How the model was fitted.
     *
     * @param penalty      "l2" or "none"
     * @param c            the inverse regularisation strength
     * @param classWeights the class weights as given
     * @param fitIntercept whether intercepts were fitted
     * @param tol          the gradient tolerance
     * @param maxIter      the iteration limit
     * @param iterations   iterations done
     * @param converged    whether L-BFGS converged
     * @param message      why it stopped
     * @param objective    the final objective value
     * @param maxGradient  the largest absolute gradient entry at the end
     * @param samples      training samples
     */
    public record Fit(String penalty, double c, String classWeights, boolean fitIntercept, double tol, int maxIter, int iterations,
                      boolean converged, String message, double objective, double maxGradient, int samples) {
    }

    private final List<String> classes;
    private final List<String> featureNames;
    private final double[] coef;
    private final double[] intercept;
    private final Fit fit;

    LogisticModel(List<String> classes, List<String> featureNames, double[] coef, double[] intercept, Fit fit) {
        this.classes = List.copyOf(classes);
        this.featureNames = List.copyOf(featureNames);
        int outputs = classes.size() == 2 ? 1 : classes.size();
        if (coef.length != outputs * featureNames.size() || intercept.length != outputs) {
            throw new IllegalArgumentException("Inconsistent logistic regression: " + classes.size() + " classes, "
                    + featureNames.size() + " features, " + coef.length + " coefficients, " + intercept.length + " intercepts");
        }
        this.coef = coef;
        this.intercept = intercept;
        this.fit = fit;
    }

    public List<String> classes() {
        return classes;
    }

    public List<String> featureNames() {
        return featureNames;
    }

    /** The coefficients, outputs × features row-major (a copy). */
    public double[] coef() {
        return coef.clone();
    }

    /** The intercepts, one per output (a copy). */
    public double[] intercept() {
        return intercept.clone();
    }

    public Fit fit() {
        return fit;
    }

    /**
     * The probability of each class for each sample, as scikit-learn's {@code predict_proba}:
     * the logistic function of the decision value for two classes, the soft-max otherwise.
     *
     * @param x the samples, n × features row-major
     * @return {@code proba[class][sample]}
     */
    public double[][] predictProba(double[] x, int n) {
        int p = featureNames.size();
        int k = classes.size();
        double[][] proba = new double[k][n];
        int outputs = intercept.length;
        double[] z = new double[outputs];
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int o = 0; o < outputs; o++) {
                double v = intercept[o];
                for (int j = 0; j < p; j++) {
                    v += x[i * p + j] * coef[o * p + j];
                }
                z[o] = v;
                max = Math.max(max, v);
            }
            if (outputs == 1) {
                double p1 = LogisticLoss.sigmoid(z[0]);
                proba[1][i] = p1;
                proba[0][i] = 1 - p1;
            } else {
                double sum = 0;
                for (int o = 0; o < outputs; o++) {
                    z[o] = Math.exp(z[o] - max);
                    sum += z[o];
                }
                for (int o = 0; o < outputs; o++) {
                    proba[o][i] = z[o] / sum;
                }
            }
        }
        return proba;
    }

    /** The model as an artifact: tensors {@code coef} (outputs × features) and {@code intercept}, float64. */
    public ModelArtifact toArtifact() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("penalty", fit.penalty());
        f.put("C", fit.c());
        f.put("class_weight", fit.classWeights());
        f.put("fit_intercept", fit.fitIntercept());
        f.put("tol", fit.tol());
        f.put("max_iter", fit.maxIter());
        f.put("n_iter", fit.iterations());
        f.put("converged", fit.converged());
        f.put("message", fit.message());
        f.put("objective", fit.objective());
        f.put("max_abs_gradient", fit.maxGradient());
        f.put("samples", fit.samples());
        return ModelArtifact.builder(KIND).schema(SCHEMA_VERSION)
                .metadata("task", "classification")
                .metadata("classes", classes)
                .metadata("feature_names", featureNames)
                .metadata("fit", f)
                .tensor("coef", TensorData.ofDoubles(coef, intercept.length, featureNames.size()))
                .tensor("intercept", TensorData.ofDoubles(intercept, intercept.length))
                .build();
    }

    /**
     * Reads a model saved by {@link #toArtifact}.
     *
     * @throws IllegalArgumentException if the artifact is of another kind, a newer schema, or incomplete
     */
    public static LogisticModel fromArtifact(ModelArtifact a) {
        a.require(SCHEMA_VERSION, "a logistic regression fitted by 'Logistic regression (fit)'", KIND);
        return a.read(LogisticModel::read);
    }

    private static LogisticModel read(ModelArtifact a) {
        Map<?, ?> f = a.get("fit", Map.class);
        Fit fit = new Fit(String.valueOf(f.get("penalty")), ((Number) f.get("C")).doubleValue(), String.valueOf(f.get("class_weight")),
                Boolean.TRUE.equals(f.get("fit_intercept")), ((Number) f.get("tol")).doubleValue(), ((Number) f.get("max_iter")).intValue(),
                ((Number) f.get("n_iter")).intValue(), Boolean.TRUE.equals(f.get("converged")), String.valueOf(f.get("message")),
                ((Number) f.get("objective")).doubleValue(), ((Number) f.get("max_abs_gradient")).doubleValue(),
                ((Number) f.get("samples")).intValue());
        return new LogisticModel(a.strings("classes"), a.strings("feature_names"), a.tensor("coef").toDoubles(),
                a.tensor("intercept").toDoubles(), fit);
    }
}
