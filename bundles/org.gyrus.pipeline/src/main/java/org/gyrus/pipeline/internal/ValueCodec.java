package org.gyrus.pipeline.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Writes and reads one kind of port value for the disk cache, in a simple binary form. The id
 * names the form in cache files; the version is raised whenever the form changes, and entries of
 * another version are not read (they are recomputed).
 *
 * @param <T> the value type
 */
public interface ValueCodec<T> {

    /** The id written in cache files, e.g. {@code table}. */
    String id();

    /** The version of the binary form. */
    int version();

    /** The type of values this codec handles (subtypes included). */
    Class<T> type();

    /** Whether {@link #write} can store this value (default: every value of {@link #type()}). */
    default boolean canWrite(T value) {
        return true;
    }

    /** Writes {@code value}. */
    void write(T value, DataOutputStream out) throws IOException;

    /**
     * Reads a value written by {@link #write}. From the disk cache {@code in} is a {@link CacheInput},
     * which tells where in which file the value lies, so a large value can be read lazily.
     */
    T read(DataInputStream in) throws IOException;
}
