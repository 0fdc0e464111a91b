package org.gyrus.pipeline.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;

import net.imglib2.Cursor;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgFactory;
import net.imglib2.img.cell.CellImgFactory;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.IntegerType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.ByteType;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.type.numeric.integer.LongType;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedIntType;
import net.imglib2.type.numeric.integer.UnsignedLongType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.DoubleType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.gyrus.data.SpatialUnit;
import org.gyrus.data.TemporalUnit;
import org.gyrus.data.Volume;
import org.gyrus.data.XformCode;
import org.joml.Matrix4d;

/**
 * A {@link Volume}: dimensions, affine (column-major), xform code, voxel sizes, units, metadata,
 * the voxel type, then the voxels in flat order (x fastest) in that type's own width. A volume
 * comes back with the voxel type it was stored with (a uint8 mask stays uint8), in one array when
 * it fits and in cells when it does not. Volumes of other voxel types (views that convert, bit
 * images) are not stored on disk: they stay in the memory tier.
 */
final class VolumeCodec implements ValueCodec<Volume> {

    /** The voxel types stored, by their code in the file. */
    private enum Voxel {
        INT8(1, ByteType.class), UINT8(1, UnsignedByteType.class), INT16(2, ShortType.class),
        UINT16(2, UnsignedShortType.class), INT32(4, IntType.class), UINT32(4, UnsignedIntType.class),
        INT64(8, LongType.class), UINT64(8, UnsignedLongType.class), FLOAT32(4, FloatType.class),
        FLOAT64(8, DoubleType.class);

        final int bytes;
        final Class<?> type;

        Voxel(int bytes, Class<?> type) {
            this.bytes = bytes;
            this.type = type;
        }

        static Voxel of(Object t) {
            for (Voxel v : values()) {
                if (v.type == t.getClass()) {
                    return v;
                }
            }
            return null;
        }

        RealType<?> newType() {
            return switch (this) {
                case INT8 -> new ByteType();
                case UINT8 -> new UnsignedByteType();
                case INT16 -> new ShortType();
                case UINT16 -> new UnsignedShortType();
                case INT32 -> new IntType();
                case UINT32 -> new UnsignedIntType();
                case INT64 -> new LongType();
                case UINT64 -> new UnsignedLongType();
                case FLOAT32 -> new FloatType();
                case FLOAT64 -> new DoubleType();
            };
        }

        void put(RealType<?> t, ByteBuffer b) {
            switch (this) {
                case INT8, UINT8 -> b.put((byte) ((IntegerType<?>) t).getIntegerLong());
                case INT16, UINT16 -> b.putShort((short) ((IntegerType<?>) t).getIntegerLong());
                case INT32, UINT32 -> b.putInt((int) ((IntegerType<?>) t).getIntegerLong());
                case INT64 -> b.putLong(((LongType) t).get());
                case UINT64 -> b.putLong(((UnsignedLongType) t).get());
                case FLOAT32 -> b.putFloat(t.getRealFloat());
                case FLOAT64 -> b.putDouble(t.getRealDouble());
            }
        }

        void get(ByteBuffer b, RealType<?> t) {
            switch (this) {
                case INT8 -> ((ByteType) t).set(b.get());
                case UINT8 -> ((UnsignedByteType) t).set(Byte.toUnsignedInt(b.get()));
                case INT16 -> ((ShortType) t).set(b.getShort());
                case UINT16 -> ((UnsignedShortType) t).set(Short.toUnsignedInt(b.getShort()));
                case INT32 -> ((IntType) t).set(b.getInt());
                case UINT32 -> ((UnsignedIntType) t).set(Integer.toUnsignedLong(b.getInt()));
                case INT64 -> ((LongType) t).set(b.getLong());
                case UINT64 -> ((UnsignedLongType) t).set(b.getLong());
                case FLOAT32 -> ((FloatType) t).set(b.getFloat());
                case FLOAT64 -> ((DoubleType) t).set(b.getDouble());
            }
        }
    }

    /** Images up to this many voxels are read into one array, larger ones into cells. */
    static final long ARRAY_LIMIT = Integer.MAX_VALUE - 8;

    private static final int CHUNK = 1 << 14;

    @Override public String id() { return "volume"; }
    @Override public int version() { return 2; }
    @Override public Class<Volume> type() { return Volume.class; }

    @Override
    public boolean canWrite(Volume v) {
        return Voxel.of(v.image().getType()) != null;
    }

