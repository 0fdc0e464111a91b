package org.gyrus.io.nifti;

import java.util.Arrays;
import java.util.Locale;

/**
 * Whether an image fits in the Java heap before it is allocated: the one check behind both the
 * Read Volume node and {@code gyrus info}, so that they always agree on what can be loaded. The
 * free heap is measured after a garbage collection when the first estimate is short, since
 * garbage not yet collected is not a reason to refuse.
 */
final class MemoryCheck {

    /** Memory kept free for everything else when checking that an image fits. */
    static final long MARGIN = 64L << 20;

    private MemoryCheck() {
    }

    /** The bytes that {@code h}'s voxels take in memory as {@code kind}, or an error when that overflows. */
    static long needed(NiftiHeader h, VoxelKind kind, java.nio.file.Path file) throws NiftiFormatException {
        long values = h.voxelCount() * h.datatype().components();
        try {
            return Math.multiplyExact(values, (long) kind.bytes);
        } catch (ArithmeticException e) {
            throw new NiftiFormatException(file, "dim", "the image needs more than 2^63 bytes in memory (dims " + Arrays.toString(h.shape()) + ")");
        }
    }

    /** Refuses (field {@code dim}) an image of {@code need} bytes that does not fit in the heap now. */
    static void require(NiftiHeader h, VoxelKind kind, long need, java.nio.file.Path file) throws NiftiFormatException {
        long available = available();
        if (need > available) {
            System.gc(); // once, on the way to refusing: the heap may only be full of garbage
            available = available();
        }
        if (need > available) {
            throw new NiftiFormatException(file, "dim", String.format(Locale.ROOT,
                    "the image (dims %s, %s) needs %s in memory but only %s is available; give Java more memory "
                            + "(GYRUS_JAVA_OPTS=-Xmx16g, or larger)",
                    Arrays.toString(h.shape()), kind.name().toLowerCase(Locale.ROOT), bytes(need), bytes(Math.max(0, available))));
        }
    }

    private static long available() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory()) - MARGIN;
    }

    static String bytes(long n) {
        return n >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GiB", n / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.1f MiB", n / (double) (1L << 20));
    }
}
