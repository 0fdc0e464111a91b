package org.gyrus.io.nifti;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that is not a readable NIfTI or Analyze image. The message names the file and the header
 * field or part of the file at fault, so a researcher can tell what is wrong without a hex dump.
 */
public final class NiftiFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String field;

    /** An error in {@code field} of {@code file}; {@code problem} says what is wrong. */
    public NiftiFormatException(Path file, String field, String problem) {
        this(file, field, problem, null);
    }

    /** As {@link #NiftiFormatException(Path, String, String)}, with the underlying cause. */
    public NiftiFormatException(Path file, String field, String problem, Throwable cause) {
        super(file + ": " + field + ": " + problem, cause);
        this.file = file;
        this.field = field;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }

    /** The header field or part of the file at fault (e.g. {@code dim[2]}, {@code vox_offset}, {@code gzip stream}). */
    public String field() {
        return field;
    }
}
