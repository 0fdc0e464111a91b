package org.gyrus.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The check every reader of this bundle makes before opening a file: it must exist, be a regular
 * file (not a folder, a named pipe, a device or a socket) and be readable. Opening a named pipe
 * (FIFO) blocks until some other program writes to it, so a reader that skipped this check would
 * hang; a device such as {@code /dev/zero} never ends. The exceptions are the standard
 * {@link FileSystemException}s, whose message is "{@code file: what is wrong}".
 */
public final class InputFile {

    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFSOCK = 0140000;

    private InputFile() {
    }

    /**
     * Checks that {@code file} is a readable regular file (symbolic links are followed).
     *
     * @throws NoSuchFileException   when it does not exist
     * @throws AccessDeniedException when it cannot be read
     * @throws FileSystemException   when it is a folder or a special file
     */
    public static Path check(Path file) throws IOException {
        return check(file, "");
    }

    /**
     * As {@link #check(Path)}, adding {@code origin} (say, "set by the parameter 'File'") to the
     * message so that the researcher knows where the name came from; empty for none.
     */
    public static Path check(Path file, String origin) throws IOException {
        String suffix = origin == null || origin.isEmpty() ? "" : " (" + origin + ")";
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such file" + missingPart(file) + suffix);
        } catch (AccessDeniedException e) {
            throw new AccessDeniedException(file.toString(), null, "permission denied: cannot look at this file" + suffix);
        } catch (FileSystemException e) {
            throw new FileSystemException(file.toString(), null, "cannot be read: " + reason(e) + suffix);
        }
        if (a.isDirectory()) {
            throw new FileSystemException(file.toString(), null, "is a folder, not a file" + suffix);
        }
        if (!a.isRegularFile()) {
            throw new FileSystemException(file.toString(), null, "is " + special(file) + ", not a regular file; "
                    + "Gyrus reads only regular files" + suffix);
        }
        if (!Files.isReadable(file)) {
            throw new AccessDeniedException(file.toString(), null, "permission denied: the file cannot be read" + suffix);
        }
        return file;
    }

    /** Which part of a missing path is missing, when it is a folder above the file. */
    private static String missingPart(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.exists(parent)) {
            Path p = parent;
            while (p.getParent() != null && !Files.exists(p.getParent())) {
                p = p.getParent();
            }
            return " (the folder " + p + " does not exist)";
        }
        return "";
    }

    private static String reason(FileSystemException e) {
        return e.getReason() == null ? e.getClass().getSimpleName() : e.getReason();
    }

    /** What kind of special file {@code file} is, in words. */
    private static String special(Path file) {
        try {
            Object mode = Files.getAttribute(file, "unix:mode");
            if (mode instanceof Integer m) {
                return switch (m & S_IFMT) {
                    case S_IFIFO -> "a named pipe (FIFO), which would block until something writes to it";
                    case S_IFCHR -> "a character device";
                    case S_IFBLK -> "a block device";
                    case S_IFSOCK -> "a socket";
                    default -> "a special file";
                };
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // no unix view on this platform: say it generically
        }
        return "a special file (pipe, device or socket)";
    }
}
