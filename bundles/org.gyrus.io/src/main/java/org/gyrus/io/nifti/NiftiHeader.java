package org.gyrus.io.nifti;

import java.nio.file.Path;
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

    /** Where the affine of an image comes from. */
    public enum AffineSource {
        /** The srow rows (sform_code &gt; 0 and the sform usable). */
        SFORM,
        /** The quaternion, pixdim and qoffset (qform_code &gt; 0, the qform usable, the sform not). */
        QFORM,
        /** The voxel sizes alone, x flipped, centred (neither xform set and usable). */
        PIXDIM,
        /** An Analyze header: the voxel sizes and SPM's origin. */
        ANALYZE
    }

    /**
     * nibabel refuses a qform whose (b, c, d) has 1 - |(b, c, d)|² below minus three epsilons of the
     * stored precision: float32 for NIfTI-1, float64 for NIfTI-2.
     */
    private static final double QUATERNION_TOLERANCE_1 = 3 * Math.ulp(1.0f);
    private static final double QUATERNION_TOLERANCE_2 = 3 * Math.ulp(1.0);
    private static final String[] XYZ = {"x", "y", "z"};

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

    /**
     * Where the affine comes from: nibabel's order (sform if its code is positive, else qform if
     * its code is, else pixdim), skipping an xform that is not usable — with a non-finite number,
     * a quaternion that is not a rotation (nibabel refuses those), or a singular sform. The reader
     * warns about every skipped xform and refuses a file left with no finite affine.
     */
    public AffineSource affineSource() {
        if (format == Format.ANALYZE) {
            return AffineSource.ANALYZE;
        }
        if (sformCode > 0 && sformProblem() == null) {
            return AffineSource.SFORM;
        }
        if (qformCode > 0 && qformProblem() == null) {
            return AffineSource.QFORM;
        }
        return AffineSource.PIXDIM;
    }

    /** The affine of {@link #affineSource()}. */
    public Matrix4d bestAffine() {
        return switch (affineSource()) {
            case SFORM -> sformAffine();
            case QFORM -> qformAffine();
            case PIXDIM, ANALYZE -> baseAffine();
        };
    }

    /** The code of {@link #bestAffine()}: sform_code, qform_code, or 0. */
    public int bestAffineCode() {
        return switch (affineSource()) {
            case SFORM -> sformCode;
            case QFORM -> qformCode;
            case PIXDIM, ANALYZE -> 0;
        };
    }

    /** Why the qform cannot be used, or {@code null} when it can (whatever its code). */
    String qformProblem() {
        for (int i = 0; i < 3; i++) {
            if (!Double.isFinite(quatern[i])) {
                return "quatern_" + "bcd".charAt(i) + " is " + quatern[i];
            }
            if (!Double.isFinite(qoffset[i])) {
                return "qoffset_" + XYZ[i] + " is " + qoffset[i];
            }
            if (!Double.isFinite(pixdim[i + 1])) {
                return "pixdim[" + (i + 1) + "] is " + pixdim[i + 1];
            }
        }
        double norm2 = quatern[0] * quatern[0] + quatern[1] * quatern[1] + quatern[2] * quatern[2];
        if (1.0 - norm2 < -(format == Format.NIFTI2 ? QUATERNION_TOLERANCE_2 : QUATERNION_TOLERANCE_1)) {
            return String.format(java.util.Locale.ROOT, "the quaternion (b, c, d) = (%.6g, %.6g, %.6g) has length %.6g, "
                    + "more than 1, so it is not a rotation", quatern[0], quatern[1], quatern[2], Math.sqrt(norm2));
        }
        return isFinite(qformAffine()) ? null : "its affine overflows (pixdim " + pixdim[1] + ", " + pixdim[2] + ", " + pixdim[3] + ")";
    }

    private static boolean isFinite(Matrix4d m) {
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                if (!Double.isFinite(m.getRowColumn(r, c))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Why the sform cannot be used, or {@code null} when it can (whatever its code). */
    String sformProblem() {
        for (int i = 0; i < 12; i++) {
            if (!Double.isFinite(srow[i])) {
                return "srow_" + XYZ[i / 4] + "[" + (i % 4) + "] is " + srow[i];
            }
        }
        double det = srow[0] * (srow[5] * srow[10] - srow[6] * srow[9]) - srow[1] * (srow[4] * srow[10] - srow[6] * srow[8])
                + srow[2] * (srow[4] * srow[9] - srow[5] * srow[8]);
        if (det == 0) {
            return "its 3x3 part is singular (determinant 0), so it maps the volume onto a plane or a line";
        }
        if (!Double.isFinite(det)) {
            return "its 3x3 part overflows (determinant " + det + ")";
        }
        return null;
    }

    /** Why the affine from pixdim alone cannot be used (a non-finite voxel size), or {@code null}. */
    String baseProblem() {
        for (int i = 1; i <= Math.min(3, rank()); i++) {
            if (!Double.isFinite(pixdim[i])) {
                return "pixdim[" + i + "] is " + pixdim[i];
            }
        }
        Matrix4d base = baseAffine();
        for (int i = 0; i < 3; i++) {
            if (!Double.isFinite(base.getRowColumn(i, i)) || !Double.isFinite(base.getRowColumn(i, 3))) {
                return "pixdim[" + (i + 1) + "] is " + pixdim[i + 1] + ", which makes the affine overflow";
            }
        }
        return null;
    }

    /**
     * Warns about each xform whose code says to use it but that is not usable, and refuses the file
     * when no usable affine is left (field: the first voxel size at fault).
     */
    void checkAffine(Path file) throws NiftiFormatException {
        AffineSource source = affineSource();
        String sform = format == Format.ANALYZE || sformCode <= 0 ? null : sformProblem();
        String qform = format == Format.ANALYZE || qformCode <= 0 ? null : qformProblem();
        String fallback = switch (source) {
            case SFORM -> "the sform";
            case QFORM -> "the qform";
            default -> "the affine from the voxel sizes (pixdim) alone";
        };
        if (sform != null) {
            warnings.add(file + ": the sform (sform_code " + sformCode + ") is not usable: " + sform + "; using " + fallback);
        }
        if (qform != null) {
            warnings.add(file + ": the qform (qform_code " + qformCode + ") is not usable: " + qform
                    + (source == AffineSource.SFORM ? "; the sform is used" : "; using " + fallback));
        }
        if (source == AffineSource.PIXDIM || source == AffineSource.ANALYZE) {
            String base = baseProblem();
            if (base != null) {
                String field = base.substring(0, base.indexOf(' '));
                List<String> why = new ArrayList<>();
                if (format != Format.ANALYZE) {
                    why.add(sform != null ? "the sform is not usable (" + sform + ")" : "sform_code is 0");
                    why.add(qform != null ? "the qform is not usable (" + qform + ")" : "qform_code is 0");
                }
                why.add("the voxel sizes cannot make one: " + base);
                throw new NiftiFormatException(file, field, "no usable affine: " + String.join("; ", why));
            }
        }
        checkXformAgreement(file.toString());
    }

    /** Adds the warning when both xforms are set, usable, and map some corner of the volume more than 1e-3 mm apart. */
    void checkXformAgreement(String file) {
        if (format == Format.ANALYZE || qformCode <= 0 || sformCode <= 0 || qformProblem() != null || sformProblem() != null) {
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
