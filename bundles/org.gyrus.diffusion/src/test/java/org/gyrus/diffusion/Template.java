package org.gyrus.diffusion;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The MNI avg152 T1 template of testdata (91×109×91 uint8, big-endian NIfTI-1), read directly:
 * this bundle's tests cannot use the I/O bundle's reader, and the file is plain enough.
 */
final class Template {

    static final int[] DIMS = {91, 109, 91};

    private Template() {
    }

    /** The voxels, x fastest, as floats 0..255. */
    static float[] voxels() {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of("testdata", "avg152T1_LR_nifti.nii.gz")))) {
            byte[] all = new DataInputStream(in).readAllBytes();
            ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.BIG_ENDIAN);
            if (b.getInt(0) != 348 || b.getShort(70) != 2) {
                throw new IllegalStateException("testdata/avg152T1_LR_nifti.nii.gz is not the big-endian uint8 template");
            }
            int offset = (int) b.getFloat(108);
            float[] v = new float[DIMS[0] * DIMS[1] * DIMS[2]];
            for (int i = 0; i < v.length; i++) {
                v[i] = all[offset + i] & 0xff;
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Axial slice z (y rows, x fastest) cropped to [y0, y0+h) × [x0, x0+w). */
    static float[] slice(float[] v, int z, int x0, int y0, int w, int h) {
        float[] s = new float[w * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(v, (z * DIMS[1] + y0 + y) * DIMS[0] + x0, s, y * w, w);
        }
        return s;
    }
}
