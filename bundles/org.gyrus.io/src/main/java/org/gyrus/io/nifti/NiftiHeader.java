package org.gyrus.io.nifti;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.joml.Matrix4d;

/**
 * The header of a NIfTI-1, NIfTI-2 or Analyze 7.5 image, with its extensions: the fields as stored
 * (widened to long and double), and the interpretations that nibabel makes of them — the shape,
 * the scaling that applies, and the affine it chooses. Instances come from {@link NiftiReader} and
 * are immutable to everyone outside this package.
 */
public final class NiftiHeader {

    /** The three header layouts. */
    public enum Format {
        /** Analyze 7.5 (348 bytes, no magic), read as nibabel's SPM2 flavour. */
        ANALYZE,
        /** NIfTI-1 (348 bytes, magic {@code n+1} or {@code ni1}). */
        NIFTI1,
        /** NIfTI-2 (540 bytes, magic {@code n+2} or {@code ni2}). */
        NIFTI2
    }

    /** Above this many millimetres of difference between qform and sform a warning is raised. */
    static final double XFORM_TOLERANCE = 1e-3;

    Format format;
    boolean singleFile;
    boolean bigEndian;
    int sizeofHdr;
    final long[] dim = new long[8];
    int datatypeCode;
    NiftiDatatype datatype;
    int bitpix;
    final double[] pixdim = new double[8];
    double rawVoxOffset;
    long voxOffset;
    double sclSlope = Double.NaN;
    double sclInter = Double.NaN;
    double calMax;
    double calMin;
    double sliceDuration;
    double toffset;
    long sliceStart;
    long sliceEnd;
    int sliceCode;
    int xyztUnits;
    int dimInfo;
    int intentCode;
    final double[] intentP = new double[3];
    String intentName = "";
    String descrip = "";
    String auxFile = "";
    int qformCode;
    int sformCode;
    final double[] quatern = new double[3];
    final double[] qoffset = new double[3];
    final double[] srow = new double[12];
    int glmax;
    int glmin;
    final int[] origin = new int[3];
    List<NiftiExtension> extensions = List.of();
    final List<String> warnings = new ArrayList<>();

    NiftiHeader() {
    }

    /** The layout. */
    public Format format() {
        return format;
    }

    /** Whether header and data share one file ({@code n+1}/{@code n+2}) rather than a .hdr/.img pair. */
    public boolean isSingleFile() {
        return singleFile;
    }

    /** Whether the file is big-endian (detected from {@code sizeof_hdr}). */
    public boolean isBigEndian() {
        return bigEndian;
    }

    /** {@code sizeof_hdr}: 348 or 540. */
    public int sizeofHdr() {
        return sizeofHdr;
    }

    /** The number of dimensions, {@code dim[0]}. */
    public int rank() {
        return (int) dim[0];
    }

    /** The shape: {@code dim[1..dim[0]]}; later entries are ignored as the standard says. */
    public long[] shape() {
        return Arrays.copyOfRange(dim, 1, 1 + rank());
    }

    /** The whole {@code dim} array as stored. */
    public long[] dim() {
        return dim.clone();
    }

    /** The number of voxels (product of the shape). */
    public long voxelCount() {
        long n = 1;
        for (long d : shape()) {
            n *= d;
        }
        return n;
    }

    /** The voxel type. */
    public NiftiDatatype datatype() {
        return datatype;
    }

    /** {@code bitpix}. */
    public int bitpix() {
        return bitpix;
    }

    /** {@code pixdim[0..7]}; pixdim[0] is qfac. */
    public double[] pixdim() {
        return pixdim.clone();
    }

    /** Where the voxel data start in the data file, as used (nibabel raises a too-small single-file offset to 352). */
    public long voxOffset() {
        return voxOffset;
    }

    /** {@code vox_offset} as stored. */
    public double rawVoxOffset() {
        return rawVoxOffset;
    }

    /** {@code scl_slope} as stored (Analyze: SPM's {@code funused1}). */
    public double rawSclSlope() {
        return sclSlope;
    }

