package org.gyrus.workbench.viewers;

import java.util.Arrays;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import org.gyrus.data.Volume;
import org.joml.Matrix4d;
import org.joml.Vector3d;

/**
 * Cuts display slices out of a volume in world orientation ({@link AxisMapping}): for each
 * {@link SlicePlane}, which voxels make up the slice through the cursor and where each goes on the
 * screen, in the chosen {@link Convention}. Slices are read through the image's own random access
 * (no copy of the volume), so a 256³ volume or a long 4-D series costs only the slice shown.
 *
 * <p>Voxel positions are {@code long[3]} (i, j, k); a volume with fewer than three dimensions has
 * size 1 along the missing ones; dimension 3 is time, dimension 4 components (the first is shown).
 */
public final class VolumeSlicer {

    private final Volume volume;
    private final RandomAccessibleInterval<? extends RealType<?>> image;
    private final AxisMapping axes;
    private final long[] dims = new long[3];
    private final int timepoints;
    private final Matrix4d affine;

    /** A slicer of {@code volume}. */
    public VolumeSlicer(Volume volume) {
        this.volume = volume;
        this.image = volume.image();
        long[] d = volume.dimensions();
        for (int i = 0; i < 3; i++) {
            dims[i] = i < d.length ? d[i] : 1;
        }
        this.timepoints = d.length > 3 ? (int) Math.min(Integer.MAX_VALUE, d[3]) : 1;
        this.affine = new Matrix4d(volume.affine());
        this.axes = AxisMapping.of(affine);
    }

    /** The volume. */
    public Volume volume() {
        return volume;
    }

    /** How its voxel axes map onto the world's. */
    public AxisMapping axes() {
        return axes;
    }

    /** The size along each voxel axis (i, j, k). */
    public long[] dimensions() {
        return dims.clone();
    }

    /** The number of time points (1 for a 3-D volume). */
    public int timepoints() {
        return timepoints;
    }

    /** The centre voxel, where the cursor starts. */
    public long[] centre() {
        return new long[] {dims[0] / 2, dims[1] / 2, dims[2] / 2};
    }

    /** The voxel axis shown along the screen's horizontal in {@code plane}. */
    private int columnVoxelAxis(SlicePlane plane) {
        return axes.voxelAxis(plane.columnAxis());
    }

    private int rowVoxelAxis(SlicePlane plane) {
        return axes.voxelAxis(plane.rowAxis());
    }

    /** The voxel axis that {@code plane} fixes: the one its slider moves along. */
    public int fixedVoxelAxis(SlicePlane plane) {
        return axes.voxelAxis(plane.fixedAxis());
    }

    /** The slice's width in pixels (one per voxel). */
    public int width(SlicePlane plane) {
        return (int) dims[columnVoxelAxis(plane)];
    }

    /** The slice's height in pixels. */
    public int height(SlicePlane plane) {
        return (int) dims[rowVoxelAxis(plane)];
    }

    /** The voxel size (world units) along the screen's horizontal, for the aspect ratio. */
    public double pixelWidth(SlicePlane plane) {
        return axisLength(columnVoxelAxis(plane));
    }

    /** The voxel size along the screen's vertical. */
    public double pixelHeight(SlicePlane plane) {
        return axisLength(rowVoxelAxis(plane));
    }

    private double axisLength(int v) {
        double x = affine.getRowColumn(0, v);
        double y = affine.getRowColumn(1, v);
        double z = affine.getRowColumn(2, v);
        double n = Math.sqrt(x * x + y * y + z * z);
        return n > 0 ? n : 1;
    }

    /** Whether the screen's horizontal runs against increasing voxel index in {@code plane}. */
    private boolean columnsReversed(SlicePlane plane, Convention c) {
        int towardsPositive = axes.sign(columnVoxelAxis(plane));
        boolean rightToLeft = c == Convention.RADIOLOGICAL && plane != SlicePlane.SAGITTAL;
        // Left to right goes towards +world unless the convention flips it.
        return (towardsPositive > 0) == rightToLeft;
    }

