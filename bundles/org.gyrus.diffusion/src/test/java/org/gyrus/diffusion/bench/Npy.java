package org.gyrus.diffusion.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Reads the little-endian float32 .npy files of bench/peers/gen_data.py and nlm_peer.py (C order). */
final class Npy {

    private Npy() {
    }

    /** The values; {@code shape} receives the array's shape. */
    static float[] read(Path file, int[][] shape) throws IOException {
        byte[] all = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int major = all[6];
        int headerLength = major == 1 ? b.getShort(8) & 0xffff : b.getInt(8);
        int start = major == 1 ? 10 : 12;
        String header = new String(all, start, headerLength, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (!header.contains("'<f4'") || header.contains("'fortran_order': True")) {
            throw new IOException(file + ": expected a C-order little-endian float32 array, header " + header.trim());
        }
        String dims = header.substring(header.indexOf("'shape': (") + 10, header.indexOf(')', header.indexOf("'shape': (")));
        shape[0] = Arrays.stream(dims.split(",")).map(String::trim).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
        float[] out = new float[(all.length - start - headerLength) / 4];
        b.position(start + headerLength);
        b.asFloatBuffer().get(out);
        return out;
    }
}