    /** {@code scl_inter} as stored. */
    public double rawSclInter() {
        return sclInter;
    }

    /**
     * Whether scaling applies: for NIfTI when the slope is finite and non-zero and the type is not
     * complex or RGB; for Analyze, SPM2's rules (funused1, else cal/gl ranges).
     */
    public boolean isScaled() {
        return scaling() != null;
    }

    /** The slope applied to stored values: 1 when unscaled. */
    public double slope() {
        double[] s = scaling();
        return s == null ? 1.0 : s[0];
    }

    /** The intercept applied to stored values: 0 when unscaled. */
    public double intercept() {
        double[] s = scaling();
        return s == null ? 0.0 : s[1];
    }

    private double[] scaling() {
        if (datatype != null && !datatype.isScalable()) {
            return null;
        }
        if (format == Format.ANALYZE) {
            if (Double.isFinite(sclSlope) && sclSlope != 0) {
                return new double[] {sclSlope, 0.0};
            }
            // SPM2: a zero scale factor means "derive it from the calibration and stored ranges".
            double unscaled = (double) glmax - glmin;
            double scaled = calMax - calMin;
            if (unscaled != 0 && scaled != 0) {
                double s = scaled / unscaled;
                return new double[] {s, calMin - s * glmin};
            }
            return null;
        }
        if (!Double.isFinite(sclSlope) || sclSlope == 0) {
            return null;
        }
        double inter = Double.isFinite(sclInter) ? sclInter : 0.0;
        if (sclSlope == 1 && inter == 0) {
            return null; // the identity: keep the stored type (many tools write 1/0 for "unscaled")
        }
        return new double[] {sclSlope, inter};
    }

    /** {@code cal_max}. */
    public double calMax() {
        return calMax;
    }

    /** {@code cal_min}. */
    public double calMin() {
        return calMin;
    }

    /** {@code toffset}. */
    public double toffset() {
        return toffset;
    }

    /** {@code slice_duration}. */
    public double sliceDuration() {
        return sliceDuration;
    }

    /** {@code slice_start}. */
    public long sliceStart() {
        return sliceStart;
    }

    /** {@code slice_end}. */
    public long sliceEnd() {
        return sliceEnd;
    }

    /** {@code slice_code}. */
    public int sliceCode() {
        return sliceCode;
    }

    /** {@code xyzt_units}. */
    public int xyztUnits() {
        return xyztUnits;
    }

    /** {@code dim_info} (frequency, phase and slice dimensions, two bits each). */
    public int dimInfo() {
        return dimInfo;
    }

    /** {@code intent_code}. */
    public int intentCode() {
        return intentCode;
    }

    /** {@code intent_p1..3}. */
    public double[] intentParameters() {
        return intentP.clone();
    }

    /** {@code intent_name}. */
    public String intentName() {
        return intentName;
    }

    /** {@code descrip}, trailing NULs removed (as numpy does, so an embedded NUL stays). */
    public String descrip() {
        return descrip;
    }

    /** {@code aux_file}. */
    public String auxFile() {
        return auxFile;
    }

    /** {@code qform_code} (0 to 5; an invalid code is read as 0 with a warning, as nibabel does). */
    public int qformCode() {
        return qformCode;
    }

    /** {@code sform_code} (0 to 5; an invalid code is read as 0 with a warning). */
    public int sformCode() {
        return sformCode;
    }

    /** The extensions, in file order. */
    public List<NiftiExtension> extensions() {
        return extensions;
    }

