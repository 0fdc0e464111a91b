package org.gyrus.io.nifti;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.ArrayDataAccess;
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
import net.imglib2.util.Intervals;
import net.imglib2.view.Views;

import org.gyrus.data.AtomicFile;
import org.gyrus.data.Volume;
import org.gyrus.data.XformCode;
import org.gyrus.nn.linalg.Parallel;
import org.joml.Matrix4d;

/**
 * Writes {@link Volume}s as NIfTI-1 or NIfTI-2 ({@code .nii}, {@code .nii.gz}, {@code .hdr/.img}
 * pairs), atomically: into a temporary file beside the target, then moved into place, so a reader
 * never sees half a file.
 *
 * <p>The affine goes into both the sform (exactly) and the qform (its rotation, voxel sizes and
 * offset; shears cannot be represented there), with the same code — so both agree. A volume with
 * code {@link XformCode#UNKNOWN} is written as {@link XformCode#ALIGNED_ANAT}, as nibabel does for
 * new images, because code 0 would make readers ignore the affine. The datatype is the volume's
 * own unless another is asked for; an integer datatype for values that are not integers in its
 * range gets {@code scl_slope}/{@code scl_inter} spanning the data. Header fields and extensions
 * kept in the volume's metadata by {@link NiftiReader} are written back.
 */
public final class NiftiWriter {

    /** The header layout to write. */
    public enum Format {
        /** NIfTI-1: dimensions up to 32767, float32 header fields. */
        NIFTI1,
        /** NIfTI-2: 64-bit dimensions and double header fields. */
        NIFTI2
    }

    private static final int CHUNK_VALUES = 1 << 20;

    private final Format format;
    private final NiftiDatatype datatype;
    private final boolean bigEndian;
    private final List<NiftiExtension> extensions;
    private final int compressionLevel;

    private NiftiWriter(Format format, NiftiDatatype datatype, boolean bigEndian, List<NiftiExtension> extensions, int level) {
        this.format = format;
        this.datatype = datatype;
        this.bigEndian = bigEndian;
        this.extensions = extensions;
        this.compressionLevel = level;
    }

    /** A NIfTI-1, little-endian writer keeping the volume's type and extensions, gzip level 1 (nibabel's default). */
    public static NiftiWriter nifti1() {
        return new NiftiWriter(Format.NIFTI1, null, false, null, 1);
    }

    /** A NIfTI-2 writer, otherwise like {@link #nifti1()}. */
    public static NiftiWriter nifti2() {
        return new NiftiWriter(Format.NIFTI2, null, false, null, 1);
    }

    /** This writer storing voxels as {@code type} ({@code null}: the volume's own type). */
    public NiftiWriter datatype(NiftiDatatype type) {
        return new NiftiWriter(format, type, bigEndian, extensions, compressionLevel);
    }

    /** This writer in big-endian byte order. */
    public NiftiWriter bigEndian(boolean big) {
        return new NiftiWriter(format, datatype, big, extensions, compressionLevel);
    }

    /** This writer writing exactly these extensions ({@code null}: those in the volume's metadata). */
    public NiftiWriter extensions(List<NiftiExtension> list) {
        return new NiftiWriter(format, datatype, bigEndian, list == null ? null : List.copyOf(list), compressionLevel);
    }

    /** This writer with gzip compression level 1 (fast) to 9 (small) for {@code .gz} names. */
    public NiftiWriter compressionLevel(int level) {
        if (level < 1 || level > 9) {
            throw new IllegalArgumentException("Compression level " + level + " is not between 1 and 9");
        }
        return new NiftiWriter(format, datatype, bigEndian, extensions, level);
    }

