package org.gyrus.io.bids;

import java.io.IOException;
import java.nio.file.Path;

/** A folder that is not a readable BIDS dataset; the message names the file at fault. */
public final class BidsFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** A problem with {@code file}. */
    public BidsFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }

    /** A problem with {@code file}, caused by {@code cause}. */
    public BidsFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
