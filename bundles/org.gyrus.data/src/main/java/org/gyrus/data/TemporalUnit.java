package org.gyrus.data;

/** The unit of a volume's fourth dimension (NIfTI {@code xyzt_units}, bits 3–5). */
public enum TemporalUnit {
    /** 0: not given. */
    UNKNOWN(0, ""),
    /** 8: seconds. */
    SEC(8, "s"),
    /** 16: milliseconds. */
    MSEC(16, "ms"),
    /** 24: microseconds. */
    USEC(24, "µs"),
    /** 32: hertz. */
    HZ(32, "Hz"),
    /** 40: parts per million. */
    PPM(40, "ppm"),
    /** 48: radians per second. */
    RADS(48, "rad/s");

    private final int code;
    private final String symbol;

    TemporalUnit(int code, String symbol) {
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
    public static TemporalUnit of(int code) {
        for (TemporalUnit u : values()) {
            if (u.code == code) {
                return u;
            }
        }
        return UNKNOWN;
    }
}
