package org.gyrus.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * A named-free block of numbers as safetensors stores it: element type, shape and little-endian,
 * row-major bytes. Immutable. Conversions to Java arrays widen where they lose nothing.
 */
public final class Tensor {

    /** Element types (safetensors names). */
    public enum DType {
        /** 32-bit float. */
        F32(4),
        /** 64-bit float. */
        F64(8),
        /** 16-bit float (IEEE half). */
        F16(2),
        /** 16-bit bfloat. */
        BF16(2),
        /** Signed 64-bit integer. */
        I64(8),
        /** Signed 32-bit integer. */
        I32(4),
        /** Signed 16-bit integer. */
        I16(2),
        /** Signed 8-bit integer. */
        I8(1),
        /** Unsigned 8-bit integer. */
        U8(1),
        /** Boolean, one byte each. */
        BOOL(1);

        private final int size;

        DType(int size) {
            this.size = size;
        }

        /** Bytes per element. */
        public int size() {
            return size;
        }
    }

    private final DType dtype;
    private final long[] shape;
    private final byte[] bytes;

    /**
     * A tensor over little-endian bytes (copied).
     *
     * @throws IllegalArgumentException if the byte count does not match the shape
     */
    public Tensor(DType dtype, long[] shape, byte[] bytes) {
        this.dtype = Objects.requireNonNull(dtype);
        this.shape = shape.clone();
        long n = elementCount(this.shape);
        if (n * dtype.size() != bytes.length) {
            throw new IllegalArgumentException("A " + dtype + " tensor of shape " + Arrays.toString(shape) + " needs "
                    + n * dtype.size() + " bytes, not " + bytes.length);
        }
        this.bytes = bytes.clone();
    }

    /** A float32 tensor. */
    public static Tensor of(float[] data, long... shape) {
        ByteBuffer b = buffer(data.length * 4L);
        b.asFloatBuffer().put(data);
        return new Tensor(DType.F32, shape, b.array());
    }

    /** A float64 tensor. */
    public static Tensor of(double[] data, long... shape) {
        ByteBuffer b = buffer(data.length * 8L);
        b.asDoubleBuffer().put(data);
        return new Tensor(DType.F64, shape, b.array());
    }

    /** An int64 tensor. */
    public static Tensor of(long[] data, long... shape) {
        ByteBuffer b = buffer(data.length * 8L);
        b.asLongBuffer().put(data);
        return new Tensor(DType.I64, shape, b.array());
    }

    /** The element type. */
    public DType dtype() {
        return dtype;
    }

    /** The shape (a copy). */
    public long[] shape() {
        return shape.clone();
    }

    /** The number of elements. */
    public long elementCount() {
        return elementCount(shape);
    }

    /** The raw little-endian bytes (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * The values as floats.
     *
     * @throws IllegalStateException for element types that do not fit a float without loss (F64, I64, I32)
     */
    public float[] toFloats() {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[(int) elementCount()];
        switch (dtype) {
            case F32 -> b.asFloatBuffer().get(out);
            case F16 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = halfToFloat(b.getShort(2 * i) & 0xffff);
                }
            }
            case BF16 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = Float.intBitsToFloat((b.getShort(2 * i) & 0xffff) << 16);
                }
            }
            case I16, I8, U8, BOOL -> {
                double[] d = toDoubles();
                for (int i = 0; i < out.length; i++) {
                    out[i] = (float) d[i];
                }
            }
            default -> throw new IllegalStateException("A " + dtype + " tensor does not convert to float without loss; use toDoubles()");
        }
        return out;
    }

    /**
     * The values as doubles (exact for every type but I64 beyond 2^53).
     */
    public double[] toDoubles() {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int n = (int) elementCount();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = switch (dtype) {
                case F32 -> b.getFloat(4 * i);
                case F64 -> b.getDouble(8 * i);
                case F16, BF16 -> 0; // filled below
                case I64 -> b.getLong(8 * i);
                case I32 -> b.getInt(4 * i);
                case I16 -> b.getShort(2 * i);
                case I8 -> b.get(i);
                case U8, BOOL -> b.get(i) & 0xff;
            };
        }
        if (dtype == DType.F16 || dtype == DType.BF16) {
            float[] f = toFloats();
            for (int i = 0; i < n; i++) {
                out[i] = f[i];
            }
        }
        return out;
    }

    /**
     * The values as longs.
     *
     * @throws IllegalStateException for floating-point tensors
     */
    public long[] toLongs() {
        if (dtype == DType.F32 || dtype == DType.F64 || dtype == DType.F16 || dtype == DType.BF16) {
            throw new IllegalStateException("A " + dtype + " tensor holds no integers");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long[] out = new long[(int) elementCount()];
        if (dtype == DType.I64) {
            b.asLongBuffer().get(out);
            return out;
        }
        double[] d = toDoubles();
        for (int i = 0; i < out.length; i++) {
            out[i] = (long) d[i];
        }
        return out;
    }

    /** IEEE 754 half precision to float (Float.float16ToFloat arrived only in Java 20). */
    static float halfToFloat(int h) {
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        float v;
        if (exp == 0) {
            v = Math.scalb((float) mant, -24);
        } else if (exp == 31) {
            v = mant == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
        } else {
            v = Math.scalb(1 + mant / 1024f, exp - 15);
        }
        return (h & 0x8000) != 0 ? -v : v;
    }

    static long elementCount(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("Negative dimension in shape " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    private static ByteBuffer buffer(long bytes) {
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Tensors are limited to 2 GiB");
        }
        return ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && t.dtype == dtype && Arrays.equals(t.shape, shape) && Arrays.equals(t.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dtype, Arrays.hashCode(shape), Arrays.hashCode(bytes));
    }

    @Override
    public String toString() {
        return "Tensor[" + dtype + " " + Arrays.toString(shape) + "]";
    }
}
