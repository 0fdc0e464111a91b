package org.gyrus.io.nifti;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Hand-made NIfTI bytes for tests: a valid header to break one field at a time. */
final class HostileFiles {

    private HostileFiles() {
    }

    /** A little-endian NIfTI-1 single-file header of the given shape and type, vox_offset 352, no extensions. */
    static ByteBuffer nifti1(int datatype, int bitpix, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(352).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 348);
        b.putShort(40, (short) dims.length);
        for (int i = 0; i < dims.length; i++) {
            b.putShort(42 + 2 * i, (short) dims[i]);
        }
        b.putShort(70, (short) datatype);
        b.putShort(72, (short) bitpix);
        for (int i = 0; i < 8; i++) {
            b.putFloat(76 + 4 * i, 1f);
        }
        b.putFloat(108, 352f);
        b.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1');
        return b;
    }

    /** A little-endian NIfTI-2 single-file header, vox_offset 544. */
    static ByteBuffer nifti2(int datatype, int bitpix, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(544).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 540);
        b.put(4, (byte) 'n').put(5, (byte) '+').put(6, (byte) '2').put(8, (byte) '\r').put(9, (byte) '\n').put(10, (byte) 0x1a).put(11, (byte) '\n');
        b.putShort(12, (short) datatype);
        b.putShort(14, (short) bitpix);
        b.putLong(16, dims.length);
        for (int i = 0; i < dims.length; i++) {
            b.putLong(24 + 8 * i, dims[i]);
        }
        for (int i = 0; i < 8; i++) {
            b.putDouble(104 + 8 * i, 1.0);
        }
        b.putLong(168, 544);
        return b;
    }

    /** Header bytes followed by {@code dataBytes} bytes of a counting pattern. */
    static byte[] withData(ByteBuffer header, int dataBytes) {
        byte[] out = new byte[header.capacity() + dataBytes];
        System.arraycopy(header.array(), 0, out, 0, header.capacity());
        for (int i = 0; i < dataBytes; i++) {
            out[header.capacity() + i] = (byte) i;
        }
        return out;
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(data);
        }
        return bos.toByteArray();
    }

    static Path write(Path dir, String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }
}
