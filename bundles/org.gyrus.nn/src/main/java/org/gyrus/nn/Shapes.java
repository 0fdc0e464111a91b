package org.gyrus.nn;

import java.util.Arrays;

/** Shape arithmetic shared by the operations: sizes, axes, broadcasting. */
final class Shapes {

    private Shapes() {
    }

    static int size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tensor too large: " + Arrays.toString(shape));
        }
        return (int) n;
    }

    static int[] checked(int[] shape) {
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative length in shape " + Arrays.toString(shape));
            }
        }
        size(shape);
        return shape.clone();
    }

    static int axis(int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException("axis " + axis + " out of range for rank " + rank);
        }
        return a;
    }

    /** Normalised, sorted, distinct axes. */
    static int[] axes(int[] axes, int rank) {
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            out[i] = axis(axes[i], rank);
        }
        Arrays.sort(out);
        for (int i = 1; i < out.length; i++) {
            if (out[i] == out[i - 1]) {
                throw new IllegalArgumentException("axis repeated: " + Arrays.toString(axes));
            }
        }
        return out;
    }

    static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    static int flatIndex(int[] shape, int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("need " + shape.length + " indices, got " + index.length);
        }
        int flat = 0;
        for (int i = 0; i < shape.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " outside " + Arrays.toString(shape));
            }
            flat = flat * shape[i] + index[i];
        }
        return flat;
    }

    /** Product of the axes before {@code axis}. */
    static int outer(int[] shape, int axis) {
        int n = 1;
        for (int i = 0; i < axis; i++) {
            n *= shape[i];
        }
        return n;
    }

    /** Product of the axes after {@code axis}. */
    static int inner(int[] shape, int axis) {
        int n = 1;
        for (int i = axis + 1; i < shape.length; i++) {
            n *= shape[i];
        }
        return n;
    }

    static int[] broadcast(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
                        + " do not broadcast");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /**
     * For each element of a tensor of shape {@code out}, the flat index of the element of a tensor
     * of shape {@code src} that broadcasting maps onto it.
     */
    static int[] broadcastIndex(int[] src, int[] out) {
        int n = size(out);
        int rank = out.length;
        int[] srcStride = new int[rank];
        int[] s = strides(src);
        for (int i = 0; i < rank; i++) {
            int si = i - (rank - src.length);
            srcStride[i] = si < 0 || src[si] == 1 ? 0 : s[si];
        }
        int[] map = new int[n];
        int[] counter = new int[rank];
        int off = 0;
        for (int p = 0; p < n; p++) {
            map[p] = off;
            for (int d = rank - 1; d >= 0; d--) {
                counter[d]++;
                off += srcStride[d];
                if (counter[d] < out[d]) {
                    break;
                }
                off -= srcStride[d] * counter[d];
                counter[d] = 0;
            }
        }
        return map;
    }
}
