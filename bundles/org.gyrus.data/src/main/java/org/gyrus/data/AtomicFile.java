package org.gyrus.data;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files so that nobody ever sees half of one: the content goes to a temporary file in the
 * same directory, which is then renamed over the target in one step. A failed write leaves the
 * old file (if any) untouched and no temporary file behind.
 */
public final class AtomicFile {

    /** Writes the content of a file through a stream. */
    @FunctionalInterface
    public interface Content {
        /** Writes everything to {@code out} (buffered; closed by the caller). */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {
    }

    /**
     * Writes {@code text} to {@code target} as UTF-8.
     *
     * @throws IOException naming the file if it cannot be written
     */
    public static void write(Path target, String text) throws IOException {
        write(target, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Writes {@code bytes} to {@code target}.
     *
     * @throws IOException naming the file if it cannot be written
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /**
     * Writes what {@code content} produces to {@code target}, creating parent directories.
     *
     * @throws IOException naming the file if it cannot be written
     */
    public static void write(Path target, Content content) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, "." + target.getFileName(), ".part");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                content.writeTo(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                // Some file systems cannot rename atomically; a plain rename is still all-or-nothing for readers there.
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new IOException("Could not write " + target + ": " + e.getMessage(), e);
        } finally {
            // Whatever went wrong (runtime exceptions from the content propagate unchanged), no partial file stays.
            Files.deleteIfExists(tmp);
        }
    }
}
