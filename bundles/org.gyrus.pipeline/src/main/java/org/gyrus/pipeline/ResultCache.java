package org.gyrus.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.gyrus.pipeline.internal.DiskStore;

/**
 * Node results by cache key: a small in-memory tier, and optionally a disk tier that survives
 * restarts. Values of the data model types (Table, Volume, VolumeSet, FeatureMatrix, Report,
 * ModelArtifact) and of text,
 * numbers and booleans go to disk; other values are kept in memory only. Thread-safe.
 *
 * <p>The key of a node ({@link NodeOutcome#cacheKey()}) covers its type and version, the providing
 * bundle's version, its seed and parameter values (file parameters by content) and its inputs'
 * keys; see {@code docs/pipeline-format.md}.
 */
public final class ResultCache {

    /** Entries the memory tier holds by default. */
    public static final int DEFAULT_MEMORY_ENTRIES = 64;

    private static final System.Logger LOG = System.getLogger(ResultCache.class.getName());

    private final Map<String, Map<String, Object>> memory;
    private final DiskStore disk;

    private ResultCache(int memoryEntries, DiskStore disk) {
        this.disk = disk;
        this.memory = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Map<String, Object>> eldest) {
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

    /** The results stored under {@code key}, from memory or disk. */
    public Optional<Map<String, Object>> get(String key) {
        synchronized (memory) {
            Map<String, Object> m = memory.get(key);
            if (m != null) {
                return Optional.of(m);
            }
        }
        if (disk == null) {
            return Optional.empty();
        }
        Optional<Map<String, Object>> d = disk.read(key);
        d.ifPresent(v -> {
            synchronized (memory) {
                memory.put(key, Map.copyOf(v));
            }
        });
        return d.map(Map::copyOf);
    }

    /** Stores the results of a node under {@code key}. */
    public void put(String key, Map<String, Object> outputs) {
        Map<String, Object> copy = Map.copyOf(outputs);
        synchronized (memory) {
            memory.put(key, copy);
        }
        if (disk != null) {
            try {
                if (!disk.write(key, new LinkedHashMap<>(outputs))) {
                    LOG.log(System.Logger.Level.DEBUG, "Result {0} kept in memory only", key);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not write the cache entry in " + disk.root() + ": " + e.getMessage(), e);
            }
        }
    }

    /** Forgets the memory tier (the disk tier stays), as a restart would. */
    public void clearMemory() {
        synchronized (memory) {
            memory.clear();
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
}
