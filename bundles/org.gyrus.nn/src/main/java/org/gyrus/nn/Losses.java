package org.gyrus.nn;

import java.util.Arrays;

/**
 * Loss functions with mean reduction, matching PyTorch's definitions (including its numerical
 * guards). Each returns a rank-0 tensor; gradients flow to the input and, where it makes sense, to
 * the target.
 */
public final class Losses {

    private Losses() {
    }

    private static void sameShape(Tensor input, Tensor target, String name) {
        if (!Arrays.equals(input.shape, target.shape)) {
            throw new IllegalArgumentException(name + ": input " + Arrays.toString(input.shape)
                    + " and target " + Arrays.toString(target.shape) + " differ");
        }
    }

    /**
     * Mean squared error {@code mean((input - target)^2)}.
     *
     * @param input  predictions
     * @param target targets, same shape
     * @return the loss
     */
    public static Tensor mse(Tensor input, Tensor target) {
        sameShape(input, target, "mse");
        float[] x = input.data;
        float[] t = target.data;
        int n = x.length;
        double s = squaredDistance(x, t, n);
        return Tensor.result(new float[] {(float) (s / n)}, new int[0], g -> {
            float c = 2f * g[0] / n;
            if (input.requiresGrad()) {
                // Written into a fresh array the input adopts when it has no gradient yet (the
                // usual case: the loss is its only user), else added into its gradient.
                float[] d = new float[n];
                for (int i = 0; i < n; i++) {
                    d[i] = c * (x[i] - t[i]);
                }
                if (!input.adoptGrad(d)) {
                    float[] gx = input.gradBuffer();
                    for (int i = 0; i < n; i++) {
                        gx[i] += d[i];
                    }
                }
            }
            if (target.requiresGrad()) {
                float[] gt = target.gradBuffer();
                for (int i = 0; i < n; i++) {
                    gt[i] -= c * (x[i] - t[i]);
                }
            }
        }, input, target);
    }

    /**
     * {@code Σ (x[i] − t[i])²} in double (each square is exact there) over eight interleaved
     * partial sums: a single chain waits on each addition's latency, which made the loss's forward
     * a tenth of W4's non-GEMM time. The partial sums differ from one running sum only in double
     * rounding, far below the float the loss is returned in.
     */
    private static double squaredDistance(float[] x, float[] t, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            double d0 = x[i] - t[i];
            double d1 = x[i + 1] - t[i + 1];
            double d2 = x[i + 2] - t[i + 2];
            double d3 = x[i + 3] - t[i + 3];
            double d4 = x[i + 4] - t[i + 4];
            double d5 = x[i + 5] - t[i + 5];
            double d6 = x[i + 6] - t[i + 6];
            double d7 = x[i + 7] - t[i + 7];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
            s4 += d4 * d4;
            s5 += d5 * d5;
            s6 += d6 * d6;
            s7 += d7 * d7;
        }
        for (; i < n; i++) {
            double d = x[i] - t[i];
            s0 += d * d;
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /**
     * Mean absolute error {@code mean(|input - target|)}.
     *
     * @param input  predictions
     * @param target targets, same shape
     * @return the loss
     */
    public static Tensor l1(Tensor input, Tensor target) {
        sameShape(input, target, "l1");
        float[] x = input.data;
        float[] t = target.data;
        int n = x.length;
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.abs(x[i] - t[i]);
        }
        return Tensor.result(new float[] {(float) (s / n)}, new int[0], g -> {
            float c = g[0] / n;
            if (input.requiresGrad()) {
                float[] gx = input.gradBuffer();
                for (int i = 0; i < n; i++) {
                    gx[i] += c * Math.signum(x[i] - t[i]);
                }
            }
            if (target.requiresGrad()) {
                float[] gt = target.gradBuffer();
                for (int i = 0; i < n; i++) {
                    gt[i] -= c * Math.signum(x[i] - t[i]);
                }
            }
        }, input, target);
    }

