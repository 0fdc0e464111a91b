package org.gyrus.nn;

import java.util.Arrays;
import org.gyrus.nn.linalg.Parallel;

/** Elementwise operations: broadcasting arithmetic and the activation functions. */
final class Elementwise {

    enum Op { ADD, SUB, MUL, DIV }

    enum Fn { RELU, LEAKY_RELU, ELU, SIGMOID, TANH, GELU, GELU_TANH, SILU, SOFTPLUS, EXP, LOG, SQRT, ABS }

    /** Elements below which a loop stays on the calling thread. */
    private static final int GRAIN = 1 << 15;
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
    private static final double GELU_C = 0.044715;

    private Elementwise() {
    }

    static Tensor binary(Op op, Tensor a, Tensor b) {
        int[] shape = Arrays.equals(a.shape, b.shape) ? a.shape.clone() : Shapes.broadcast(a.shape, b.shape);
        int n = Shapes.size(shape);
        int[] ia = Arrays.equals(a.shape, shape) ? null : Shapes.broadcastIndex(a.shape, shape);
        int[] ib = Arrays.equals(b.shape, shape) ? null : Shapes.broadcastIndex(b.shape, shape);
        float[] x = a.data;
        float[] y = b.data;
        float[] out = new float[n];
        if (ia == null && ib == null) {
            Parallel.forRange(n, GRAIN, (from, to) -> {
                switch (op) {
                    case ADD -> { for (int i = from; i < to; i++) out[i] = x[i] + y[i]; }
                    case SUB -> { for (int i = from; i < to; i++) out[i] = x[i] - y[i]; }
                    case MUL -> { for (int i = from; i < to; i++) out[i] = x[i] * y[i]; }
                    case DIV -> { for (int i = from; i < to; i++) out[i] = x[i] / y[i]; }
                }
            });
        } else {
            for (int i = 0; i < n; i++) {
                float u = x[ia == null ? i : ia[i]];
                float v = y[ib == null ? i : ib[i]];
                out[i] = switch (op) {
                    case ADD -> u + v;
                    case SUB -> u - v;
                    case MUL -> u * v;
                    case DIV -> u / v;
                };
            }
        }
        return Tensor.result(out, shape, g -> {
            // A sum's or difference's first operand takes the output gradient as it is (even when b is a).
            boolean adopted = ia == null && (op == Op.ADD || op == Op.SUB) && a.requiresGrad() && a.adoptGrad(g);
            float[] ga = a.requiresGrad() && !adopted ? a.gradBuffer() : null;
            float[] gb = b.requiresGrad() ? b.gradBuffer() : null;
            if (ia == null && ib == null) {
                Parallel.forRange(n, GRAIN, (from, to) -> sameShapeBackward(op, x, y, out, g, ga, gb, from, to));
                return;
            }
            if (ga != null) {
                for (int i = 0; i < n; i++) {
                    float d = switch (op) {
                        case ADD, SUB -> g[i];
                        case MUL -> g[i] * y[ib == null ? i : ib[i]];
                        case DIV -> g[i] / y[ib == null ? i : ib[i]];
                    };
                    ga[ia == null ? i : ia[i]] += d;
                }
            }
            if (gb != null) {
                for (int i = 0; i < n; i++) {
                    float d = switch (op) {
                        case ADD -> g[i];
                        case SUB -> -g[i];
                        case MUL -> g[i] * x[ia == null ? i : ia[i]];
                        case DIV -> -g[i] * out[i] / y[ib == null ? i : ib[i]];
                    };
                    gb[ib == null ? i : ib[i]] += d;
                }
            }
        }, a, b);
    }

    /** Backward of a binary op on equal shapes: plain loops (no index maps), one per case. */
    private static void sameShapeBackward(Op op, float[] x, float[] y, float[] out, float[] g, float[] ga, float[] gb,
                                          int from, int to) {
        if (ga != null) {
            switch (op) {
                case ADD, SUB -> { for (int i = from; i < to; i++) ga[i] += g[i]; }
                case MUL -> { for (int i = from; i < to; i++) ga[i] += g[i] * y[i]; }
                case DIV -> { for (int i = from; i < to; i++) ga[i] += g[i] / y[i]; }
            }
        }
        if (gb != null) {
            switch (op) {
                case ADD -> { for (int i = from; i < to; i++) gb[i] += g[i]; }
                case SUB -> { for (int i = from; i < to; i++) gb[i] -= g[i]; }
                case MUL -> { for (int i = from; i < to; i++) gb[i] += g[i] * x[i]; }
                case DIV -> { for (int i = from; i < to; i++) gb[i] -= g[i] * out[i] / y[i]; }
            }
        }
    }

