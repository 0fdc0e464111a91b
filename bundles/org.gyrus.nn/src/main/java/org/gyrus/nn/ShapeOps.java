package org.gyrus.nn;

import java.util.Arrays;

/** Operations that move elements without arithmetic: reshape, permute, slice, concat, indexing. */
final class ShapeOps {

    private ShapeOps() {
    }

    static Tensor reshape(Tensor a, int[] newShape) {
        int[] shape = newShape.clone();
        int unknown = -1;
        int known = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1) {
                if (unknown >= 0) {
                    throw new IllegalArgumentException("only one -1 allowed in " + Arrays.toString(newShape));
                }
                unknown = i;
            } else if (shape[i] < 0) {
                throw new IllegalArgumentException("bad shape " + Arrays.toString(newShape));
            } else {
                known *= shape[i];
            }
        }
        if (unknown >= 0) {
            if (known == 0 || a.data.length % known != 0) {
                throw new IllegalArgumentException("cannot reshape " + Arrays.toString(a.shape) + " to " + Arrays.toString(newShape));
            }
            shape[unknown] = a.data.length / known;
        }
        if (Shapes.size(shape) != a.data.length) {
            throw new IllegalArgumentException("cannot reshape " + Arrays.toString(a.shape) + " to " + Arrays.toString(newShape));
        }
        // Storage is shared: the layout of a contiguous tensor does not change with its shape.
        return Tensor.result(a.data, shape, g -> {
            float[] ga = a.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                ga[i] += g[i];
            }
        }, a);
    }

    static Tensor permute(Tensor a, int[] order) {
        int rank = a.shape.length;
        if (order.length != rank) {
            throw new IllegalArgumentException("permutation " + Arrays.toString(order) + " for rank " + rank);
        }
        int[] perm = new int[rank];
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < rank; i++) {
            perm[i] = Shapes.axis(order[i], rank);
            if (seen[perm[i]]) {
                throw new IllegalArgumentException("not a permutation: " + Arrays.toString(order));
            }
            seen[perm[i]] = true;
        }
        int[] shape = new int[rank];
        int[] inStrides = Shapes.strides(a.shape);
        int[] srcStride = new int[rank];
        for (int i = 0; i < rank; i++) {
            shape[i] = a.shape[perm[i]];
            srcStride[i] = inStrides[perm[i]];
        }
        float[] x = a.data;
        float[] out = new float[x.length];
        traverse(shape, srcStride, out, x, false);
        return Tensor.result(out, shape, g -> traverse(shape, srcStride, g, a.gradBuffer(), true), a);
    }

    /**
     * Walks a tensor of shape {@code shape} in row-major order while following a source with the
     * given strides: copies {@code src -> dst} or, backwards, accumulates {@code dst -> src}.
     */
    private static void traverse(int[] shape, int[] srcStride, float[] dense, float[] strided, boolean accumulate) {
        int n = dense.length;
        if (n == 0) {
            return;
        }
        int rank = shape.length;
        if (rank == 0) {
            if (accumulate) {
                strided[0] += dense[0];
            } else {
                dense[0] = strided[0];
            }
            return;
        }
        int last = shape[rank - 1];
        int lastStride = srcStride[rank - 1];
        int[] counter = new int[rank];
        int off = 0;
        for (int p = 0; p < n; p += last) {
            if (accumulate) {
                for (int j = 0; j < last; j++) {
                    strided[off + j * lastStride] += dense[p + j];
                }
            } else if (lastStride == 1) {
                System.arraycopy(strided, off, dense, p, last);
            } else {
                for (int j = 0; j < last; j++) {
                    dense[p + j] = strided[off + j * lastStride];
                }
            }
            for (int d = rank - 2; d >= 0; d--) {
                counter[d]++;
                off += srcStride[d];
                if (counter[d] < shape[d]) {
                    break;
                }
                off -= srcStride[d] * counter[d];
                counter[d] = 0;
            }
        }
    }

    static Tensor slice(Tensor a, int axis, int start, int end) {
        int ax = Shapes.axis(axis, a.shape.length);
        int len = a.shape[ax];
        if (start < 0 || end > len || start > end) {
            throw new IndexOutOfBoundsException("slice [" + start + ", " + end + ") of axis of length " + len);
        }
        int outer = Shapes.outer(a.shape, ax);
        int inner = Shapes.inner(a.shape, ax);
        int run = (end - start) * inner;
        float[] x = a.data;
        float[] out = new float[outer * run];
        for (int o = 0; o < outer; o++) {
            System.arraycopy(x, (o * len + start) * inner, out, o * run, run);
        }
        int[] shape = a.shape.clone();
        shape[ax] = end - start;
        return Tensor.result(out, shape, g -> {
            float[] ga = a.gradBuffer();
            for (int o = 0; o < outer; o++) {
                int src = (o * len + start) * inner;
                int dst = o * run;
                for (int i = 0; i < run; i++) {
                    ga[src + i] += g[dst + i];
                }
            }
        }, a);
    }

    static Tensor concat(int axis, Tensor... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("nothing to concatenate");
        }
        int rank = parts[0].shape.length;
        int ax = Shapes.axis(axis, rank);
        int[] shape = parts[0].shape.clone();
        int total = 0;
        for (Tensor t : parts) {
            if (t.shape.length != rank) {
                throw new IllegalArgumentException("concat of different ranks");
            }
            for (int d = 0; d < rank; d++) {
                if (d != ax && t.shape[d] != shape[d]) {
                    throw new IllegalArgumentException("concat: shapes " + Arrays.toString(parts[0].shape)
                            + " and " + Arrays.toString(t.shape) + " differ off axis " + ax);
                }
            }
            total += t.shape[ax];
        }
        shape[ax] = total;
        int full = total;
        int outer = Shapes.outer(shape, ax);
        int inner = Shapes.inner(shape, ax);
        float[] out = new float[Shapes.size(shape)];
        int[] offsets = new int[parts.length];
        int acc = 0;
        for (int k = 0; k < parts.length; k++) {
            offsets[k] = acc;
            Tensor t = parts[k];
            int run = t.shape[ax] * inner;
            for (int o = 0; o < outer; o++) {
                System.arraycopy(t.data, o * run, out, (o * total + acc) * inner, run);
            }
            acc += t.shape[ax];
        }
        return Tensor.result(out, shape, g -> {
            for (int k = 0; k < parts.length; k++) {
                Tensor t = parts[k];
                if (!t.requiresGrad()) {
                    continue;
                }
                float[] gt = t.gradBuffer();
                int run = t.shape[ax] * inner;
                for (int o = 0; o < outer; o++) {
                    int src = (o * full + offsets[k]) * inner;
                    for (int i = 0; i < run; i++) {
                        gt[o * run + i] += g[src + i];
                    }
                }
            }
        }, parts);
    }

    static Tensor indexSelect(Tensor a, int axis, int[] indices) {
        int ax = Shapes.axis(axis, a.shape.length);
        int len = a.shape[ax];
        int outer = Shapes.outer(a.shape, ax);
        int inner = Shapes.inner(a.shape, ax);
        int[] idx = indices.clone();
        for (int i : idx) {
            if (i < 0 || i >= len) {
                throw new IndexOutOfBoundsException("index " + i + " out of range for axis of length " + len);
            }
        }
        float[] x = a.data;
        int m = idx.length;
        float[] out = new float[outer * m * inner];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < m; j++) {
                System.arraycopy(x, (o * len + idx[j]) * inner, out, (o * m + j) * inner, inner);
            }
        }
        int[] shape = a.shape.clone();
        shape[ax] = m;
        return Tensor.result(out, shape, g -> {
            float[] ga = a.gradBuffer();
            for (int o = 0; o < outer; o++) {
                for (int j = 0; j < m; j++) {
                    int src = (o * m + j) * inner;
                    int dst = (o * len + idx[j]) * inner;
                    for (int i = 0; i < inner; i++) {
                        ga[dst + i] += g[src + i];
                    }
                }
            }
        }, a);
    }

    static Tensor gather(Tensor a, int axis, int[] index, int[] indexShape) {
        int rank = a.shape.length;
        int ax = Shapes.axis(axis, rank);
        if (indexShape.length != rank || Shapes.size(indexShape) != index.length) {
            throw new IllegalArgumentException("gather: index shape " + Arrays.toString(indexShape)
                    + " must have rank " + rank + " and " + index.length + " elements");
        }
        for (int d = 0; d < rank; d++) {
            if (d != ax && indexShape[d] > a.shape[d]) {
                throw new IllegalArgumentException("gather: index shape " + Arrays.toString(indexShape)
                        + " exceeds " + Arrays.toString(a.shape));
            }
        }
        int[] strides = Shapes.strides(a.shape);
        int n = index.length;
        int[] src = new int[n];
        int[] counter = new int[rank];
        for (int p = 0; p < n; p++) {
            int off = 0;
            for (int d = 0; d < rank; d++) {
                int c = d == ax ? index[p] : counter[d];
                if (d == ax && (c < 0 || c >= a.shape[ax])) {
                    throw new IndexOutOfBoundsException("gather index " + c + " out of range for axis of length " + a.shape[ax]);
                }
                off += c * strides[d];
            }
            src[p] = off;
            for (int d = rank - 1; d >= 0; d--) {
                if (++counter[d] < indexShape[d]) {
                    break;
                }
                counter[d] = 0;
            }
        }
        float[] x = a.data;
        float[] out = new float[n];
        for (int p = 0; p < n; p++) {
            out[p] = x[src[p]];
        }
        return Tensor.result(out, indexShape.clone(), g -> {
            float[] ga = a.gradBuffer();
            for (int p = 0; p < n; p++) {
                ga[src[p]] += g[p];
            }
        }, a);
    }
}
