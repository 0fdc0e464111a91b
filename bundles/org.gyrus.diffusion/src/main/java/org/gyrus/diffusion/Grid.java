package org.gyrus.diffusion;

import java.util.Arrays;

/** The sizes of a 1-D to 3-D image stored in a flat array with x fastest, and scipy's 'reflect' boundary. */
final class Grid {

    final int[] dims;
    final int size;

    Grid(int[] dims, int length, String what) {
        if (dims.length < 1 || dims.length > 3) {
            throw new IllegalArgumentException(what + ": images of 1 to 3 dimensions are supported, not " + dims.length);
        }
        long n = 1;
        for (int d : dims) {
            if (d < 1) {
                throw new IllegalArgumentException(what + ": image dimensions must be positive: " + Arrays.toString(dims));
            }
            n *= d;
        }
        if (n != length) {
            throw new IllegalArgumentException(what + ": " + length + " values do not fill an image of " + Arrays.toString(dims));
        }
        this.dims = dims.clone();
        this.size = (int) n;
    }

    /** The size along axis d, 1 beyond the image's dimensions. */
    int dim(int d) {
        return d < dims.length ? dims[d] : 1;
    }

    /** The distance between neighbours along axis d in the flat array. */
    int stride(int d) {
        int s = 1;
        for (int k = 0; k < d; k++) {
            s *= dim(k);
        }
        return s;
    }

    /**
     * Index i (any integer) mapped into [0, n) by scipy.ndimage's and numpy.pad's 'reflect'/'symmetric'
     * rule, which repeats the edge sample: d c b a | a b c d | d c b a.
     */
    static int reflect(int i, int n) {
        int period = 2 * n;
        int m = Math.floorMod(i, period);
        return m < n ? m : period - 1 - m;
    }
}
