package org.gyrus.data;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.cell.CellImgFactory;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Intervals;
import net.imglib2.view.Views;

import org.joml.Matrix4d;
import org.joml.Matrix4dc;

/**
 * An image in world space: up to five dimensions (x, y, z, t, components) of real values, the
 * voxel-to-world affine with its NIfTI xform code, voxel sizes and units, and free-form metadata
 * from the source (description, intent, calibration range...). Immutable apart from the pixels of
 * the image, which belong to whoever made the volume.
 */
public final class Volume {

    /** The largest number of dimensions a volume has (x, y, z, t, components). */
    public static final int MAX_DIMENSIONS = 5;

    /** Images with more voxels than this are stored as cell images, which have no 2^31 limit. */
    static final long ARRAY_LIMIT = Integer.MAX_VALUE - 8;

    private final RandomAccessibleInterval<? extends RealType<?>> image;
    private final Matrix4d affine;
    private final XformCode xformCode;
    private final double[] voxelSizes;
    private final SpatialUnit spatialUnit;
    private final TemporalUnit temporalUnit;
    private final Map<String, String> metadata;

    private Volume(Builder b) {
        this.image = Objects.requireNonNull(b.image, "image");
        int n = image.numDimensions();
        if (n < 1 || n > MAX_DIMENSIONS) {
            throw new IllegalArgumentException("A volume has 1 to 5 dimensions, not " + n);
        }
        this.affine = new Matrix4d(b.affine);
        this.xformCode = b.xformCode;
        this.voxelSizes = b.voxelSizes != null ? b.voxelSizes.clone() : voxelSizesOf(affine, n);
        this.spatialUnit = b.spatialUnit;
        this.temporalUnit = b.temporalUnit;
        this.metadata = Map.copyOf(b.metadata);
    }

    /** A builder for a volume over {@code image}, with an identity affine of code {@link XformCode#UNKNOWN}. */
    public static Builder builder(RandomAccessibleInterval<? extends RealType<?>> image) {
        return new Builder(image);
    }

    /** A builder that starts as a copy of this volume's geometry and metadata, over another image. */
    public Builder toBuilder(RandomAccessibleInterval<? extends RealType<?>> newImage) {
        Builder b = new Builder(newImage);
        b.affine.set(affine);
        b.xformCode = xformCode;
        b.voxelSizes = voxelSizes.length == newImage.numDimensions() ? voxelSizes.clone() : null;
        b.spatialUnit = spatialUnit;
        b.temporalUnit = temporalUnit;
        b.metadata.putAll(metadata);
        return b;
    }

    /** The voxels; dimension 0 is x. */
    public RandomAccessibleInterval<? extends RealType<?>> image() {
        return image;
    }

    /** The number of dimensions. */
    public int numDimensions() {
        return image.numDimensions();
    }

    /** The size of each dimension. */
    public long[] dimensions() {
        return image.dimensionsAsLongArray();
    }

    /** The number of voxels (all dimensions). */
    public long voxelCount() {
        return Intervals.numElements(image);
    }

    /** The voxel-to-world affine (a copy): world = affine × (i, j, k, 1). */
    public Matrix4d affine() {
        return new Matrix4d(affine);
    }

    /** The space the affine maps into. */
    public XformCode xformCode() {
        return xformCode;
    }

    /** The voxel size of each dimension (spatial ones in {@link #spatialUnit()}, the fourth in {@link #temporalUnit()}). */
    public double[] voxelSizes() {
        return voxelSizes.clone();
    }

    /** The unit of the spatial voxel sizes. */
    public SpatialUnit spatialUnit() {
        return spatialUnit;
    }

    /** The unit of the fourth dimension's step. */
    public TemporalUnit temporalUnit() {
        return temporalUnit;
    }

