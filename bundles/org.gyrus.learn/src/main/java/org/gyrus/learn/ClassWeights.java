package org.gyrus.learn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * scikit-learn's {@code class_weight}: none (every sample weighs 1), {@code balanced} (a sample of
 * class k weighs {@code n / (classes · n_k)}), or explicit weights per class name, written
 * {@code "benign=1, malignant=3"} (classes not named weigh 1).
 */
public final class ClassWeights {

    private final String spec;
    private final Map<String, Double> explicit;
    private final boolean balanced;

    private ClassWeights(String spec, Map<String, Double> explicit, boolean balanced) {
        this.spec = spec;
        this.explicit = explicit;
        this.balanced = balanced;
    }

    /** Every sample weighs 1. */
    public static ClassWeights none() {
        return new ClassWeights("none", Map.of(), false);
    }

    /** Weights inversely proportional to the class frequencies. */
    public static ClassWeights balanced() {
        return new ClassWeights("balanced", Map.of(), true);
    }

    /**
     * Parses {@code none}, {@code balanced} or {@code class=weight, class=weight...}.
     *
     * @throws IllegalArgumentException quoting the text when it is none of these or a weight is not
     *     a positive number
     */
    public static ClassWeights parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || t.equalsIgnoreCase("none")) {
            return none();
        }
        if (t.equalsIgnoreCase("balanced")) {
            return balanced();
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        for (String part : t.split(",")) {
            int eq = part.lastIndexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Class weights '" + text + "': expected none, balanced, or class=weight pairs "
                        + "separated by commas (e.g. 'benign=1, malignant=3'); '" + part.strip() + "' has no '='");
            }
            String name = part.substring(0, eq).strip();
            double w;
            try {
                w = Double.parseDouble(part.substring(eq + 1).strip());
            } catch (NumberFormatException e) {
                w = Double.NaN;
            }
            if (!(w > 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("Class weights '" + text + "': the weight of class '" + name
                        + "' must be a positive number, not '" + part.substring(eq + 1).strip() + "'");
            }
            weights.put(name, w);
        }
        return new ClassWeights(t, Map.copyOf(weights), false);
    }

    /**
     * The weight of each sample.
     *
     * @param y       the class of each sample (index into {@code classes})
     * @param classes the class names
     * @throws IllegalArgumentException if an explicit weight names a class that is not in the data
     */
    double[] sampleWeights(int[] y, List<String> classes) {
        double[] perClass = new double[classes.size()];
        if (balanced) {
            int[] counts = new int[classes.size()];
            for (int c : y) {
                counts[c]++;
            }
            for (int k = 0; k < perClass.length; k++) {
                perClass[k] = (double) y.length / (classes.size() * (double) counts[k]);
            }
        } else {
            java.util.Arrays.fill(perClass, 1);
            for (Map.Entry<String, Double> e : explicit.entrySet()) {
                int k = classes.indexOf(e.getKey());
                if (k < 0) {
                    throw new IllegalArgumentException("Class weights name the class '" + e.getKey() + "', which is not in the labels "
                            + classes);
                }
                perClass[k] = e.getValue();
            }
        }
        double[] w = new double[y.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = perClass[y[i]];
        }
        return w;
    }

    @Override
    public String toString() {
        return spec;
    }
}
