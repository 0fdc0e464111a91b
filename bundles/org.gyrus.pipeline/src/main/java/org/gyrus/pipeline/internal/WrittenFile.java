package org.gyrus.pipeline.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the cache keeps a path that a node output (a writer's file): the path and the SHA-256 of
 * every file it stands for, as they were when the node finished. The result is reused only while
 * those files are still there with that content; otherwise the node runs again and rewrites them.
 *
 * @param path   the path the node output
 * @param hashes the SHA-256 of each file, by absolute path
 */
public record WrittenFile(Path path, Map<Path, String> hashes) {

    /** Canonical constructor: keeps an unmodifiable copy in the given order. */
    public WrittenFile {
        hashes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(hashes));
    }

    /**
     * The record of {@code path} now, over {@code files} (the files it stands for).
     *
     * @throws IOException if a file cannot be read
     */
    public static WrittenFile of(Path path, List<Path> files, FileHashes hashes) throws IOException {
        Map<Path, String> h = new LinkedHashMap<>();
        for (Path f : files) {
            Path abs = f.toAbsolutePath().normalize();
            h.put(abs, hashes.of(abs));
        }
        return new WrittenFile(path, h);
    }

    /** Why the files are no longer as recorded (deleted or changed), or empty if they are. */
    public Optional<String> staleness(FileHashes current) {
        for (Map.Entry<Path, String> e : hashes.entrySet()) {
            if (!Files.exists(e.getKey())) {
                return Optional.of("its output file " + e.getKey() + " was deleted");
            }
            try {
                if (!current.of(e.getKey()).equals(e.getValue())) {
                    return Optional.of("its output file " + e.getKey() + " was modified");
                }
            } catch (IOException x) {
                return Optional.of("its output file " + e.getKey() + " cannot be read: " + x.getMessage());
            }
        }
        return Optional.empty();
    }
}
