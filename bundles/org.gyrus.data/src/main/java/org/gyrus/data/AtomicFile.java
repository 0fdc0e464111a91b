package org.gyrus.data;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Writes files so that nobody ever sees half of one: the content goes to a hidden temporary file
 * in the same directory ({@code .NAME.RANDOM.gyrus-part}), which is then renamed over the target
 * in one step. A failed write leaves the old file (if any) untouched and no temporary file behind;
 * a process killed while writing leaves one, which {@link #deleteStaleTemporaries} removes later.
 * New files get the permissions the user's umask gives; a replaced file keeps its permissions.
 */
public final class AtomicFile {

    /** How the names of temporary files end. */
    public static final String TEMPORARY_SUFFIX = ".gyrus-part";

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Room left in a 255-byte file name for the dot, the random part and the suffix. */
    private static final int MAX_NAME_PART = 200;

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
        Path tmp = parent.resolve(temporaryName(target.getFileName().toString()));
        try {
            // Not Files.createTempFile: it makes the file 0600 whatever the umask, and researchers share results in group folders.
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), 1 << 16)) {
                content.writeTo(out);
            }
            keepPermissions(target, tmp);
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

    /**
     * Deletes the temporary files that writes killed half-way left under {@code dir} (at most
     * {@code depth} levels down), if they were last modified before {@code before}: a write in
     * progress keeps touching its file, so a concurrent writer's file is left alone.
     *
     * @return how many were deleted
     * @throws IOException if {@code dir} cannot be listed
     */
    public static int deleteStaleTemporaries(Path dir, int depth, Instant before) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int[] deleted = {0};
        Files.walkFileTree(dir, java.util.Set.of(), depth, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String n = file.getFileName().toString();
                if (attrs.isRegularFile() && n.startsWith(".") && n.endsWith(TEMPORARY_SUFFIX)
                        && attrs.lastModifiedTime().toInstant().isBefore(before) && Files.deleteIfExists(file)) {
                    deleted[0]++;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        return deleted[0];
    }

    /** Whether {@code name} is the name of one of this class's temporary files. */
    public static boolean isTemporary(String name) {
        return name.startsWith(".") && name.endsWith(TEMPORARY_SUFFIX);
    }

    private static String temporaryName(String target) {
        byte[] r = new byte[8];
        RANDOM.nextBytes(r);
        String base = target.length() > MAX_NAME_PART ? target.substring(0, MAX_NAME_PART) : target;
        return "." + base + "." + HexFormat.of().formatHex(r) + TEMPORARY_SUFFIX;
    }

    /** A replaced file keeps its permissions (a group-readable result stays group-readable). */
    private static void keepPermissions(Path target, Path tmp) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view != null && Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            Files.setPosixFilePermissions(tmp, view.readAttributes().permissions());
        }
    }
}
