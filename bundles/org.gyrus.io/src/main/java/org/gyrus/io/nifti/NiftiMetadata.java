package org.gyrus.io.nifti;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The keys under which {@link NiftiReader} keeps header fields in a volume's metadata, so that
 * they travel through a pipeline and {@link NiftiWriter} can write them back (descrip, intent,
 * calibration, slice timing, units, extensions ...).
 */
public final class NiftiMetadata {

    /** Header layout of the source: NIFTI1, NIFTI2 or ANALYZE. */
    public static final String FORMAT = "nifti.format";
    /** The stored datatype label (int16, float32, rgb24 ...). */
    public static final String DATATYPE = "nifti.datatype";
    /** "true" when the source was big-endian. */
    public static final String BIG_ENDIAN = "nifti.big_endian";
    /** {@code descrip}. */
    public static final String DESCRIP = "nifti.descrip";
    /** {@code aux_file}. */
    public static final String AUX_FILE = "nifti.aux_file";
    /** {@code intent_code}. */
    public static final String INTENT_CODE = "nifti.intent_code";
    /** {@code intent_name}. */
    public static final String INTENT_NAME = "nifti.intent_name";
    /** {@code intent_p1,p2,p3}, comma-separated. */
    public static final String INTENT_PARAMETERS = "nifti.intent_p";
    /** {@code dim_info}. */
    public static final String DIM_INFO = "nifti.dim_info";
    /** {@code xyzt_units}. */
    public static final String XYZT_UNITS = "nifti.xyzt_units";
    /** {@code cal_min}. */
    public static final String CAL_MIN = "nifti.cal_min";
    /** {@code cal_max}. */
    public static final String CAL_MAX = "nifti.cal_max";
    /** {@code toffset}. */
    public static final String TOFFSET = "nifti.toffset";
    /** {@code slice_start}, {@code slice_end}, {@code slice_code}, {@code slice_duration}, comma-separated. */
    public static final String SLICE_TIMING = "nifti.slice";
    /** The slope and intercept that were applied, comma-separated. */
    public static final String SCALING = "nifti.scl";
    /** {@code qform_code} of the source. */
    public static final String QFORM_CODE = "nifti.qform_code";
    /** {@code sform_code} of the source. */
    public static final String SFORM_CODE = "nifti.sform_code";
    /** The source file. */
    public static final String SOURCE = "nifti.source";
    /** Prefix of the extensions: {@code nifti.extension.<i>} = {@code <code>:<base64 content>}. */
    public static final String EXTENSION_PREFIX = "nifti.extension.";
    /** Prefix of warnings raised while reading: {@code nifti.warning.<i>}. */
    public static final String WARNING_PREFIX = "nifti.warning.";

    private NiftiMetadata() {
    }

    /** The metadata entry of one extension. */
    static String encodeExtension(NiftiExtension e) {
        return e.code() + ":" + Base64.getEncoder().encodeToString(e.rawContent());
    }

    /**
     * The extensions kept in a volume's metadata, in order.
     *
     * @throws IllegalArgumentException if an entry is malformed
     */
    public static List<NiftiExtension> extensions(Map<String, String> metadata) {
        List<NiftiExtension> out = new ArrayList<>();
        for (int i = 0; metadata.containsKey(EXTENSION_PREFIX + i); i++) {
            String v = metadata.get(EXTENSION_PREFIX + i);
            int colon = v.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("Metadata " + EXTENSION_PREFIX + i + " is not <code>:<base64>");
            }
            out.add(new NiftiExtension(Integer.parseInt(v.substring(0, colon)), Base64.getDecoder().decode(v.substring(colon + 1))));
        }
        return out;
    }
}
