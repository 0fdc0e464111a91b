package org.gyrus.data;

/** The unit of a volume's voxel sizes (NIfTI {@code xyzt_units}, bits 0–2). */
public enum SpatialUnit {
    /** 0: not given. */
    UNKNOWN(0, ""),
    /** 1: metres. */
    METER(1, "m"),
    /** 2: millimetres, the usual unit. */
    MM(2, "mm"),
    /** 3: micrometres. */
    MICRON(3, "µm");

    private final int code;
    private final String symbol;

    SpatialUnit(int code, String symbol) {
        this.code = code;
        this.symbol = symbol;
    }

    /** The NIfTI code. */
    public int code() {
        return code;
    }

    /** The unit's symbol, empty when unknown. */
    public String symbol() {
        return symbol;
    }

    /** The unit of a NIfTI code; an unknown code gives {@link #UNKNOWN}. */
    public static SpatialUnit of(int code) {
        for (SpatialUnit u : values()) {
            if (u.code == code) {
                return u;
            }
        }
        return UNKNOWN;
    }
}
