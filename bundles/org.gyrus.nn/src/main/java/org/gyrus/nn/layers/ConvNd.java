package org.gyrus.nn.layers;

import java.util.Random;

/** Makes 2-d or 3-d layers for blocks that work on images and volumes alike. */
final class ConvNd {

    private ConvNd() {
    }

    static Module conv(int dims, int in, int out, int kernel, int stride, int padding, Random random) {
        return dims == 2 ? new Conv2d(in, out, kernel, stride, padding, random) : new Conv3d(in, out, kernel, stride, padding, random);
    }

    static void check(String block, int dims) {
        if (dims != 2 && dims != 3) {
            throw new IllegalArgumentException(block + ": dims must be 2 (images) or 3 (volumes), got " + dims);
        }
    }
}