    /** Source metadata (read-only), for example NIfTI's {@code descrip} or {@code intent_code}. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * All voxels as floats, x fastest.
     *
     * @throws IllegalStateException if the volume has more voxels than a Java array holds
     */
    public float[] toFloatArray() {
        long n = voxelCount();
        if (n > ARRAY_LIMIT) {
            throw new IllegalStateException("The volume has " + n + " voxels, more than one array holds; use image() instead");
        }
        float[] out = new float[(int) n];
        int i = 0;
        Cursor<? extends RealType<?>> c = Views.flatIterable(image).cursor();
        while (c.hasNext()) {
            out[i++] = c.next().getRealFloat();
        }
        return out;
    }

    /**
     * A float image of the given size, in one array when it fits and in cells of 64³ voxels when it
     * has more than 2^31 voxels.
     */
    public static Img<FloatType> floatImage(long... dims) {
        return floatImageWithLimit(ARRAY_LIMIT, dims);
    }

    /** A float image that uses cells when it has more than {@code arrayLimit} voxels. */
    static Img<FloatType> floatImageWithLimit(long arrayLimit, long... dims) {
        long n = 1;
        for (long d : dims) {
            if (d <= 0) {
                throw new IllegalArgumentException("Image dimensions must be positive: " + Arrays.toString(dims));
            }
            n = Math.multiplyExact(n, d);
        }
        if (n <= arrayLimit) {
            return ArrayImgs.floats(dims);
        }
        int[] cell = new int[dims.length];
        for (int d = 0; d < dims.length; d++) {
            cell[d] = (int) Math.min(dims[d], d < 3 ? 64 : 1);
        }
        return new CellImgFactory<>(new FloatType(), cell).create(dims);
    }

    /** A volume over a float array (x fastest) of the given size: the quick way to make small volumes. */
    public static Builder builder(float[] data, long... dims) {
        return builder(ArrayImgs.floats(data, dims));
    }

    static double[] voxelSizesOf(Matrix4dc affine, int n) {
        double[] s = new double[n];
        Arrays.fill(s, 1.0);
        for (int d = 0; d < Math.min(3, n); d++) {
            double x = affine.get(d, 0);
            double y = affine.get(d, 1);
            double z = affine.get(d, 2);
            s[d] = Math.sqrt(x * x + y * y + z * z);
        }
        return s;
    }

    @Override
    public String toString() {
        return "Volume[" + Arrays.toString(dimensions()) + ", " + xformCode + "]";
    }

    /** Assembles a {@link Volume}. */
    public static final class Builder {
        private final RandomAccessibleInterval<? extends RealType<?>> image;
        private final Matrix4d affine = new Matrix4d();
        private XformCode xformCode = XformCode.UNKNOWN;
        private double[] voxelSizes;
        private SpatialUnit spatialUnit = SpatialUnit.MM;
        private TemporalUnit temporalUnit = TemporalUnit.UNKNOWN;
        private final Map<String, String> metadata = new TreeMap<>();

        private Builder(RandomAccessibleInterval<? extends RealType<?>> image) {
            this.image = image;
        }

        /** The voxel-to-world affine and the space it maps into. */
        public Builder affine(Matrix4dc value, XformCode code) {
            affine.set(value);
            xformCode = Objects.requireNonNull(code, "code");
            return this;
        }

        /** Voxel sizes per dimension; by default the column norms of the affine (1 beyond z). */
        public Builder voxelSizes(double... sizes) {
            voxelSizes = sizes.clone();
            return this;
        }

        /** The units of the voxel sizes. */
        public Builder units(SpatialUnit spatial, TemporalUnit temporal) {
            spatialUnit = Objects.requireNonNull(spatial);
            temporalUnit = Objects.requireNonNull(temporal);
            return this;
        }

        /** Adds one metadata entry. */
        public Builder metadata(String key, String value) {
            metadata.put(key, value);
            return this;
        }

        /** The volume. */
        public Volume build() {
            if (voxelSizes != null && voxelSizes.length != image.numDimensions()) {
                throw new IllegalArgumentException("The image has " + image.numDimensions() + " dimensions but "
                        + voxelSizes.length + " voxel sizes were given");
            }
            return new Volume(this);
        }
    }
}
