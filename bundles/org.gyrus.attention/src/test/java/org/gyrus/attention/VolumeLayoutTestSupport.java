package org.gyrus.attention;

import org.gyrus.data.Volume;

/** Masks for tests outside this package. */
public final class VolumeLayoutTestSupport {

    private VolumeLayoutTestSupport() {
    }

    /** The ball mask of the parity case (8³, oblique affine). */
    public static Volume mask() {
        return ParityNetworks.mask();
    }

    /** A smaller ball on the same grid. */
    public static Volume otherMask() {
        float[] m = new float[512];
        for (int z = 0; z < 8; z++) {
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    m[(z * 8 + y) * 8 + x] = Math.abs(x - 3.5) + Math.abs(y - 3.5) + Math.abs(z - 3.5) < 4 ? 1 : 0;
                }
            }
        }
        Volume base = ParityNetworks.mask();
        return base.toBuilder(net.imglib2.img.array.ArrayImgs.floats(m, 8, 8, 8)).build();
    }
}
