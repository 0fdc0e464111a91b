package org.gyrus.io.nifti;

import java.nio.ByteBuffer;

/**
 * Converts stored values (one component type, in the file's byte order) into a primitive array:
 * a bulk copy when the types match and no scaling applies, otherwise value by value with
 * {@code value * slope + inter} computed in double precision.
 */
final class VoxelDecoder {

    private final VoxelKind source;
    private final VoxelKind target;
    private final boolean scaled;
    private final double slope;
    private final double inter;

    VoxelDecoder(VoxelKind source, VoxelKind target, boolean scaled, double slope, double inter) {
        if (source != target && !(target == VoxelKind.FLOAT32 || target == VoxelKind.FLOAT64)) {
            throw new IllegalArgumentException("Cannot store " + source + " as " + target);
        }
        if (scaled && target.integer) {
            throw new IllegalArgumentException("Scaled values need a float target, not " + target);
        }
        this.source = source;
        this.target = target;
        this.scaled = scaled;
        this.slope = slope;
        this.inter = inter;
    }

    /** Decodes {@code n} values from {@code src} (absolute index 0, order set) into {@code dst[off..off+n)}. */
    void decode(ByteBuffer src, int n, Object dst, int off) {
        if (source == target && !scaled) {
            copy(src, n, dst, off);
        } else if (target == VoxelKind.FLOAT32) {
            toFloat(src, n, (float[]) dst, off);
        } else {
            toDouble(src, n, (double[]) dst, off);
        }
    }

    private void copy(ByteBuffer src, int n, Object dst, int off) {
        switch (source) {
            case INT8, UINT8 -> src.get(0, (byte[]) dst, off, n);
            case INT16, UINT16 -> src.asShortBuffer().get(0, (short[]) dst, off, n);
            case INT32, UINT32 -> src.asIntBuffer().get(0, (int[]) dst, off, n);
            case INT64, UINT64 -> src.asLongBuffer().get(0, (long[]) dst, off, n);
            case FLOAT32 -> src.asFloatBuffer().get(0, (float[]) dst, off, n);
            case FLOAT64 -> src.asDoubleBuffer().get(0, (double[]) dst, off, n);
        }
    }

    private void toFloat(ByteBuffer src, int n, float[] dst, int off) {
        double s = slope;
        double c = inter;
        if (!scaled) {
            s = 1;
            c = 0;
        }
        switch (source) {
            case INT8 -> { for (int i = 0; i < n; i++) { dst[off + i] = (float) (src.get(i) * s + c); } }
            case UINT8 -> { for (int i = 0; i < n; i++) { dst[off + i] = (float) ((src.get(i) & 0xff) * s + c); } }
            case INT16 -> { for (int i = 0; i < n; i++) { dst[off + i] = (float) (src.getShort(2 * i) * s + c); } }
            case UINT16 -> { for (int i = 0; i < n; i++) { dst[off + i] = (float) ((src.getShort(2 * i) & 0xffff) * s + c); } }
            case INT32 -> { for (int i = 0; i < n; i++) { dst[off + i] = (float) (src.getInt(4 * i) * s + c); } }
            case UINT32 -> { for (int i = 0; i < n; i++) { dst[off + i] = (float) ((src.getInt(4 * i) & 0xffffffffL) * s + c); } }
            case INT64 -> { for (int i = 0; i < n; i++) { dst[off + i] = (float) (src.getLong(8 * i) * s + c); } }
            case UINT64 -> { for (int i = 0; i < n; i++) { dst[off + i] = (float) (unsigned(src.getLong(8 * i)) * s + c); } }
            case FLOAT32 -> {
                if (!scaled) {
                    src.asFloatBuffer().get(0, dst, off, n);
                } else {
                    for (int i = 0; i < n; i++) { dst[off + i] = (float) (src.getFloat(4 * i) * s + c); }
                }
            }
            case FLOAT64 -> { for (int i = 0; i < n; i++) { dst[off + i] = (float) (src.getDouble(8 * i) * s + c); } }
        }
    }

    private void toDouble(ByteBuffer src, int n, double[] dst, int off) {
        double s = scaled ? slope : 1;
        double c = scaled ? inter : 0;
        switch (source) {
            case INT8 -> { for (int i = 0; i < n; i++) { dst[off + i] = src.get(i) * s + c; } }
            case UINT8 -> { for (int i = 0; i < n; i++) { dst[off + i] = (src.get(i) & 0xff) * s + c; } }
            case INT16 -> { for (int i = 0; i < n; i++) { dst[off + i] = src.getShort(2 * i) * s + c; } }
            case UINT16 -> { for (int i = 0; i < n; i++) { dst[off + i] = (src.getShort(2 * i) & 0xffff) * s + c; } }
            case INT32 -> { for (int i = 0; i < n; i++) { dst[off + i] = src.getInt(4 * i) * s + c; } }
            case UINT32 -> { for (int i = 0; i < n; i++) { dst[off + i] = (src.getInt(4 * i) & 0xffffffffL) * s + c; } }
            case INT64 -> { for (int i = 0; i < n; i++) { dst[off + i] = src.getLong(8 * i) * s + c; } }
            case UINT64 -> { for (int i = 0; i < n; i++) { dst[off + i] = unsigned(src.getLong(8 * i)) * s + c; } }
            case FLOAT32 -> { for (int i = 0; i < n; i++) { dst[off + i] = src.getFloat(4 * i) * s + c; } }
            case FLOAT64 -> {
                if (!scaled) {
                    src.asDoubleBuffer().get(0, dst, off, n);
                } else {
                    for (int i = 0; i < n; i++) { dst[off + i] = src.getDouble(8 * i) * s + c; }
                }
            }
        }
    }

    /** An unsigned 64-bit integer as the nearest double. */
    static double unsigned(long v) {
        return v >= 0 ? v : ((double) (v >>> 1)) * 2.0 + (v & 1);
    }
}
