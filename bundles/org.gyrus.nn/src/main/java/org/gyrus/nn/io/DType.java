package org.gyrus.nn.io;

/** Element types of the safetensors format, with their names in the header and their sizes. */
public enum DType {
    /** IEEE 754 double. */
    F64(8),
    /** IEEE 754 single. */
    F32(4),
    /** IEEE 754 half. */
    F16(2),
    /** bfloat16 (the upper half of a float32). */
    BF16(2),
    /** Signed 64-bit integer. */
    I64(8),
    /** Signed 32-bit integer. */
    I32(4),
    /** Signed 16-bit integer. */
    I16(2),
    /** Signed 8-bit integer. */
    I8(1),
    /** Unsigned 8-bit integer. */
    U8(1),
    /** Boolean, one byte (0 or 1). */
    BOOL(1);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /**
     * Returns the size of one element.
     *
     * @return bytes per element
     */
    public int bytes() {
        return bytes;
    }

    /** The type named in a header, or null if the name is not one of these. */
    static DType named(String name) {
        for (DType d : values()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }
}
