package org.gyrus.attention;

/**
 * Scaled dot-product attention (Vaswani et al. 2017) in double precision, for the worked example
 * of the lecture and for small tables: {@code softmax(Q K^T / (sqrt(d_k) * temperature) + mask) V}.
 * A mask entry {@code false} blocks that key for that query.
 */
public final class ScaledDotProductAttention {

    /**
     * The result.
     *
     * @param scores  {@code Q K^T}, T × S (before scaling and masking)
     * @param scaled  the scores divided by {@code sqrt(d_k) * temperature}, blocked entries -inf
     * @param weights the softmax of each row of {@code scaled}, T × S
     * @param output  {@code weights V}, T × d_v
     */
    public record Result(double[][] scores, double[][] scaled, double[][] weights, double[][] output) {
    }

    private ScaledDotProductAttention() {
    }

    /**
     * Attends.
     *
     * @param q           queries, T × d_k
     * @param k           keys, S × d_k
     * @param v           values, S × d_v
     * @param allowed     which keys each query may attend to (T × S), or null for all
     * @param temperature divides the scaled scores: above 1 flattens the weights, below 1 sharpens them
     * @return scores, weights and output
     * @throws IllegalArgumentException for mismatched sizes, a temperature that is not positive, a
     *     query whose every key is blocked, or a value that is not finite
     */
    public static Result compute(double[][] q, double[][] k, double[][] v, boolean[][] allowed, double temperature) {
        int t = q.length;
        int s = k.length;
        if (t == 0 || s == 0) {
            throw new IllegalArgumentException("Attention needs at least one query and one key");
        }
        int dk = q[0].length;
        if (k[0].length != dk) {
            throw new IllegalArgumentException("Queries have " + dk + " columns but keys have " + k[0].length + ": they must have the same width");
        }
        if (v.length != s) {
            throw new IllegalArgumentException("There are " + s + " keys but " + v.length + " values: one value row per key is needed");
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("The temperature must be a positive number, got " + temperature);
        }
        if (allowed != null && (allowed.length != t || allowed[0].length != s)) {
            throw new IllegalArgumentException("The mask must be " + t + " × " + s + " (queries × keys), got " + allowed.length + " × "
                    + (allowed.length == 0 ? 0 : allowed[0].length));
        }
        double scale = 1 / (Math.sqrt(dk) * temperature);
        double[][] scores = new double[t][s];
        double[][] scaled = new double[t][s];
        double[][] weights = new double[t][s];
        for (int i = 0; i < t; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < s; j++) {
                double dot = 0;
                for (int c = 0; c < dk; c++) {
                    dot += q[i][c] * k[j][c];
                }
                if (!Double.isFinite(dot)) {
                    throw new IllegalArgumentException("Query " + (i + 1) + " and key " + (j + 1) + " give a score that is not finite (" + dot
                            + "): the inputs hold NaN or infinite values");
                }
                scores[i][j] = dot;
                scaled[i][j] = allowed == null || allowed[i][j] ? dot * scale : Double.NEGATIVE_INFINITY;
                max = Math.max(max, scaled[i][j]);
            }
            if (max == Double.NEGATIVE_INFINITY) {
                throw new IllegalArgumentException("The mask blocks every key for query " + (i + 1) + ": each query needs at least one key");
            }
            double sum = 0;
            for (int j = 0; j < s; j++) {
                weights[i][j] = Math.exp(scaled[i][j] - max);
                sum += weights[i][j];
            }
            for (int j = 0; j < s; j++) {
                weights[i][j] /= sum;
            }
        }
        int dv = v[0].length;
        double[][] out = new double[t][dv];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < s; j++) {
                double w = weights[i][j];
                for (int c = 0; c < dv; c++) {
                    out[i][c] += w * v[j][c];
                }
            }
        }
        return new Result(scores, scaled, weights, out);
    }
}
