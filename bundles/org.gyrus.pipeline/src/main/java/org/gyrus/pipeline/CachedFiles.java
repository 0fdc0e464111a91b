package org.gyrus.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gyrus.pipeline.internal.FileHashes;
import org.gyrus.pipeline.internal.WrittenFile;

/**
 * How a node's output paths (the files a writer wrote) go into the cache and come out: as a
 * {@link WrittenFile}, the path with the content hash of every file it stands for, so that a rerun
 * reuses the result while the files are intact and writes them again when one was deleted or
 * changed.
 */
final class CachedFiles {

    private CachedFiles() {
    }

    /** The outputs of {@code s} as the cache keeps them: each existing path recorded with its files' hashes. */
    static Map<String, Object> wrap(Plan.Step s, Map<String, Object> outputs, FileHashes hashes) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : outputs.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Path p && Files.exists(p)) {
                try {
                    v = WrittenFile.of(p, filesOf(s, p), hashes);
                } catch (IOException | RuntimeException x) {
                    v = p; // kept in memory only
                }
            }
            m.put(e.getKey(), v);
        }
        return m;
    }

    /** The files path {@code p} stands for: as declared for the parameter that names it, else itself. */
    static List<Path> filesOf(Plan.Step s, Path p) throws IOException {
        NodeDescriptor d = s.node().descriptor();
        Path abs = p.toAbsolutePath().normalize();
        for (Map.Entry<String, Object> param : s.parameters().asMap().entrySet()) {
            if (param.getValue() instanceof Path q && q.toAbsolutePath().normalize().equals(abs)) {
                return d.files(param.getKey()).files(p);
            }
        }
        return FileSet.DEFAULT.files(p);
    }

    /** Why a stored result can no longer be used (a file it wrote was deleted or changed), if so. */
    static Optional<String> staleness(Map<String, Object> stored, FileHashes hashes) {
        for (Object v : stored.values()) {
            if (v instanceof WrittenFile f) {
                Optional<String> why = f.staleness(hashes);
                if (why.isPresent()) {
                    return why;
                }
            }
        }
        return Optional.empty();
    }

    /** The outputs as the node gave them: each recorded file back to its path. */
    static Map<String, Object> unwrap(Map<String, Object> stored) {
        Map<String, Object> m = new LinkedHashMap<>();
        stored.forEach((k, v) -> m.put(k, v instanceof WrittenFile f ? f.path() : v));
        return Map.copyOf(m);
    }
}