    /** Rows go down the screen, so against +world when the voxel axis runs towards +world. */
    private boolean rowsReversed(SlicePlane plane) {
        return axes.sign(rowVoxelAxis(plane)) > 0;
    }

    /**
     * The slice of {@code plane} through {@code cursor} at time {@code t}, row by row from the top
     * of the screen, each row left to right: {@code width * height} values.
     */
    public float[] slice(SlicePlane plane, long[] cursor, int t, Convention c) {
        return slice(plane, cursor, t, c, null);
    }

    /** As {@link #slice(SlicePlane, long[], int, Convention)}, into {@code out} when it has the right size. */
    public float[] slice(SlicePlane plane, long[] cursor, int t, Convention c, float[] out) {
        int w = width(plane);
        int h = height(plane);
        float[] result = out != null && out.length == w * h ? out : new float[w * h];
        int ca = columnVoxelAxis(plane);
        int ra = rowVoxelAxis(plane);
        boolean cRev = columnsReversed(plane, c);
        boolean rRev = rowsReversed(plane);
        RandomAccess<? extends RealType<?>> access = image.randomAccess();
        long[] pos = position(cursor, t);
        int n = image.numDimensions();
        for (int row = 0; row < h; row++) {
            long rIndex = rRev ? h - 1 - row : row;
            if (ra < n) {
                pos[ra] = rIndex;
            }
            long start = cRev ? w - 1 : 0;
            if (ca < n) {
                pos[ca] = start;
            }
            access.setPosition(pos);
            int base = row * w;
            for (int col = 0; col < w; col++) {
                result[base + col] = access.get().getRealFloat();
                if (ca < n && col + 1 < w) {
                    if (cRev) {
                        access.bck(ca);
                    } else {
                        access.fwd(ca);
                    }
                }
            }
        }
        return result;
    }

    /** A full position of the image for a voxel and time (components at 0, missing axes dropped). */
    private long[] position(long[] voxel, int t) {
        int n = image.numDimensions();
        long[] pos = new long[n];
        for (int i = 0; i < Math.min(3, n); i++) {
            pos[i] = clamp(voxel[i], dims[i]);
        }
        if (n > 3) {
            pos[3] = clamp(t, timepoints);
        }
        return pos;
    }

    private static long clamp(long v, long size) {
        return Math.max(0, Math.min(size - 1, v));
    }

    /** The voxel shown at pixel ({@code col}, {@code row}) of {@code plane}, with the cursor's fixed coordinate. */
    public long[] voxelAt(SlicePlane plane, int col, int row, long[] cursor, Convention c) {
        long[] v = cursor.clone();
        int w = width(plane);
        int h = height(plane);
        col = (int) clamp(col, w);
        row = (int) clamp(row, h);
        v[columnVoxelAxis(plane)] = columnsReversed(plane, c) ? w - 1 - col : col;
        v[rowVoxelAxis(plane)] = rowsReversed(plane) ? h - 1 - row : row;
        return v;
    }

    /** The pixel (column, row) of {@code plane} where {@code voxel} is drawn: where the crosshair goes. */
    public int[] pixelOf(SlicePlane plane, long[] voxel, Convention c) {
        int w = width(plane);
        int h = height(plane);
        long i = voxel[columnVoxelAxis(plane)];
        long j = voxel[rowVoxelAxis(plane)];
        return new int[] {(int) (columnsReversed(plane, c) ? w - 1 - i : i), (int) (rowsReversed(plane) ? h - 1 - j : j)};
    }

    /** The value at {@code voxel} and time {@code t}. */
    public double value(long[] voxel, int t) {
        RandomAccess<? extends RealType<?>> access = image.randomAccess();
        access.setPosition(position(voxel, t));
        return access.get().getRealDouble();
    }

