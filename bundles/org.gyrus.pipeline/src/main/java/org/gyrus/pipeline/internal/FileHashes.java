package org.gyrus.pipeline.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * SHA-256 of files, remembered by path, size, modification time and file identity (inode), so that
 * a rerun does not read every input again to find that nothing changed. With a store file (in the
 * disk cache) the memory outlives the process: a batch of hundreds of subjects resumes without
 * rehashing their images. A file whose size, time or identity differs is hashed anew. Thread-safe.
 */
public final class FileHashes {

    private record Stamp(long size, long modifiedNanos, String identity) {
    }

    private record Known(Stamp stamp, String hash) {
    }

    /** Store lines beyond this many per remembered file trigger a rewrite without the stale lines. */
    private static final int COMPACT_FACTOR = 4;

    private static final System.Logger LOG = System.getLogger(FileHashes.class.getName());

    private final Map<Path, Known> known = new ConcurrentHashMap<>();
    private final Path store;
    private volatile boolean loaded;
    private volatile boolean storeFailed;

    /** Hashes remembered in memory only. */
    public FileHashes() {
        this(null);
    }

    /** Hashes remembered in {@code store} too (created when first needed), or in memory only when null. */
    public FileHashes(Path store) {
        this.store = store;
        this.loaded = store == null;
    }

    /**
     * The hex SHA-256 of a regular file's content.
     *
     * @throws IOException if it cannot be read (a missing file included)
     */
    public String of(Path file) throws IOException {
        Path p = file.toAbsolutePath().normalize();
        load();
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        if (a.isDirectory()) {
            throw new IOException(p + " is a folder, not a file");
        }
        Stamp stamp = new Stamp(a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS), Objects.toString(a.fileKey(), ""));
        Known k = known.get(p);
        if (k != null && k.stamp().equals(stamp)) {
            return k.hash();
        }
        String hash = Sha256.ofPath(p);
        known.put(p, new Known(stamp, hash));
        append(p, stamp, hash);
        return hash;
    }

    private void load() {
        if (loaded) {
            return;
        }
        synchronized (this) {
            if (loaded) {
                return;
            }
            try {
                List<String> lines = Files.readAllLines(store, StandardCharsets.UTF_8);
                for (String line : lines) {
                    String[] f = line.split("\t", 5);
                    if (f.length == 5 && f[3].matches("[0-9a-f]{64}")) {
                        try {
                            known.put(Path.of(f[4]), new Known(new Stamp(Long.parseLong(f[0]), Long.parseLong(f[1]), f[2]), f[3]));
                        } catch (RuntimeException e) {
                            // a torn or foreign line: skipped, the file is hashed again
                        }
                    }
                }
                if (lines.size() > COMPACT_FACTOR * Math.max(64, known.size())) {
                    StringBuilder b = new StringBuilder();
                    known.forEach((p, k) -> b.append(line(p, k.stamp(), k.hash())));
                    org.gyrus.data.AtomicFile.write(store, b.toString());
                }
            } catch (NoSuchFileException e) {
                // nothing remembered yet
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "File hashes in {0} not read: {1}", store, e.getMessage());
            }
            loaded = true;
        }
    }

    private void append(Path p, Stamp stamp, String hash) {
        if (store == null || storeFailed) {
            return;
        }
        try {
            // One short line per write with O_APPEND: concurrent processes do not tear each other's lines.
            Files.writeString(store, line(p, stamp, hash), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException | RuntimeException e) {
            storeFailed = true; // the hashes are still right, only recomputed next time
        }
    }

    private static String line(Path p, Stamp s, String hash) {
        return s.size() + "\t" + s.modifiedNanos() + "\t" + s.identity().replace('\t', ' ') + "\t" + hash + "\t"
                + p.toString().replace('\n', ' ') + "\n";
    }
}