    /**
     * Writes {@code volume} to {@code path}; the name chooses single file or pair and compression.
     *
     * @throws IllegalArgumentException if the volume cannot be stored in this format or datatype
     */
    public void write(Volume volume, Path path) throws IOException {
        Objects.requireNonNull(volume, "volume");
        String lower = path.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean gz = lower.endsWith(".gz");
        String base = gz ? lower.substring(0, lower.length() - 3) : lower;
        boolean pair = base.endsWith(".hdr") || base.endsWith(".img");
        NiftiHeader h = header(volume, pair);
        Encoder encoder = new Encoder(volume.image(), h);
        byte[] head = NiftiHeaderCodec.encode(h);
        if (!pair) {
            writeAtomically(path, gz, out -> {
                out.write(head);
                encoder.writeTo(out);
            });
        } else {
            String name = path.getFileName().toString();
            String stem = name.substring(0, name.length() - (gz ? 7 : 4));
            boolean upper = Character.isUpperCase(name.charAt(stem.length() + 1));
            String gzSuffix = gz ? name.substring(name.length() - 3) : "";
            Path hdr = path.resolveSibling(stem + (upper ? ".HDR" : ".hdr") + gzSuffix);
            Path img = path.resolveSibling(stem + (upper ? ".IMG" : ".img") + gzSuffix);
            writeAtomically(img, gz, encoder::writeTo);
            writeAtomically(hdr, gz, out -> out.write(head));
        }
    }

    private void writeAtomically(Path target, boolean gz, AtomicFile.Content body) throws IOException {
        AtomicFile.write(target, out -> {
            if (!gz) {
                body.writeTo(out);
                return;
            }
            // Blocks deflated on the budget's threads, as gzip members in order (see ParallelGzipOutputStream).
            ParallelGzipOutputStream z = new ParallelGzipOutputStream(out, compressionLevel, Parallel.threads());
            try {
                body.writeTo(z);
                z.finish();
            } catch (IOException | RuntimeException | Error e) {
                z.abort();
                throw e;
            }
        });
    }

    /** The header for {@code volume}: shape, type, scaling, both xforms, units and the kept fields. */
    NiftiHeader header(Volume volume, boolean pair) {
        Map<String, String> meta = volume.metadata();
        RandomAccessibleInterval<? extends RealType<?>> img = volume.image();
        long[] dims = volume.dimensions();
        NiftiDatatype type = datatype != null ? datatype : NiftiDatatype.ofLabel(meta.getOrDefault(NiftiMetadata.DATATYPE, ""));
        int comps = 1;
        if (type != null && type.components() > 1) {
            if (dims.length != 5 || dims[4] != type.components()) {
                if (datatype != null) {
                    throw new IllegalArgumentException(type.label() + " needs its " + type.components()
                            + " components on the fifth axis; the volume's dimensions are " + java.util.Arrays.toString(dims));
                }
                type = null; // the volume no longer has the components of its source
            } else {
                comps = type.components();
            }
        }
        if (type == null || (datatype == null && !matches(type, img))) {
            type = typeOf(img);
        }
        NiftiHeader h = new NiftiHeader();
        h.format = format == Format.NIFTI2 ? NiftiHeader.Format.NIFTI2 : NiftiHeader.Format.NIFTI1;
        h.singleFile = !pair;
        h.bigEndian = bigEndian;
        h.sizeofHdr = format == Format.NIFTI2 ? NiftiHeaderCodec.NIFTI2_SIZE : NiftiHeaderCodec.NIFTI1_SIZE;
        int rank = comps > 1 ? 4 : dims.length;
        while (comps > 1 && rank > 3 && dims[rank - 1] == 1) {
            rank--;
        }
        h.dim[0] = rank;
        for (int i = 0; i < 7; i++) {
            h.dim[i + 1] = i < rank ? dims[i] : 1;
            if (format == Format.NIFTI1 && h.dim[i + 1] > Short.MAX_VALUE) {
                throw new IllegalArgumentException("Dimension " + (i + 1) + " has size " + h.dim[i + 1]
                        + ", more than NIfTI-1 allows (32767); write NIfTI-2");
            }
        }
        h.datatype = type;
        h.datatypeCode = type.code();
        h.bitpix = type.bitpix();
        setGeometry(h, volume, rank);
        double[] scaling = scaling(type, img);
        h.sclSlope = scaling[0];
        h.sclInter = scaling[1];
        h.descrip = meta.getOrDefault(NiftiMetadata.DESCRIP, "");
        h.auxFile = meta.getOrDefault(NiftiMetadata.AUX_FILE, "");
        h.intentName = meta.getOrDefault(NiftiMetadata.INTENT_NAME, "");
        h.intentCode = (int) number(meta, NiftiMetadata.INTENT_CODE, 0, 0);
        for (int i = 0; i < 3; i++) {
            h.intentP[i] = number(meta, NiftiMetadata.INTENT_PARAMETERS, i, 0);
        }
        h.dimInfo = (int) number(meta, NiftiMetadata.DIM_INFO, 0, 0);
        h.calMin = number(meta, NiftiMetadata.CAL_MIN, 0, 0);
        h.calMax = number(meta, NiftiMetadata.CAL_MAX, 0, 0);
        h.toffset = number(meta, NiftiMetadata.TOFFSET, 0, 0);
        h.sliceStart = (long) number(meta, NiftiMetadata.SLICE_TIMING, 0, 0);
        h.sliceEnd = (long) number(meta, NiftiMetadata.SLICE_TIMING, 1, 0);
        h.sliceCode = (int) number(meta, NiftiMetadata.SLICE_TIMING, 2, 0);
        h.sliceDuration = number(meta, NiftiMetadata.SLICE_TIMING, 3, 0);
        h.xyztUnits = volume.spatialUnit().code() | volume.temporalUnit().code();
        h.extensions = extensions != null ? extensions : NiftiMetadata.extensions(meta);
        long extBytes = 0;
        for (NiftiExtension e : h.extensions) {
            extBytes += e.sizeOnDisk();
        }
        h.voxOffset = pair ? 0 : h.sizeofHdr + 4 + extBytes;
        h.rawVoxOffset = h.voxOffset;
        return h;
    }

