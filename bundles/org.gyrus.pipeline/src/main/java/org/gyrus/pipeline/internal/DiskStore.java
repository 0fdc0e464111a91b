package org.gyrus.pipeline.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * Node results on disk, one file per cache key:
 *
 * <pre>
 * "GYRC" (4 bytes), file version (int),
 * number of outputs (int), then per output: port name, codec id, codec version, the codec's bytes,
 * CRC32C of everything before (long)
 * </pre>
 *
 * Files are written to a temporary name and moved into place atomically, so a crash or a
 * concurrent reader never sees half an entry. A file whose checksum does not match is deleted and
 * reported as absent, so the node is recomputed. The total size is bounded: when it is exceeded,
 * the least recently used entries (by modification time, which a read refreshes) are deleted.
 */
public final class DiskStore {

    private static final int MAGIC = 0x47595243; // "GYRC"
    private static final int FILE_VERSION = 1;
    private static final String SUFFIX = ".gyc";
    private static final System.Logger LOG = System.getLogger(DiskStore.class.getName());

    private final Path root;
    private final long maxBytes;
    private final AtomicLong bytes = new AtomicLong();

    /**
     * A store in {@code root} (created if needed) holding at most {@code maxBytes}.
     *
     * @throws IOException if the directory cannot be created or listed
     */
    public DiskStore(Path root, long maxBytes) throws IOException {
        this.root = Files.createDirectories(root);
        this.maxBytes = maxBytes;
        Files.createDirectories(root.resolve("tmp"));
        // Temporary files older than a day were left by a process that died while writing; younger
        // ones may belong to another gyrus writing into the same cache right now.
        long dayAgo = System.currentTimeMillis() - 24L * 3600 * 1000;
        try (Stream<Path> s = Files.list(root.resolve("tmp"))) {
            for (Path p : s.toList()) {
                if (modified(p).toMillis() < dayAgo) {
                    Files.deleteIfExists(p);
                }
            }
        }
        bytes.set(entries().stream().mapToLong(DiskStore::size).sum());
    }

    /** The directory. */
    public Path root() {
        return root;
    }

    /** The bytes the entries take now, as this process knows it. */
    public long bytes() {
        return bytes.get();
    }

    /** Whether every value has a codec, so that {@link #write} can store them. */
    public static boolean canStore(Map<String, Object> values) {
        return values.values().stream().allMatch(v -> ValueCodecs.forValue(v).isPresent());
    }