    /** Things that were odd but readable (qform and sform disagreeing, fixed-up fields). */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** The qform affine (from the quaternion, pixdim and qfac), whatever its code. */
    public Matrix4d qformAffine() {
        double b = quatern[0];
        double c = quatern[1];
        double d = quatern[2];
        double[] abcd = Quaternions.fillPositive(b, c, d);
        double[] r = Quaternions.toRotation(abcd[0], abcd[1], abcd[2], abcd[3]);
        double qfac = pixdim[0] == -1 ? -1 : 1;
        double[] vox = {Math.abs(pixdim[1]), Math.abs(pixdim[2]), Math.abs(pixdim[3]) * qfac};
        Matrix4d m = new Matrix4d();
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 3; col++) {
                m.setRowColumn(row, col, r[row * 3 + col] * vox[col]);
            }
            m.setRowColumn(row, 3, qoffset[row]);
        }
        return m;
    }

    /** The sform affine (the three srow rows), whatever its code. */
    public Matrix4d sformAffine() {
        Matrix4d m = new Matrix4d();
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 4; col++) {
                m.setRowColumn(row, col, srow[row * 4 + col]);
            }
        }
        return m;
    }

    /**
     * The affine nibabel builds from the shape and pixdim alone: x flipped, the centre of the
     * volume at the origin (Analyze: at SPM's {@code origin} field when it is set and plausible).
     */
    public Matrix4d baseAffine() {
        double[] zooms = {1, 1, 1};
        double[] centre = new double[3];
        int n = rank();
        for (int i = 0; i < 3; i++) {
            long size = i < n ? dim[i + 1] : 1;
            if (i < n) {
                zooms[i] = pixdim[i + 1];
            }
            centre[i] = (size - 1) / 2.0;
        }
        if (format == Format.ANALYZE && hasPlausibleOrigin()) {
            for (int i = 0; i < 3; i++) {
                centre[i] = origin[i] - 1; // SPM's origin is 1-based (MATLAB)
            }
        }
        zooms[0] = -zooms[0];
        Matrix4d m = new Matrix4d();
        for (int i = 0; i < 3; i++) {
            m.setRowColumn(i, i, zooms[i]);
            m.setRowColumn(i, 3, -centre[i] * zooms[i]);
        }
        return m;
    }

    private boolean hasPlausibleOrigin() {
        boolean any = false;
        for (int i = 0; i < 3; i++) {
            long size = i < rank() ? dim[i + 1] : 1;
            any |= origin[i] != 0;
            if (origin[i] <= -size || origin[i] >= 2 * size) {
                return false;
            }
        }
        return any;
    }

    /** The affine nibabel chooses: sform if its code is positive, else qform if its code is, else {@link #baseAffine()}. */
    public Matrix4d bestAffine() {
        if (format != Format.ANALYZE && sformCode > 0) {
            return sformAffine();
        }
        if (format != Format.ANALYZE && qformCode > 0) {
            return qformAffine();
        }
        return baseAffine();
    }

    /** The code of {@link #bestAffine()}: sform_code, qform_code, or 0. */
    public int bestAffineCode() {
        if (format != Format.ANALYZE && sformCode > 0) {
            return sformCode;
        }
        if (format != Format.ANALYZE && qformCode > 0) {
            return qformCode;
        }
        return 0;
    }

    /** Adds the warning when both xforms are set and map some corner of the volume more than 1e-3 mm apart. */
    void checkXformAgreement(String file) {
        if (format == Format.ANALYZE || qformCode <= 0 || sformCode <= 0) {
            return;
        }
        double diff = maxDifference(qformAffine(), sformAffine());
        if (diff > XFORM_TOLERANCE) {
            warnings.add(file + ": qform (code " + qformCode + ") and sform (code " + sformCode
                    + ") disagree by up to " + String.format("%.4g", diff) + " in the affine; the sform is used");
        }
    }

    static double maxDifference(Matrix4d a, Matrix4d b) {
        double max = 0;
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                max = Math.max(max, Math.abs(a.getRowColumn(r, c) - b.getRowColumn(r, c)));
            }
        }
        return max;
    }

    @Override
    public String toString() {
        return "NiftiHeader[" + format + (bigEndian ? " big-endian " : " little-endian ") + Arrays.toString(shape())
                + " " + (datatype == null ? datatypeCode : datatype.label()) + "]";
    }
}
