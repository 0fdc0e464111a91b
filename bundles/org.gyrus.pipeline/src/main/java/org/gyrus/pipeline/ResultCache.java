package org.gyrus.pipeline;

import java.io.IOException;
import java.lang.ref.SoftReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.gyrus.data.AtomicFile;
import org.gyrus.pipeline.internal.DiskStore;
import org.gyrus.pipeline.internal.FileHashes;
import org.gyrus.pipeline.internal.Sha256;

/**
 * Node results by cache key: a small in-memory tier, and optionally a disk tier that survives
 * restarts. Values of the data model types (Table, Volume, VolumeSet, FeatureMatrix, Report,
 * ModelArtifact), of text, numbers and booleans, and files a node wrote (by path and content hash)
 * go to disk, and come back of the same type and content; other values are kept in memory only.
 * The memory tier holds its values softly, so it never keeps a run from the memory it needs.
 * Thread-safe.
 *
 * <p>The key of a node ({@link NodeOutcome#cacheKey()}) covers its type and version, the providing
 * bundle's version, its seed and parameter values (files it reads by content) and its inputs'
 * keys; see {@code docs/pipeline-format.md}. The cache also remembers what each node's last key
 * was made of, so that a recomputation can say what changed.
 *
 * <p>A disk that cannot take an entry (full, read-only) costs one warning: the run goes on and
 * stores no more results on disk.
 */
public final class ResultCache {

    /** Entries the memory tier holds by default. */
    public static final int DEFAULT_MEMORY_ENTRIES = 64;

    private static final System.Logger LOG = System.getLogger(ResultCache.class.getName());

    /** Key records kept on disk at most; beyond, the least recently written half goes. */
    static final int MAX_KEY_RECORDS = 20_000;

