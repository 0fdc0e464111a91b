package org.gyrus.io.nifti;

/**
 * The voxel types NIfTI defines, with their codes and sizes. Complex and RGB types have several
 * components per voxel, stored interleaved; a reader puts them on the volume's fifth axis.
 */
public enum NiftiDatatype {
    /** 2: unsigned 8-bit integer. */
    UINT8(2, 8, 1, "uint8"),
    /** 4: signed 16-bit integer. */
    INT16(4, 16, 1, "int16"),
    /** 8: signed 32-bit integer. */
    INT32(8, 32, 1, "int32"),
    /** 16: IEEE float32. */
    FLOAT32(16, 32, 1, "float32"),
    /** 32: two float32 (real, imaginary). */
    COMPLEX64(32, 64, 2, "complex64"),
    /** 64: IEEE float64. */
    FLOAT64(64, 64, 1, "float64"),
    /** 128: three uint8 (red, green, blue). */
    RGB24(128, 24, 3, "rgb24"),
    /** 256: signed 8-bit integer. */
    INT8(256, 8, 1, "int8"),
    /** 512: unsigned 16-bit integer. */
    UINT16(512, 16, 1, "uint16"),
    /** 768: unsigned 32-bit integer. */
    UINT32(768, 32, 1, "uint32"),
    /** 1024: signed 64-bit integer. */
    INT64(1024, 64, 1, "int64"),
    /** 1280: unsigned 64-bit integer. */
    UINT64(1280, 64, 1, "uint64"),
    /** 1792: two float64 (real, imaginary). */
    COMPLEX128(1792, 128, 2, "complex128"),
    /** 2304: four uint8 (red, green, blue, alpha). */
    RGBA32(2304, 32, 4, "rgba32");

    private final int code;
    private final int bitpix;
    private final int components;
    private final String label;

    NiftiDatatype(int code, int bitpix, int components, String label) {
        this.code = code;
        this.bitpix = bitpix;
        this.components = components;
        this.label = label;
    }

    /** The NIfTI {@code datatype} code. */
    public int code() {
        return code;
    }

    /** Bits per voxel, as {@code bitpix} must say. */
    public int bitpix() {
        return bitpix;
    }

    /** Bytes per voxel (all components). */
    public int bytesPerVoxel() {
        return bitpix / 8;
    }

    /** Values per voxel: 1, or 2 for complex, 3 for RGB, 4 for RGBA. */
    public int components() {
        return components;
    }

    /** Bytes of one component value; byte swapping works on units of this size. */
    public int bytesPerComponent() {
        return bytesPerVoxel() / components;
    }

    /** Whether scl_slope/scl_inter may apply: never to complex or colour data. */
    public boolean isScalable() {
        return components == 1;
    }

    /** Whether the stored values are integers. */
    public boolean isInteger() {
        return switch (this) {
            case FLOAT32, FLOAT64, COMPLEX64, COMPLEX128 -> false;
            default -> true;
        };
    }

    /** The lower-case name numpy and nibabel use (uint8, int16, float32, complex64, rgb24 ...). */
    public String label() {
        return label;
    }

    /** The type of a code, or {@code null} when the code is not one of these. */
    public static NiftiDatatype ofCode(int code) {
        for (NiftiDatatype t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }

    /** The type of a label such as {@code int16}, or {@code null}. */
    public static NiftiDatatype ofLabel(String label) {
        for (NiftiDatatype t : values()) {
            if (t.label.equalsIgnoreCase(label)) {
                return t;
            }
        }
        return null;
    }

    /** Why a code is refused: names what NIfTI calls it when it is defined but unsupported. */
    static String unsupportedReason(int code) {
        return switch (code) {
            case 0 -> "0 (DT_UNKNOWN)";
            case 1 -> "1 (DT_BINARY, 1 bit per voxel, not supported)";
            case 1536 -> "1536 (DT_FLOAT128, not supported by Java)";
            case 2048 -> "2048 (DT_COMPLEX256, not supported by Java)";
            default -> code + " (not a NIfTI datatype)";
        };
    }
}