    /** The bytes {@link #write} produces for {@code v}, without reading its voxels. */
    long size(Volume v) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        writeHeader(v, new DataOutputStream(header));
        return header.size() + v.voxelCount() * Voxel.of(v.image().getType()).bytes;
    }

    @Override
    public void write(Volume v, DataOutputStream out) throws IOException {
        writeHeader(v, out);
        Voxel kind = Voxel.of(v.image().getType());
        Cursor<? extends RealType<?>> c = Views.flatIterable(v.image()).cursor();
        ByteBuffer buf = ByteBuffer.allocate(CHUNK * 8);
        while (c.hasNext()) {
            buf.clear();
            for (int i = 0; i < CHUNK && c.hasNext(); i++) {
                kind.put(c.next(), buf);
            }
            out.write(buf.array(), 0, buf.position());
        }
    }

    private static void writeHeader(Volume v, DataOutputStream out) throws IOException {
        Voxel kind = Voxel.of(v.image().getType());
        if (kind == null) {
            throw new IOException("volumes of " + v.image().getType().getClass().getSimpleName() + " voxels are not stored");
        }
        long[] dims = v.dimensions();
        out.writeInt(dims.length);
        for (long d : dims) {
            out.writeLong(d);
        }
        double[] affine = new double[16];
        v.affine().get(affine);
        for (double a : affine) {
            out.writeDouble(a);
        }
        Binary.writeString(out, v.xformCode().name());
        Binary.writeDoubles(out, v.voxelSizes());
        Binary.writeString(out, v.spatialUnit().name());
        Binary.writeString(out, v.temporalUnit().name());
        out.writeInt(v.metadata().size());
        for (Map.Entry<String, String> e : new TreeMap<>(v.metadata()).entrySet()) {
            Binary.writeString(out, e.getKey());
            Binary.writeString(out, e.getValue());
        }
        out.writeByte(kind.ordinal());
    }

    @Override
    public Volume read(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 1 || n > Volume.MAX_DIMENSIONS) {
            throw new IOException("a volume has 1 to 5 dimensions, not " + n);
        }
        long[] dims = new long[n];
        long count = 1;
        for (int i = 0; i < n; i++) {
            dims[i] = in.readLong();
            if (dims[i] < 1) {
                throw new IOException("a volume's dimensions are positive, not " + dims[i]);
            }
            count = Math.multiplyExact(count, dims[i]);
        }
        double[] affine = new double[16];
        for (int i = 0; i < 16; i++) {
            affine[i] = in.readDouble();
        }
        XformCode xform = XformCode.valueOf(Binary.readString(in));
        double[] sizes = Binary.readDoubles(in);
        SpatialUnit spatial = SpatialUnit.valueOf(Binary.readString(in));
        TemporalUnit temporal = TemporalUnit.valueOf(Binary.readString(in));
        int m = Binary.checkLength(in.readInt());
        Map<String, String> metadata = new TreeMap<>();
        for (int i = 0; i < m; i++) {
            metadata.put(Binary.readString(in), Binary.readString(in));
        }
        int code = in.readByte();
        if (code < 0 || code >= Voxel.values().length) {
            throw new IOException("unknown voxel type " + code);
        }
        Voxel kind = Voxel.values()[code];
        Img<? extends RealType<?>> img = allocate(kind.newType(), dims, count);
        Cursor<? extends RealType<?>> c = Views.flatIterable(img).cursor();
        ByteBuffer buf = ByteBuffer.allocate(CHUNK * 8);
        for (long left = count; left > 0;) {
            int k = (int) Math.min(CHUNK, left);
            in.readFully(buf.array(), 0, k * kind.bytes);
            buf.clear();
            for (int i = 0; i < k; i++) {
                kind.get(buf, c.next());
            }
            left -= k;
        }
        Volume.Builder b = Volume.builder(img).affine(new Matrix4d().set(affine), xform).voxelSizes(sizes).units(spatial, temporal);
        metadata.forEach(b::metadata);
        return b.build();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Img<? extends RealType<?>> allocate(RealType<?> type, long[] dims, long count) {
        NativeType t = (NativeType) type;
        if (count <= ARRAY_LIMIT) {
            return (Img<? extends RealType<?>>) new ArrayImgFactory(t).create(dims);
        }
        int[] cell = new int[dims.length];
        for (int d = 0; d < dims.length; d++) {
            cell[d] = (int) Math.min(dims[d], d < 3 ? 64 : 1);
        }
        return (Img<? extends RealType<?>>) new CellImgFactory(t, cell).create(dims);
    }
}