    /** {@code scale * x + shift}. */
    static Tensor affine(Tensor a, float scale, float shift) {
        float[] x = a.data;
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * scale + shift;
        }
        return Tensor.result(out, a.shape.clone(), g -> {
            float[] ga = a.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                ga[i] += g[i] * scale;
            }
        }, a);
    }

    static Tensor pow(Tensor a, float e) {
        float[] x = a.data;
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = e == 2f ? x[i] * x[i] : (float) Math.pow(x[i], e);
        }
        return Tensor.result(out, a.shape.clone(), g -> {
            float[] ga = a.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                ga[i] += g[i] * (e == 2f ? 2f * x[i] : (float) (e * Math.pow(x[i], e - 1)));
            }
        }, a);
    }

    static Tensor clamp(Tensor a, float min, float max) {
        float[] x = a.data;
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.min(max, Math.max(min, x[i]));
        }
        return Tensor.result(out, a.shape.clone(), g -> {
            float[] ga = a.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                if (x[i] >= min && x[i] <= max) {
                    ga[i] += g[i];
                }
            }
        }, a);
    }

    static Tensor unary(Fn fn, Tensor a, float param) {
        float[] x = a.data;
        int n = x.length;
        float[] y = new float[n];
        Parallel.forRange(n, GRAIN, (from, to) -> forward(fn, param, x, y, from, to));
        return Tensor.result(y, a.shape.clone(), g -> {
            if ((fn == Fn.RELU || fn == Fn.SIGMOID) && a.adoptGrad(g)) {
                // The input's gradient is the output's, scaled in place by the derivative (from y).
                Parallel.forRange(n, GRAIN, (from, to) -> (fn == Fn.RELU ? LinearActivation.RELU : LinearActivation.SIGMOID)
                        .backward(g, y, x, null, from, to));
                return;
            }
            float[] gx = a.gradBuffer();
            Parallel.forRange(n, GRAIN, (from, to) -> backward(fn, param, x, y, g, gx, from, to));
        }, a);
    }

    private static void forward(Fn fn, float param, float[] x, float[] y, int from, int to) {
        switch (fn) {
            case RELU -> { for (int i = from; i < to; i++) y[i] = Math.max(x[i], 0f); }
            case LEAKY_RELU -> { for (int i = from; i < to; i++) y[i] = x[i] > 0f ? x[i] : x[i] * param; }
            case ELU -> { for (int i = from; i < to; i++) y[i] = x[i] > 0f ? x[i] : (float) (param * Math.expm1(x[i])); }
            case SIGMOID -> VectorMath.sigmoid(x, y, from, to);
            case TANH -> VectorMath.tanh(x, y, from, to);
            case GELU -> VectorMath.gelu(x, y, from, to);
            case GELU_TANH -> {
                for (int i = from; i < to; i++) {
                    double v = x[i];
                    y[i] = (float) (0.5 * v * (1 + Math.tanh(SQRT_2_OVER_PI * (v + GELU_C * v * v * v))));
                }
            }
            case SILU -> {
                VectorMath.sigmoid(x, y, from, to);
                for (int i = from; i < to; i++) y[i] *= x[i];
            }
            case SOFTPLUS -> { for (int i = from; i < to; i++) y[i] = x[i] > 20f ? x[i] : (float) Math.log1p(Math.exp(x[i])); }
            case EXP -> VectorMath.exp(x, y, from, to);
            case LOG -> { for (int i = from; i < to; i++) y[i] = (float) Math.log(x[i]); }
            case SQRT -> { for (int i = from; i < to; i++) y[i] = (float) Math.sqrt(x[i]); }
            case ABS -> { for (int i = from; i < to; i++) y[i] = Math.abs(x[i]); }
        }
    }

    private static void backward(Fn fn, float param, float[] x, float[] y, float[] g, float[] gx, int from, int to) {
        switch (fn) {
            case RELU -> VectorMath.reluBackward(x, g, gx, from, to);
            case LEAKY_RELU -> { for (int i = from; i < to; i++) gx[i] += x[i] > 0f ? g[i] : g[i] * param; }
            case ELU -> { for (int i = from; i < to; i++) gx[i] += x[i] > 0f ? g[i] : g[i] * (y[i] + param); }
            case SIGMOID -> VectorMath.sigmoidBackward(y, g, gx, from, to);
            case TANH -> { for (int i = from; i < to; i++) gx[i] += g[i] * (1f - y[i] * y[i]); }
            case GELU -> VectorMath.geluBackward(x, g, gx, from, to);
            case GELU_TANH -> {
                for (int i = from; i < to; i++) {
                    double v = x[i];
                    double t = Math.tanh(SQRT_2_OVER_PI * (v + GELU_C * v * v * v));
                    double d = 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * SQRT_2_OVER_PI * (1 + 3 * GELU_C * v * v);
                    gx[i] += (float) (g[i] * d);
                }
            }
            case SILU -> VectorMath.siluBackward(x, g, gx, from, to);
            case SOFTPLUS -> { for (int i = from; i < to; i++) gx[i] += x[i] > 20f ? g[i] : g[i] * sigmoid(x[i]); }
            case EXP -> { for (int i = from; i < to; i++) gx[i] += g[i] * y[i]; }
            case LOG -> { for (int i = from; i < to; i++) gx[i] += g[i] / x[i]; }
            case SQRT -> { for (int i = from; i < to; i++) gx[i] += g[i] * 0.5f / y[i]; }
            case ABS -> { for (int i = from; i < to; i++) gx[i] += g[i] * Math.signum(x[i]); }
        }
    }

    static float sigmoid(float v) {
        return (float) (1.0 / (1.0 + Math.exp(-v)));
    }
}
