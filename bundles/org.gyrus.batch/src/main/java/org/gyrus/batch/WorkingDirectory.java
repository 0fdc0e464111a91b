package org.gyrus.batch;

import java.nio.file.Path;

/**
 * The directory {@code gyrus} was started from. The launcher passes it as {@code gyrus.cwd}
 * because the OSGi launcher may not keep it; relative paths on the command line mean it.
 */
final class WorkingDirectory {

    private WorkingDirectory() {
    }

    static Path get() {
        String cwd = System.getProperty("gyrus.cwd");
        return (cwd == null || cwd.isBlank() ? Path.of("") : Path.of(cwd)).toAbsolutePath();
    }

    /** {@code path} resolved against the working directory. */
    static Path resolve(String path) {
        return get().resolve(path).normalize();
    }

    /** {@code path} relative to the working directory when it lies inside it, for messages. */
    static String show(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        return abs.startsWith(get()) ? get().relativize(abs).toString() : abs.toString();
    }
}