    /** The world coordinate (affine applied) of a voxel centre. */
    public Vector3d world(long[] voxel) {
        return affine.transformPosition(new Vector3d(voxel[0], voxel[1], voxel[2]));
    }

    /** The voxel nearest to world coordinate {@code p}, clamped into the volume. */
    public long[] voxelOf(Vector3d p) {
        Vector3d v = new Matrix4d(affine).invert().transformPosition(new Vector3d(p));
        return new long[] {clamp(Math.round(v.x), dims[0]), clamp(Math.round(v.y), dims[1]), clamp(Math.round(v.z), dims[2])};
    }

    /**
     * A robust display range: the 2nd and 98th percentiles of up to 1,000,000 voxels of the first
     * time point, taken at a regular stride (NaN ignored); the full range when those coincide.
     */
    public double[] robustRange() {
        long n = dims[0] * dims[1] * dims[2];
        long stride = Math.max(1, n / 1_000_000);
        float[] sample = new float[(int) Math.min(n, (n + stride - 1) / stride)];
        RandomAccess<? extends RealType<?>> access = image.randomAccess();
        long[] pos = position(new long[3], 0);
        int k = 0;
        for (long idx = 0; idx < n && k < sample.length; idx += stride) {
            long[] v = {idx % dims[0], (idx / dims[0]) % dims[1], idx / (dims[0] * dims[1])};
            for (int i = 0; i < Math.min(3, pos.length); i++) {
                pos[i] = v[i];
            }
            access.setPosition(pos);
            float x = access.get().getRealFloat();
            if (!Float.isNaN(x)) {
                sample[k++] = x;
            }
        }
        if (k == 0) {
            return new double[] {0, 1};
        }
        float[] s = Arrays.copyOf(sample, k);
        Arrays.sort(s);
        double lo = s[(int) Math.floor(0.02 * (k - 1))];
        double hi = s[(int) Math.ceil(0.98 * (k - 1))];
        if (hi <= lo) {
            lo = s[0];
            hi = s[k - 1];
        }
        return hi > lo ? new double[] {lo, hi} : new double[] {lo, lo + 1};
    }

    /**
     * Whether the volume looks like labels (a mask, a segmentation, an atlas): every voxel of a
     * regular sample of up to 100,000 of the first time point is NaN or a whole number from 0 to
     * 10,000.
     */
    public boolean looksLikeLabels() {
        long n = dims[0] * dims[1] * dims[2];
        long stride = Math.max(1, n / 100_000);
        RandomAccess<? extends RealType<?>> access = image.randomAccess();
        long[] pos = position(new long[3], 0);
        for (long idx = 0; idx < n; idx += stride) {
            long[] v = {idx % dims[0], (idx / dims[0]) % dims[1], idx / (dims[0] * dims[1])};
            for (int i = 0; i < Math.min(3, pos.length); i++) {
                pos[i] = v[i];
            }
            access.setPosition(pos);
            double x = access.get().getRealDouble();
            if (!Double.isNaN(x) && (x != Math.rint(x) || x < 0 || x > 10_000)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks that {@code other} lies on this volume's voxel grid (same size and affine within
     * 1e-3), as an overlay must: viewers do not resample.
     *
     * @throws IllegalArgumentException saying how the grids differ
     */
    public void checkSameGrid(VolumeSlicer other, String what) {
        if (!Arrays.equals(dims, other.dims)) {
            throw new IllegalArgumentException(what + " has " + Arrays.toString(other.dims) + " voxels, the volume "
                    + Arrays.toString(dims) + ": an overlay must be on the volume's grid (resample it first)");
        }
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                if (Math.abs(affine.getRowColumn(r, c) - other.affine.getRowColumn(r, c)) > 1e-3) {
                    throw new IllegalArgumentException(what + " has another affine than the volume: an overlay must be on the "
                            + "volume's grid (resample it first)");
                }
            }
        }
    }
}
