package org.gyrus.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the cache remembers to explain a recomputation survives a restart and stays bounded. */
class KeyRecordsTest {

    @TempDir
    Path dir;

    @Test
    void theLastKeyOfANodeSurvivesARestartOfADiskCache() throws Exception {
        ResultCache cache = ResultCache.onDisk(dir, 1 << 20);
        cache.rememberKey("pipeline p\nnode a", "seed\t\t1\n");
        assertEquals("seed\t\t1\n", ResultCache.onDisk(dir, 1 << 20).lastKey("pipeline p\nnode a").orElseThrow());
        assertTrue(ResultCache.onDisk(dir, 1 << 20).lastKey("pipeline p\nnode b").isEmpty());
        assertTrue(ResultCache.inMemory(4).lastKey("pipeline p\nnode a").isEmpty());
    }

    @Test
    void beyondTheBoundTheLeastRecentlyWrittenRecordsGo() throws Exception {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        for (int i = 0; i < 12; i++) {
            Path f = Files.writeString(keys.resolve("k" + i + ".txt"), "x");
            Files.setLastModifiedTime(f, FileTime.fromMillis(1_000_000L * (i + 1)));
        }
        ResultCache.trimOldest(keys, 12);
        assertEquals(12, count(keys), "at the bound nothing goes");
        Files.writeString(keys.resolve("k12.txt"), "x");
        ResultCache.trimOldest(keys, 12);
        assertEquals(6, count(keys));
        assertFalse(Files.exists(keys.resolve("k0.txt")));
        assertFalse(Files.exists(keys.resolve("k6.txt")));
        assertTrue(Files.exists(keys.resolve("k7.txt")));
        assertTrue(Files.exists(keys.resolve("k12.txt")));
    }

    private static long count(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.count();
        }
    }

}