    /**
     * Binary cross-entropy on probabilities; as in PyTorch, each log is clamped at -100 so that a
     * probability of exactly 0 or 1 gives a finite loss.
     *
     * @param input  probabilities in [0, 1]
     * @param target targets in [0, 1], same shape (no gradient)
     * @return the loss
     */
    public static Tensor bce(Tensor input, Tensor target) {
        sameShape(input, target, "bce");
        float[] x = input.data;
        float[] t = target.data;
        int n = x.length;
        double s = 0;
        for (int i = 0; i < n; i++) {
            double lp = Math.max(Math.log(x[i]), -100.0);
            double lq = Math.max(Math.log1p(-x[i]), -100.0);
            s -= t[i] * lp + (1 - t[i]) * lq;
        }
        return Tensor.result(new float[] {(float) (s / n)}, new int[0], g -> {
            float c = g[0] / n;
            float[] gx = input.gradBuffer();
            for (int i = 0; i < n; i++) {
                // PyTorch's guard against division by zero at 0 and 1.
                double denom = Math.max((1.0 - x[i]) * x[i], 1e-12);
                gx[i] += (float) (c * (x[i] - t[i]) / denom);
            }
        }, input);
    }

    /**
     * Binary cross-entropy on logits, computed stably as
     * {@code max(z, 0) - z*t + log(1 + exp(-|z|))}.
     *
     * @param logits unnormalised scores
     * @param target targets in [0, 1], same shape (no gradient)
     * @return the loss
     */
    public static Tensor bceWithLogits(Tensor logits, Tensor target) {
        sameShape(logits, target, "bceWithLogits");
        float[] z = logits.data;
        float[] t = target.data;
        int n = z.length;
        double s = 0;
        for (int i = 0; i < n; i++) {
            double v = z[i];
            s += Math.max(v, 0) - v * t[i] + Math.log1p(Math.exp(-Math.abs(v)));
        }
        return Tensor.result(new float[] {(float) (s / n)}, new int[0], g -> {
            float c = g[0] / n;
            float[] gz = logits.gradBuffer();
            for (int i = 0; i < n; i++) {
                gz[i] += c * (Elementwise.sigmoid(z[i]) - t[i]);
            }
        }, logits);
    }

    /**
     * Cross-entropy of class scores against class indices: {@code -mean(log_softmax(logits)[i, y_i])}.
     *
     * @param logits  {@code [N, C]} unnormalised scores
     * @param targets N class indices in {@code [0, C)}
     * @return the loss
     */
    public static Tensor crossEntropy(Tensor logits, int[] targets) {
        if (logits.shape.length != 2 || logits.shape[0] != targets.length) {
            throw new IllegalArgumentException("crossEntropy needs [N, C] logits and N targets, got "
                    + Arrays.toString(logits.shape) + " and " + targets.length);
        }
        int rows = logits.shape[0];
        int classes = logits.shape[1];
        float[] z = logits.data;
        float[] lsm = new float[z.length];
        double s = 0;
        for (int r = 0; r < rows; r++) {
            int y = targets[r];
            if (y < 0 || y >= classes) {
                throw new IndexOutOfBoundsException("target " + y + " outside [0, " + classes + ")");
            }
            int base = r * classes;
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, z[base + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(z[base + c] - max);
            }
            double lse = Math.log(sum);
            for (int c = 0; c < classes; c++) {
                lsm[base + c] = (float) (z[base + c] - max - lse);
            }
            s -= lsm[base + y];
        }
        int[] y = targets.clone();
        return Tensor.result(new float[] {(float) (s / rows)}, new int[0], g -> {
            float c = g[0] / rows;
            float[] gz = logits.gradBuffer();
            for (int r = 0; r < rows; r++) {
                int base = r * classes;
                for (int k = 0; k < classes; k++) {
                    float p = (float) Math.exp(lsm[base + k]);
                    gz[base + k] += c * (k == y[r] ? p - 1f : p);
                }
            }
        }, logits);
    }
}
