package org.gyrus.nn.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import org.gyrus.nn.Tensor;

/**
 * One named entry of a safetensors file: element type, shape and the raw little-endian bytes.
 * Instances are immutable (arrays are copied in and out).
 */
public final class TensorData {

    private final DType dtype;
    private final long[] shape;
    private final byte[] bytes;

    private TensorData(DType dtype, long[] shape, byte[] bytes, boolean copy) {
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        this.shape = shape.clone();
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative length in shape " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        if (Math.multiplyExact(n, (long) dtype.bytes()) != bytes.length) {
            throw new IllegalArgumentException(dtype + " " + Arrays.toString(shape) + " needs "
                    + n * dtype.bytes() + " bytes, got " + bytes.length);
        }
        this.bytes = copy ? bytes.clone() : bytes;
    }

    /**
     * Wraps raw little-endian element bytes.
     *
     * @param dtype element type
     * @param shape shape
     * @param littleEndian the elements, row-major, little-endian (copied)
     * @return the tensor data
     */
    public static TensorData ofBytes(DType dtype, long[] shape, byte[] littleEndian) {
        return new TensorData(dtype, shape, littleEndian, true);
    }

    static TensorData owning(DType dtype, long[] shape, byte[] littleEndian) {
        return new TensorData(dtype, shape, littleEndian, false);
    }

    /**
     * Float32 data.
     *
     * @param values row-major values
     * @param shape  shape
     * @return the tensor data
     */
    public static TensorData ofFloats(float[] values, long... shape) {
        ByteBuffer b = buffer(values.length * 4);
        b.asFloatBuffer().put(values);
        return new TensorData(DType.F32, shape, b.array(), false);
    }

    /**
     * Float64 data.
     *
     * @param values row-major values
     * @param shape  shape
     * @return the tensor data
     */
    public static TensorData ofDoubles(double[] values, long... shape) {
        ByteBuffer b = buffer(values.length * 8);
        b.asDoubleBuffer().put(values);
        return new TensorData(DType.F64, shape, b.array(), false);
    }

    /**
     * Int64 data.
     *
     * @param values row-major values
     * @param shape  shape
     * @return the tensor data
     */
    public static TensorData ofLongs(long[] values, long... shape) {
        ByteBuffer b = buffer(values.length * 8);
        b.asLongBuffer().put(values);
        return new TensorData(DType.I64, shape, b.array(), false);
    }

    /**
     * Int32 data.
     *
     * @param values row-major values
     * @param shape  shape
     * @return the tensor data
     */
    public static TensorData ofInts(int[] values, long... shape) {
        ByteBuffer b = buffer(values.length * 4);
        b.asIntBuffer().put(values);
        return new TensorData(DType.I32, shape, b.array(), false);
    }

    /**
     * The values and shape of a tensor, as float32.
     *
     * @param tensor the tensor
     * @return the tensor data
     */
    public static TensorData of(Tensor tensor) {
        int[] s = tensor.shape();
        long[] shape = new long[s.length];
        for (int i = 0; i < s.length; i++) {
            shape[i] = s[i];
        }
        return ofFloats(tensor.data(), shape);
    }

    private static ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private ByteBuffer view() {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Returns the element type.
     *
     * @return the dtype
     */
    public DType dtype() {
        return dtype;
    }

    /**
     * Returns the shape.
     *
     * @return a copy of the shape
     */
    public long[] shape() {
        return shape.clone();
    }

    /**
     * Returns the shape as ints, for in-memory tensors.
     *
     * @return a copy of the shape
     * @throws ArithmeticException if a length exceeds the int range
     */
    public int[] intShape() {
        int[] s = new int[shape.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.toIntExact(shape[i]);
        }
        return s;
    }

    /**
     * Returns the number of elements.
     *
     * @return the product of the shape
     */
    public long elementCount() {
        return bytes.length / dtype.bytes();
    }

    /**
     * Returns the raw little-endian bytes.
     *
     * @return a copy of the bytes
     */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The byte count, without copying. */
    int byteLength() {
        return bytes.length;
    }

    /** The bytes themselves, for the writer only. */
    byte[] rawBytes() {
        return bytes;
    }

    /**
     * Returns the values converted to float (exact for F32, F16, BF16 and small integers; F64 and
     * large integers are rounded).
     *
     * @return row-major values
     */
    public float[] toFloats() {
        int n = (int) elementCount();
        float[] out = new float[n];
        ByteBuffer b = view();
        switch (dtype) {
            case F32 -> b.asFloatBuffer().get(out);
            case F64 -> { for (int i = 0; i < n; i++) out[i] = (float) b.getDouble(i * 8); }
            case F16 -> { for (int i = 0; i < n; i++) out[i] = Float.intBitsToFloat(halfToFloatBits(b.getShort(i * 2))); }
            case BF16 -> { for (int i = 0; i < n; i++) out[i] = Float.intBitsToFloat((b.getShort(i * 2) & 0xffff) << 16); }
            case I64 -> { for (int i = 0; i < n; i++) out[i] = b.getLong(i * 8); }
            case I32 -> { for (int i = 0; i < n; i++) out[i] = b.getInt(i * 4); }
            case I16 -> { for (int i = 0; i < n; i++) out[i] = b.getShort(i * 2); }
            case I8 -> { for (int i = 0; i < n; i++) out[i] = bytes[i]; }
            case U8, BOOL -> { for (int i = 0; i < n; i++) out[i] = bytes[i] & 0xff; }
        }
        return out;
    }

    /**
     * Returns the values converted to double.
     *
     * @return row-major values
     */
    public double[] toDoubles() {
        if (dtype == DType.F64) {
            double[] out = new double[(int) elementCount()];
            view().asDoubleBuffer().get(out);
            return out;
        }
        if (dtype == DType.I64) {
            long[] l = toLongs();
            double[] out = new double[l.length];
            for (int i = 0; i < l.length; i++) {
                out[i] = l[i];
            }
            return out;
        }
        float[] f = toFloats();
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = f[i];
        }
        return out;
    }

    /**
     * Returns integer values as longs.
     *
     * @return row-major values
     * @throws IllegalStateException for floating-point data
     */
    public long[] toLongs() {
        int n = (int) elementCount();
        long[] out = new long[n];
        ByteBuffer b = view();
        switch (dtype) {
            case I64 -> b.asLongBuffer().get(out);
            case I32 -> { for (int i = 0; i < n; i++) out[i] = b.getInt(i * 4); }
            case I16 -> { for (int i = 0; i < n; i++) out[i] = b.getShort(i * 2); }
            case I8 -> { for (int i = 0; i < n; i++) out[i] = bytes[i]; }
            case U8, BOOL -> { for (int i = 0; i < n; i++) out[i] = bytes[i] & 0xff; }
            default -> throw new IllegalStateException(dtype + " is not an integer type");
        }
        return out;
    }

    /**
     * Returns the values as a float32 tensor of the same shape.
     *
     * @return a new leaf tensor
     */
    public Tensor toTensor() {
        return Tensor.wrap(toFloats(), intShape());
    }

    private static int halfToFloatBits(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return sign | 0x7f800000 | (mant << 13);
        }
        if (exp == 0) {
            if (mant == 0) {
                return sign;
            }
            // Subnormal half: normalise into a float exponent.
            int e = -1;
            do {
                mant <<= 1;
                e++;
            } while ((mant & 0x400) == 0);
            mant &= 0x3ff;
            return sign | ((127 - 15 - e) << 23) | (mant << 13);
        }
        return sign | ((exp - 15 + 127) << 23) | (mant << 13);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorData t && dtype == t.dtype && Arrays.equals(shape, t.shape)
                && Arrays.equals(bytes, t.bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dtype, Arrays.hashCode(shape), Arrays.hashCode(bytes));
    }

    @Override
    public String toString() {
        return dtype + Arrays.toString(shape);
    }
}
