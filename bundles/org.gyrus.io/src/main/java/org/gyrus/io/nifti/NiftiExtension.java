package org.gyrus.io.nifti;

import java.util.Arrays;
import java.util.Objects;

/**
 * One NIfTI header extension: a code (6 = comment, 4 = AFNI, 2 = DICOM ...) and its content. On
 * disk it takes 8 bytes (esize, ecode) plus the content padded to a multiple of 16.
 *
 * @param code    the {@code ecode}
 * @param content the content bytes (padding included when read from a file)
 */
public record NiftiExtension(int code, byte[] content) {

    /** Checks the content is present and copies it. */
    public NiftiExtension {
        content = Objects.requireNonNull(content, "content").clone();
    }

    /** The content (a copy). */
    @Override
    public byte[] content() {
        return content.clone();
    }

    /** The bytes this extension takes in a file ({@code esize}): 8 + content, rounded up to 16. */
    public int sizeOnDisk() {
        return (8 + content.length + 15) / 16 * 16;
    }

    byte[] rawContent() {
        return content;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NiftiExtension e && e.code == code && Arrays.equals(e.content, content);
    }

    @Override
    public int hashCode() {
        return 31 * code + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "NiftiExtension[code " + code + ", " + content.length + " bytes]";
    }
}