    private final Map<String, SoftReference<Map<String, Object>>> memory;
    private final Map<String, String> lastKeys = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_KEY_RECORDS / 4;
        }
    };
    private final AtomicInteger keyWrites = new AtomicInteger();
    private final DiskStore disk;
    private final FileHashes hashes;
    private final AtomicBoolean diskFailed = new AtomicBoolean();

    private ResultCache(int memoryEntries, DiskStore disk) {
        this.disk = disk;
        this.hashes = new FileHashes(disk == null ? null : disk.root().resolve("file-hashes.tsv"));
        this.memory = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, SoftReference<Map<String, Object>>> eldest) {
                return size() > memoryEntries;
            }
        };
    }

    /** A cache in memory only, holding the results of at most {@code entries} nodes. */
    public static ResultCache inMemory(int entries) {
        return new ResultCache(entries, null);
    }

    /**
     * A cache on disk in {@code directory}, at most {@code maxBytes} large (least recently used
     * entries are deleted beyond that), with a memory tier in front of it.
     *
     * @throws IOException if the directory cannot be created
     */
    public static ResultCache onDisk(Path directory, long maxBytes) throws IOException {
        return onDisk(directory, maxBytes, DEFAULT_MEMORY_ENTRIES);
    }

    /**
     * A cache on disk whose memory tier holds at most {@code memoryEntries} node results: keep it
     * small when results are large (volumes) and runs are many (a batch over subjects).
     *
     * @throws IOException if the directory cannot be created
     */
    public static ResultCache onDisk(Path directory, long maxBytes, int memoryEntries) throws IOException {
        return new ResultCache(memoryEntries, new DiskStore(directory, maxBytes));
    }

    /** The default disk cache directory: {@code $GYRUS_CACHE}, else {@code ~/.cache/gyrus}. */
    public static Path defaultDirectory() {
        String env = System.getenv("GYRUS_CACHE");
        return env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "gyrus");
    }

    /**
     * The results stored under {@code key}, from memory or disk. A file a node wrote comes back as
     * a {@code WrittenFile} record, which the engine checks before it reuses the result.
     */
    public Optional<Map<String, Object>> get(String key) {
        synchronized (memory) {
            SoftReference<Map<String, Object>> ref = memory.get(key);
            Map<String, Object> m = ref == null ? null : ref.get();
            if (m != null) {
                return Optional.of(m);
            }
        }
        if (disk == null) {
            return Optional.empty();
        }
        Optional<Map<String, Object>> d = disk.read(key).map(Map::copyOf);
        d.ifPresent(v -> {
            synchronized (memory) {
                memory.put(key, new SoftReference<>(v));
            }
        });
        return d;
    }

    /**
     * Stores the results of a node under {@code key}. Never fails: when the disk cannot take the
     * entry, one warning says so and later results are kept in memory only.
     */
    public void put(String key, Map<String, Object> outputs) {
        Map<String, Object> copy = Map.copyOf(outputs);
        synchronized (memory) {
            memory.put(key, new SoftReference<>(copy));
        }
        if (disk == null || diskFailed.get()) {
            return;
        }
        try {
            if (!disk.write(key, new LinkedHashMap<>(outputs))) {
                LOG.log(System.Logger.Level.DEBUG, "Result {0} kept in memory only", key);
            }
        } catch (IOException | RuntimeException e) {
            if (diskFailed.compareAndSet(false, true)) {
                LOG.log(System.Logger.Level.WARNING, "Could not store a result in the cache " + disk.root() + " ("
                        + describe(e) + "); the run goes on without storing results on disk");
            }
        }
    }

    /** Whether a disk write failed in this process, so that results are no longer stored on disk. */
    public boolean diskWritesFailed() {
        return diskFailed.get();
    }

    /**
     * What the key of the node known as {@code identity} was made of when it last ran, one part a
     * line, or empty if this cache has no record of it.
     */
    Optional<String> lastKey(String identity) {
        synchronized (lastKeys) {
            String k = lastKeys.get(identity);
            if (k != null) {
                return Optional.of(k);
            }
        }
        if (disk == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(keyFile(identity), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "Could not read the last key of {0}: {1}", identity, e.getMessage());
            return Optional.empty();
        }
    }

    /** Remembers what the key of the node known as {@code identity} is made of now. */
    void rememberKey(String identity, String parts) {
        synchronized (lastKeys) {
            lastKeys.put(identity, parts);
        }
        if (disk == null || diskFailed.get()) {
            return;
        }
        try {
            Path f = keyFile(identity);
            if (!Files.exists(f) || !Files.readString(f, StandardCharsets.UTF_8).equals(parts)) {
                Files.createDirectories(f.getParent());
                AtomicFile.write(f, parts);
                if (keyWrites.incrementAndGet() % 256 == 0) {
                    trimOldest(f.getParent(), MAX_KEY_RECORDS);
                }
            } else {
                Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
            }
        } catch (IOException | RuntimeException e) {
            // Only explanations are lost; results themselves are unaffected.
            LOG.log(System.Logger.Level.DEBUG, "Could not record the key of {0}: {1}", identity, e.getMessage());
        }
    }

    /** Deletes the least recently modified files of {@code dir} down to half of {@code max} once there are more than {@code max}. */
    static void trimOldest(Path dir, int max) throws IOException {
        List<Path> files;
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        if (files.size() <= max) {
            return;
        }
        List<Path> oldest = new java.util.ArrayList<>(files);
        oldest.sort(java.util.Comparator.comparing(ResultCache::modified));
        for (Path p : oldest.subList(0, files.size() - max / 2)) {
            Files.deleteIfExists(p);
        }
    }

    private static java.nio.file.attribute.FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return java.nio.file.attribute.FileTime.fromMillis(0);
        }
    }

    private Path keyFile(String identity) {
        return disk.root().resolve("keys").resolve(Sha256.of(identity) + ".txt");
    }

    /** The hashes of the files nodes read and wrote, remembered with this cache (on disk with a disk tier). */
    FileHashes hashes() {
        return hashes;
    }

    /** Forgets the memory tier (the disk tier stays), as a restart would. */
    public void clearMemory() {
        synchronized (memory) {
            memory.clear();
        }
        synchronized (lastKeys) {
            lastKeys.clear();
        }
    }

    /** The bytes the disk tier takes, 0 without one. */
    public long diskBytes() {
        return disk == null ? 0 : disk.bytes();
    }

    /** The disk tier's directory, if any. */
    public Optional<Path> directory() {
        return disk == null ? Optional.empty() : Optional.of(disk.root());
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        String own = m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
        List<String> full = List.of("No space left on device", "Disk quota exceeded", "Read-only file system");
        for (Throwable c = e; c != null; c = c.getCause()) {
            for (String f : full) {
                if (c.getMessage() != null && c.getMessage().contains(f) && !own.contains(f)) {
                    return own + ": " + f;
                }
            }
        }
        return own;
    }
}
