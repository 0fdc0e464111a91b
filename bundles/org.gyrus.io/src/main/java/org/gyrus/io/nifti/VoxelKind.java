package org.gyrus.io.nifti;

/** The primitive value types voxels are stored as, on disk (one component) and in memory. */
enum VoxelKind {
    INT8(1, true), UINT8(1, true), INT16(2, true), UINT16(2, true), INT32(4, true), UINT32(4, true),
    INT64(8, true), UINT64(8, true), FLOAT32(4, false), FLOAT64(8, false);

    final int bytes;
    final boolean integer;

    VoxelKind(int bytes, boolean integer) {
        this.bytes = bytes;
        this.integer = integer;
    }

    /** The kind of one component of a NIfTI datatype (float32 for complex64, uint8 for RGB ...). */
    static VoxelKind componentOf(NiftiDatatype t) {
        return switch (t) {
            case UINT8, RGB24, RGBA32 -> UINT8;
            case INT8 -> INT8;
            case INT16 -> INT16;
            case UINT16 -> UINT16;
            case INT32 -> INT32;
            case UINT32 -> UINT32;
            case INT64 -> INT64;
            case UINT64 -> UINT64;
            case FLOAT32, COMPLEX64 -> FLOAT32;
            case FLOAT64, COMPLEX128 -> FLOAT64;
        };
    }

    /** The smallest value of an integer kind, as a double. */
    double min() {
        return switch (this) {
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            case INT64 -> Long.MIN_VALUE;
            case UINT8, UINT16, UINT32, UINT64 -> 0;
            case FLOAT32 -> -Float.MAX_VALUE;
            case FLOAT64 -> -Double.MAX_VALUE;
        };
    }

    /** The largest value of an integer kind, as a double. */
    double max() {
        return switch (this) {
            case INT8 -> Byte.MAX_VALUE;
            case UINT8 -> 255;
            case INT16 -> Short.MAX_VALUE;
            case UINT16 -> 65535;
            case INT32 -> Integer.MAX_VALUE;
            case UINT32 -> 4294967295.0;
            case INT64 -> Long.MAX_VALUE;
            case UINT64 -> 18446744073709551615.0;
            case FLOAT32 -> Float.MAX_VALUE;
            case FLOAT64 -> Double.MAX_VALUE;
        };
    }
}