    /** sform = the affine; qform = its rotation, voxel sizes (pixdim[1..3]), qfac and offset; both with one code. */
    private static void setGeometry(NiftiHeader h, Volume volume, int rank) {
        Matrix4d a = volume.affine();
        int code = volume.xformCode() == XformCode.UNKNOWN ? XformCode.ALIGNED_ANAT.code() : volume.xformCode().code();
        h.sformCode = code;
        h.qformCode = code;
        double[] m = new double[9];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                h.srow[r * 4 + c] = a.getRowColumn(r, c);
            }
            for (int c = 0; c < 3; c++) {
                m[r * 3 + c] = a.getRowColumn(r, c);
            }
            h.qoffset[r] = a.getRowColumn(r, 3);
        }
        double[] q = Quaternions.fromMatrix(m);
        h.quatern[0] = q[0];
        h.quatern[1] = q[1];
        h.quatern[2] = q[2];
        h.pixdim[0] = q[3];
        double[] sizes = volume.voxelSizes();
        for (int i = 1; i < 8; i++) {
            h.pixdim[i] = i <= 3 ? q[3 + i] : (i - 1 < sizes.length && i - 1 < rank ? sizes[i - 1] : 1.0);
        }
    }

    private static double number(Map<String, String> meta, String key, int index, double fallback) {
        String v = meta.get(key);
        if (v == null) {
            return fallback;
        }
        String[] parts = v.split(",");
        try {
            return index < parts.length ? Double.parseDouble(parts[index].trim()) : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** The datatype that holds the image's voxel type exactly. */
    static NiftiDatatype typeOf(RandomAccessibleInterval<? extends RealType<?>> img) {
        Object t = img.getType();
        if (t instanceof UnsignedByteType) {
            return NiftiDatatype.UINT8;
        } else if (t instanceof ByteType) {
            return NiftiDatatype.INT8;
        } else if (t instanceof ShortType) {
            return NiftiDatatype.INT16;
        } else if (t instanceof UnsignedShortType) {
            return NiftiDatatype.UINT16;
        } else if (t instanceof IntType) {
            return NiftiDatatype.INT32;
        } else if (t instanceof UnsignedIntType) {
            return NiftiDatatype.UINT32;
        } else if (t instanceof LongType) {
            return NiftiDatatype.INT64;
        } else if (t instanceof UnsignedLongType) {
            return NiftiDatatype.UINT64;
        } else if (t instanceof DoubleType) {
            return NiftiDatatype.FLOAT64;
        }
        return NiftiDatatype.FLOAT32;
    }

    /** Whether the remembered source datatype still describes the image's values. */
    private static boolean matches(NiftiDatatype type, RandomAccessibleInterval<? extends RealType<?>> img) {
        NiftiDatatype own = typeOf(img);
        return type == own || (type.components() > 1 && VoxelKind.componentOf(type) == VoxelKind.componentOf(own));
    }

    /**
     * {slope, inter} for storing the image as {@code type}: identity (1, 0) when every finite value
     * is an integer within the type's range or the type is a float type; otherwise the linear map
     * of [min, max] onto the type's range.
     */
    private static double[] scaling(NiftiDatatype type, RandomAccessibleInterval<? extends RealType<?>> img) {
        VoxelKind kind = VoxelKind.componentOf(type);
        if (!kind.integer || type.components() > 1) {
            return new double[] {1, 0};
        }
        NiftiDatatype own = typeOf(img);
        if (own.isInteger() && VoxelKind.componentOf(own).min() >= kind.min() && VoxelKind.componentOf(own).max() <= kind.max()) {
            return new double[] {1, 0};
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        boolean integral = true;
        float[] floats = floatArray(img);
        if (floats != null) {
            for (float v : floats) {
                if (Float.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                    integral &= v == Math.rint(v);
                }
            }
        } else {
            for (RealType<?> t : Views.flatIterable(img)) {
                double v = t.getRealDouble();
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                    integral &= v == Math.rint(v);
                }
            }
        }
        if (min > max || (integral && min >= kind.min() && max <= kind.max())) {
            return new double[] {1, 0};
        }
        if (max == min) {
            return new double[] {1, min};
        }
        double slope = (max - min) / (kind.max() - kind.min());
        return new double[] {slope, min - kind.min() * slope};
    }

    /** The float array behind a one-array float image, else {@code null}. */
    static float[] floatArray(RandomAccessibleInterval<? extends RealType<?>> image) {
        if (image instanceof ArrayImg<?, ?> a && image.getType() instanceof net.imglib2.type.numeric.real.FloatType
                && a.update(null) instanceof ArrayDataAccess<?> d && d.getCurrentStorageArray() instanceof float[] f) {
            return f;
        }
        return null;
    }

    /** Streams the voxels in file order, converted to the header's datatype and byte order. */
    private static final class Encoder {
        private final RandomAccessibleInterval<? extends RealType<?>> image;
        private final VoxelKind kind;
        private final int components;
        private final ByteOrder order;
        private final double slope;
        private final double inter;
        private final boolean scaled;

        Encoder(RandomAccessibleInterval<? extends RealType<?>> image, NiftiHeader h) {
            this.image = image;
            this.kind = VoxelKind.componentOf(h.datatype);
            this.components = h.datatype.components();
            this.order = h.bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            this.slope = h.sclSlope;
            this.inter = h.sclInter;
            this.scaled = !(slope == 1 && inter == 0);
        }

        void writeTo(OutputStream out) throws IOException {
            long n = Intervals.numElements(image);
            ByteBuffer buf = ByteBuffer.allocate(CHUNK_VALUES * kind.bytes).order(order);
            Object array = directArray();
            if (array != null) {
                // Same type, no scaling, one array: bulk conversion to bytes.
                int total = java.lang.reflect.Array.getLength(array);
                for (int off = 0; off < total; off += CHUNK_VALUES) {
                    int len = Math.min(CHUNK_VALUES, total - off);
                    buf.clear();
                    bulk(buf, array, off, len);
                    out.write(buf.array(), 0, len * kind.bytes);
                }
                return;
            }
            if (components > 1) {
                writeInterleaved(out, buf, n);
                return;
            }
            float[] floats = floatArray(image);
            if (floats != null) {
                // A float array converted (and scaled) value by value, without a cursor.
                short[] shorts = kind == VoxelKind.INT16 ? new short[CHUNK_VALUES] : null;
                for (int off = 0; off < floats.length; off += CHUNK_VALUES) {
                    int len = Math.min(CHUNK_VALUES, floats.length - off);
                    buf.clear();
                    if (shorts != null) {
                        // The common "float data as scaled int16" case, in a tight loop the JIT vectorises well.
                        double lo = kind.min();
                        double hi = kind.max();
                        double inv = 1.0 / slope;
                        for (int i = 0; i < len; i++) {
                            double v = (floats[off + i] - inter) * inv;
                            shorts[i] = v != v ? 0 : (short) Math.rint(v < lo ? lo : v > hi ? hi : v);
                        }
                        buf.asShortBuffer().put(shorts, 0, len);
                        out.write(buf.array(), 0, len * 2);
                        continue;
                    }
                    for (int i = off; i < off + len; i++) {
                        put(buf, floats[i]);
                    }
                    out.write(buf.array(), 0, buf.position());
                }
                return;
            }
            Cursor<? extends RealType<?>> c = Views.flatIterable(image).cursor();
            while (c.hasNext()) {
                buf.clear();
                int len = 0;
                while (len < CHUNK_VALUES && c.hasNext()) {
                    put(buf, c.next().getRealDouble());
                    len++;
                }
                out.write(buf.array(), 0, buf.position());
            }
        }

        private void writeInterleaved(OutputStream out, ByteBuffer buf, long n) throws IOException {
            long voxels = n / components;
            net.imglib2.RandomAccess<? extends RealType<?>> ra = image.randomAccess();
            long[] dims = image.dimensionsAsLongArray();
            long[] pos = new long[dims.length];
            buf.clear();
            for (long v = 0; v < voxels; v++) {
                long rest = v;
                for (int d = 0; d < dims.length - 1; d++) {
                    pos[d] = rest % dims[d];
                    rest /= dims[d];
                }
                for (int k = 0; k < components; k++) {
                    pos[dims.length - 1] = k;
                    ra.setPosition(pos);
                    put(buf, ra.get().getRealDouble());
                }
                if (buf.remaining() < 8 * components) {
                    out.write(buf.array(), 0, buf.position());
                    buf.clear();
                }
            }
            out.write(buf.array(), 0, buf.position());
        }

        private Object directArray() {
            if (scaled || components > 1 || !(image instanceof ArrayImg<?, ?> a) || typeOf(image) != fromKind()) {
                return null;
            }
            Object access = a.update(null);
            return access instanceof ArrayDataAccess<?> d ? d.getCurrentStorageArray() : null;
        }

        private NiftiDatatype fromKind() {
            return switch (kind) {
                case INT8 -> NiftiDatatype.INT8;
                case UINT8 -> NiftiDatatype.UINT8;
                case INT16 -> NiftiDatatype.INT16;
                case UINT16 -> NiftiDatatype.UINT16;
                case INT32 -> NiftiDatatype.INT32;
                case UINT32 -> NiftiDatatype.UINT32;
                case INT64 -> NiftiDatatype.INT64;
                case UINT64 -> NiftiDatatype.UINT64;
                case FLOAT32 -> NiftiDatatype.FLOAT32;
                case FLOAT64 -> NiftiDatatype.FLOAT64;
            };
        }

        private void bulk(ByteBuffer buf, Object array, int off, int len) {
            switch (kind) {
                case INT8, UINT8 -> buf.put((byte[]) array, off, len);
                case INT16, UINT16 -> buf.asShortBuffer().put((short[]) array, off, len);
                case INT32, UINT32 -> buf.asIntBuffer().put((int[]) array, off, len);
                case INT64, UINT64 -> buf.asLongBuffer().put((long[]) array, off, len);
                case FLOAT32 -> buf.asFloatBuffer().put((float[]) array, off, len);
                case FLOAT64 -> buf.asDoubleBuffer().put((double[]) array, off, len);
            }
        }

        /** Stores one value: scaled and rounded to the nearest integer, clamped to the type (NaN as 0). */
        private void put(ByteBuffer buf, double v) {
            if (kind == VoxelKind.FLOAT32) {
                buf.putFloat((float) (scaled ? (v - inter) / slope : v));
                return;
            }
            if (kind == VoxelKind.FLOAT64) {
                buf.putDouble(scaled ? (v - inter) / slope : v);
                return;
            }
            double s = scaled ? (v - inter) / slope : v;
            s = Double.isNaN(s) ? 0 : Math.rint(Math.max(kind.min(), Math.min(kind.max(), s)));
            switch (kind) {
                case INT8, UINT8 -> buf.put((byte) (long) s);
                case INT16, UINT16 -> buf.putShort((short) (long) s);
                case INT32, UINT32 -> buf.putInt((int) (long) s);
                case INT64 -> buf.putLong((long) s);
                case UINT64 -> buf.putLong(s >= 0x1p63 ? (long) (s - 0x1p63) ^ Long.MIN_VALUE : (long) s);
                default -> throw new IllegalStateException(kind.toString());
            }
        }
    }
}
