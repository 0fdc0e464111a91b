package org.gyrus.pipeline;

import java.io.IOException;

/**
 * An output folder cannot be used, or a name built from data cannot be written into it: the
 * folder is a file, not writable or full, or a name would leave the folder, collide with Gyrus's
 * own files or replace a file Gyrus did not write. The message says which, and what to do.
 */
public final class OutputFolderException extends IOException {

    private static final long serialVersionUID = 1L;

    /** An exception with a message for the user. */
    public OutputFolderException(String message) {
        super(message);
    }
}
