package org.gyrus.nn;

/** Sums and maxima over axes. */
final class Reductions {

    private Reductions() {
    }

    static Tensor sumAll(Tensor a) {
        float[] x = a.data;
        double s = 0;
        for (float v : x) {
            s += v;
        }
        return Tensor.result(new float[] {(float) s}, new int[0], g -> {
            float[] ga = a.gradBuffer();
            float v = g[0];
            for (int i = 0; i < ga.length; i++) {
                ga[i] += v;
            }
        }, a);
    }

    static Tensor sum(Tensor a, int[] axes, boolean keepDims) {
        int[] ax = Shapes.axes(axes, a.shape.length);
        Tensor t = a;
        // Reduce the last axis first so earlier axis numbers stay valid.
        for (int i = ax.length - 1; i >= 0; i--) {
            t = sumAxis(t, ax[i]);
        }
        if (!keepDims) {
            int[] shape = new int[a.shape.length - ax.length];
            int j = 0;
            for (int d = 0, k = 0; d < a.shape.length; d++) {
                if (k < ax.length && ax[k] == d) {
                    k++;
                } else {
                    shape[j++] = a.shape[d];
                }
            }
            t = t.reshape(shape);
        }
        return t;
    }

    /** Sum over one axis, keeping it with length 1. */
    private static Tensor sumAxis(Tensor a, int axis) {
        int outer = Shapes.outer(a.shape, axis);
        int len = a.shape[axis];
        int inner = Shapes.inner(a.shape, axis);
        float[] x = a.data;
        float[] out = new float[outer * inner];
        for (int o = 0; o < outer; o++) {
            int ob = o * inner;
            if (inner == 1) {
                double s = 0;
                int base = o * len;
                for (int l = 0; l < len; l++) {
                    s += x[base + l];
                }
                out[o] = (float) s;
            } else {
                for (int l = 0; l < len; l++) {
                    int xb = (o * len + l) * inner;
                    for (int i = 0; i < inner; i++) {
                        out[ob + i] += x[xb + i];
                    }
                }
            }
        }
        int[] shape = a.shape.clone();
        shape[axis] = 1;
        return Tensor.result(out, shape, g -> {
            float[] ga = a.gradBuffer();
            for (int o = 0; o < outer; o++) {
                for (int l = 0; l < len; l++) {
                    int xb = (o * len + l) * inner;
                    int gb = o * inner;
                    for (int i = 0; i < inner; i++) {
                        ga[xb + i] += g[gb + i];
                    }
                }
            }
        }, a);
    }

    static Tensor max(Tensor a, int axis, boolean keepDims) {
        int ax = Shapes.axis(axis, a.shape.length);
        int outer = Shapes.outer(a.shape, ax);
        int len = a.shape[ax];
        int inner = Shapes.inner(a.shape, ax);
        if (len == 0) {
            throw new IllegalArgumentException("max over an empty axis");
        }
        float[] x = a.data;
        float[] out = new float[outer * inner];
        int[] arg = new int[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int best = o * len * inner + i;
                for (int l = 1; l < len; l++) {
                    int idx = (o * len + l) * inner + i;
                    // NaN propagates, as in PyTorch.
                    if (x[idx] > x[best] || (Float.isNaN(x[idx]) && !Float.isNaN(x[best]))) {
                        best = idx;
                    }
                }
                out[o * inner + i] = x[best];
                arg[o * inner + i] = best;
            }
        }
        int[] shape;
        if (keepDims) {
            shape = a.shape.clone();
            shape[ax] = 1;
        } else {
            shape = new int[a.shape.length - 1];
            for (int d = 0, j = 0; d < a.shape.length; d++) {
                if (d != ax) {
                    shape[j++] = a.shape[d];
                }
            }
        }
        return Tensor.result(out, shape, g -> {
            float[] ga = a.gradBuffer();
            for (int p = 0; p < arg.length; p++) {
                ga[arg[p]] += g[p];
            }
        }, a);
    }
}
