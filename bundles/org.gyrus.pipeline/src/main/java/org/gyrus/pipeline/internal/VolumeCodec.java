package org.gyrus.pipeline.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.DoubleType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Intervals;
import net.imglib2.view.Views;

import org.gyrus.data.SpatialUnit;
import org.gyrus.data.TemporalUnit;
import org.gyrus.data.Volume;
import org.gyrus.data.XformCode;
import org.joml.Matrix4d;

/**
 * A {@link Volume}: dimensions, affine (column-major), xform code, voxel sizes, units, metadata,
 * then the voxels in flat order (x fastest) as float64 when the image holds doubles and fits in one
 * array, else as float32. Integer images come back as float images with the same values (exact up
 * to 2^24).
 */
final class VolumeCodec implements ValueCodec<Volume> {

    private static final byte FLOAT32 = 4;
    private static final byte FLOAT64 = 8;
    private static final int CHUNK = 1 << 14;

    @Override public String id() { return "volume"; }
    @Override public int version() { return 1; }
    @Override public Class<Volume> type() { return Volume.class; }

    @Override
    public void write(Volume v, DataOutputStream out) throws IOException {
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
        boolean doubles = v.image().getType() instanceof DoubleType && v.voxelCount() < Integer.MAX_VALUE - 8;
        out.writeByte(doubles ? FLOAT64 : FLOAT32);
        Cursor<? extends RealType<?>> c = Views.flatIterable(v.image()).cursor();
        ByteBuffer buf = ByteBuffer.allocate(CHUNK * 8);
        while (c.hasNext()) {
            buf.clear();
            for (int i = 0; i < CHUNK && c.hasNext(); i++) {
                if (doubles) {
                    buf.putDouble(c.next().getRealDouble());
                } else {
                    buf.putFloat(c.next().getRealFloat());
                }
            }
            out.write(buf.array(), 0, buf.position());
        }
    }

    @Override
    public Volume read(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 1 || n > Volume.MAX_DIMENSIONS) {
            throw new IOException("a volume has 1 to 5 dimensions, not " + n);
        }
        long[] dims = new long[n];
        for (int i = 0; i < n; i++) {
            dims[i] = in.readLong();
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
        byte kind = in.readByte();
        RandomAccessibleInterval<? extends RealType<?>> image;
        ByteBuffer buf = ByteBuffer.allocate(CHUNK * 8);
        if (kind == FLOAT64) {
            Img<DoubleType> img = ArrayImgs.doubles(dims);
            fill(img, in, buf, 8, Intervals.numElements(img));
            image = img;
        } else if (kind == FLOAT32) {
            Img<FloatType> img = Volume.floatImage(dims);
            fill(img, in, buf, 4, Intervals.numElements(img));
            image = img;
        } else {
            throw new IOException("unknown voxel kind " + kind);
        }
        Volume.Builder b = Volume.builder(image).affine(new Matrix4d().set(affine), xform).voxelSizes(sizes)
                .units(spatial, temporal);
        metadata.forEach(b::metadata);
        return b.build();
    }

    private static void fill(Img<? extends RealType<?>> img, DataInputStream in, ByteBuffer buf, int bytes, long count)
            throws IOException {
        Cursor<? extends RealType<?>> c = Views.flatIterable(img).cursor();
        long left = count;
        while (left > 0) {
            int k = (int) Math.min(CHUNK, left);
            in.readFully(buf.array(), 0, k * bytes);
            buf.clear();
            for (int i = 0; i < k; i++) {
                c.next().setReal(bytes == 8 ? buf.getDouble() : buf.getFloat());
            }
            left -= k;
        }
    }
}
