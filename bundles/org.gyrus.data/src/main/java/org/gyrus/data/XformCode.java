package org.gyrus.data;

/** What the voxel-to-world affine of a {@link Volume} refers to: NIfTI's {@code qform_code}/{@code sform_code}. */
public enum XformCode {
    /** 0: arbitrary coordinates (the affine only scales by the voxel sizes). */
    UNKNOWN(0),
    /** 1: scanner-based anatomical coordinates. */
    SCANNER_ANAT(1),
    /** 2: coordinates aligned to another file or truth. */
    ALIGNED_ANAT(2),
    /** 3: Talairach–Tournoux space. */
    TALAIRACH(3),
    /** 4: MNI 152 space. */
    MNI_152(4),
    /** 5: another template space (NIfTI 2019 addition). */
    TEMPLATE_OTHER(5);

    private final int code;

    XformCode(int code) {
        this.code = code;
    }

    /** The NIfTI integer code. */
    public int code() {
        return code;
    }

    /**
     * The constant for a NIfTI integer code.
     *
     * @throws IllegalArgumentException for a code NIfTI does not define
     */
    public static XformCode of(int code) {
        for (XformCode c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        throw new IllegalArgumentException("Unknown NIfTI xform code " + code + " (expected 0 to 5)");
    }
}