    /**
     * Stores {@code values} under {@code key}, then evicts least recently used entries beyond the bound.
     *
     * @return false if a value has no codec or the entry alone is larger than the bound (nothing stored)
     */
    public boolean write(String key, Map<String, Object> values) throws IOException {
        if (!canStore(values)) {
            return false;
        }
        Path tmp = Files.createTempFile(root.resolve("tmp"), key, ".tmp");
        try {
            CheckedOutputStream checked;
            try (OutputStream file = Files.newOutputStream(tmp)) {
                checked = new CheckedOutputStream(new BufferedOutputStream(file, 1 << 16), new CRC32C());
                DataOutputStream out = new DataOutputStream(checked);
                out.writeInt(MAGIC);
                out.writeInt(FILE_VERSION);
                out.writeInt(values.size());
                for (Map.Entry<String, Object> e : values.entrySet()) {
                    ValueCodec<Object> codec = ValueCodecs.forValue(e.getValue()).orElseThrow();
                    Binary.writeString(out, e.getKey());
                    Binary.writeString(out, codec.id());
                    out.writeInt(codec.version());
                    codec.write(e.getValue(), out);
                }
                out.flush();
                long crc = checked.getChecksum().getValue();
                out.writeLong(crc);
                out.flush();
            }
            long size = Files.size(tmp);
            if (size > maxBytes) {
                return false;
            }
            Path target = path(key);
            Files.createDirectories(target.getParent());
            // An entry is never replaced: a key names one result, and another process (a batch's
            // parallel subject, a SLURM task) may be reading the entry lazily at the offsets it saw,
            // which a replacement with a different layout would silently shift. A hard link publishes
            // the file atomically and fails when the entry exists; then the first writer's copy stays.
            if (!publish(tmp, target)) {
                return true;
            }
            bytes.addAndGet(size);
            evict(target);
            return true;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Moves {@code tmp} to {@code target} unless an entry is there already; whether it did. */
    private static boolean publish(Path tmp, Path target) throws IOException {
        try {
            Files.createLink(target, tmp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | IOException e) {
            // A file system without hard links: a no-replace move, which may race but never truncates.
            if (Files.exists(target)) {
                return false;
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException m) {
                Files.move(tmp, target);
            } catch (FileAlreadyExistsException m) {
                return false;
            }
            return true;
        }
    }

    /**
     * The values stored under {@code key}; empty if there are none, or if the entry is corrupt or
     * of another format version (it is deleted then).
     */
    public Optional<Map<String, Object>> read(String key) {
        Path p = path(key);
        if (!Files.exists(p)) {
            return Optional.empty();
        }
        try {
            // The checksum is verified before decoding, so that a flipped byte can never make a
            // codec allocate a huge array or build a wrong value.
            if (!checksumMatches(p)) {
                discard(p, "its checksum does not match (the file is corrupt)");
                return Optional.empty();
            }
            Map<String, Object> values = new LinkedHashMap<>();
            try (DataInputStream in = CacheInput.of(new BufferedInputStream(Files.newInputStream(p), 1 << 16), p, 0)) {
                if (in.readInt() != MAGIC || in.readInt() != FILE_VERSION) {
                    discard(p, "it is of another format version");
                    return Optional.empty();
                }
                int n = Binary.checkLength(in.readInt());
                for (int i = 0; i < n; i++) {
                    String port = Binary.readString(in);
                    String id = Binary.readString(in);
                    int version = in.readInt();
                    Optional<ValueCodec<Object>> codec = ValueCodecs.byId(id).filter(c -> c.version() == version);
                    if (codec.isEmpty()) {
                        discard(p, "it holds a '" + id + "' value of version " + version + ", which this Gyrus does not read");
                        return Optional.empty();
                    }
                    values.put(port, codec.get().read(in));
                }
            }
            try {
                Files.setLastModifiedTime(p, FileTime.from(java.time.Instant.now()));
            } catch (IOException e) {
                // A read-only cache still serves its entries; only their eviction order goes stale.
            }
            return Optional.of(values);
        } catch (NoSuchFileException e) {
            return Optional.empty(); // evicted by another thread or process meanwhile
        } catch (IOException | RuntimeException e) {
            discard(p, "it cannot be read: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Deletes every entry. */
    public void clear() throws IOException {
        for (Path p : entries()) {
            Files.deleteIfExists(p);
        }
        bytes.set(0);
    }

    private static boolean checksumMatches(Path p) throws IOException {
        long size = Files.size(p);
        if (size < 20) {
            return false;
        }
        CRC32C crc = new CRC32C();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(p), 1 << 16)) {
            CheckedInputStream body = new CheckedInputStream(in, crc);
            long left = size - 8;
            byte[] buf = new byte[1 << 16];
            while (left > 0) {
                int n = body.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    return false;
                }
                left -= n;
            }
            long expected = new DataInputStream(in).readLong();
            return expected == crc.getValue();
        }
    }

    private void discard(Path p, String why) {
        LOG.log(System.Logger.Level.WARNING, "Cache entry {0} is discarded and will be recomputed: {1}", p.getFileName(), why);
        try {
            long size = size(p);
            if (Files.deleteIfExists(p)) {
                bytes.addAndGet(-size);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not delete the cache entry " + p + ": " + e.getMessage());
        }
    }

    private synchronized void evict(Path keep) throws IOException {
        if (bytes.get() <= maxBytes) {
            return;
        }
        List<Path> all = new ArrayList<>(entries());
        all.sort(Comparator.comparing(DiskStore::modified));
        for (Path p : all) {
            if (bytes.get() <= maxBytes) {
                break;
            }
            if (!p.equals(keep)) {
                long size = size(p);
                if (Files.deleteIfExists(p)) {
                    bytes.addAndGet(-size);
                }
            }
        }
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> s = Files.walk(root, 2)) {
            return s.filter(p -> p.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(p)).toList();
        }
    }

    private Path path(String key) {
        if (!key.matches("[0-9a-f]{4,}")) {
            throw new IllegalArgumentException("not a cache key: " + key);
        }
        return root.resolve(key.substring(0, 2)).resolve(key + SUFFIX);
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
