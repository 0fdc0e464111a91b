package org.gyrus.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultCacheTest {

    @TempDir
    Path dir;

    private final FakeNode source = FakeNode.source("1.0.0");
    private final FakeNode add = FakeNode.add();

    /** a -> b -> c, and a -> d. */
    private static Pipeline pipeline() {
        return Pipeline.named("cache")
                .withNode(Pipeline.Node.of("a", "test.source", "1.0.0", Map.of("amount", 2)))
                .withNode(Pipeline.Node.of("b", "test.add", "1.2.0", Map.of("amount", 3)))
                .withNode(Pipeline.Node.of("c", "test.add", "1.2.0", Map.of("amount", 4)))
                .withNode(Pipeline.Node.of("d", "test.add", "1.2.0", Map.of("amount", 5)))
                .withEdge("a", "value", "b", "value").withEdge("b", "value", "c", "value").withEdge("a", "value", "d", "value");
    }

    private RunResult run(NodeRegistry registry, ResultCache cache, Pipeline p) throws Exception {
        RunResult r = Executor.builder(registry).threads(2).cache(cache).build().run(p, Map.of());
        assertTrue(r.succeeded(), r::toString);
        return r;
    }

    private static List<String> computed(RunResult r) {
        return r.nodes().stream().filter(n -> !n.cached()).map(NodeOutcome::node).sorted().toList();
    }

    @Test
    void secondRunIsAllHitsWithEqualOutputs() throws Exception {
        NodeRegistry reg = FakeNode.registry(source, add);
        ResultCache cache = ResultCache.inMemory(100);
        RunResult first = run(reg, cache, pipeline());
        RunResult second = run(reg, cache, pipeline());
        assertEquals(4, first.computedCount());
        assertEquals(4, second.cachedCount());
        assertEquals(1, source.executions.get());
        assertEquals(3, add.executions.get());
        assertEquals(9.0, second.outputs("c").get("value"));
        assertEquals(first.node("c").orElseThrow().cacheKey(), second.node("c").orElseThrow().cacheKey());
    }

    @Test
    void editingOneParameterRecomputesThatNodeAndItsDownstreamOnly() throws Exception {
        NodeRegistry reg = FakeNode.registry(source, add);
        ResultCache cache = ResultCache.inMemory(100);
        run(reg, cache, pipeline());
        RunResult r = run(reg, cache, pipeline().withParameter("b", "amount", 30));
        assertEquals(List.of("b", "c"), computed(r));
        assertEquals(36.0, r.outputs("c").get("value"));
    }

    @Test
    void anUpstreamChangeInvalidatesEverythingBelowIt() throws Exception {
        NodeRegistry reg = FakeNode.registry(source, add);
        ResultCache cache = ResultCache.inMemory(100);
        run(reg, cache, pipeline());
        RunResult r = run(reg, cache, pipeline().withParameter("a", "amount", 20));
        assertEquals(List.of("a", "b", "c", "d"), computed(r));
        RunResult seed = run(reg, cache, pipeline().withParameter("a", "amount", 20).withSeed(7));
        assertEquals(List.of("a", "b", "c", "d"), computed(seed), "the seed is part of the key");
    }

    @Test
    void aNewNodeVersionOrBundleVersionInvalidatesItsEntries() throws Exception {
        ResultCache cache = ResultCache.inMemory(100);
        run(FakeNode.registry(source, add), cache, pipeline());

        // A newer compatible version of test.source is installed: it runs instead, so a and all below recompute.
        NodeRegistry newer = FakeNode.registry(FakeNode.source("1.1.0"), add);
        assertEquals(List.of("a", "b", "c", "d"), computed(run(newer, cache, pipeline())));

        // Same node versions, but the bundle providing test.add was rebuilt.
        NodeRegistry rebuilt = new NodeRegistry();
        rebuilt.add(source, "org.gyrus.test", "1.0.0");
        rebuilt.add(add, "org.gyrus.test", "1.0.1.202611280300");
        assertEquals(List.of("b", "c", "d"), computed(run(rebuilt, cache, pipeline())));
    }

    @Test
    void aFileParameterIsKeyedByItsContent() throws Exception {
        NodeRegistry reg = FakeNode.registry(source, add);
        ResultCache cache = ResultCache.inMemory(100);
        Path f = Files.writeString(dir.resolve("input.txt"), "first");
        Pipeline p = pipeline().withParameter("d", "file", f.toString());
        run(reg, cache, p);
        assertEquals(List.of(), computed(run(reg, cache, p)));
        Files.writeString(f, "second, longer");
        assertEquals(List.of("d"), computed(run(reg, cache, p)));
    }

    @Test
    void diskEntriesSurviveARestart() throws Exception {
        NodeRegistry reg = FakeNode.registry(source, add);
        run(reg, ResultCache.onDisk(dir, 1 << 20), pipeline());
        ResultCache restarted = ResultCache.onDisk(dir, 1 << 20);
        RunResult r = run(reg, restarted, pipeline());
        assertEquals(4, r.cachedCount());
        assertEquals(9.0, r.outputs("c").get("value"));
        assertTrue(restarted.diskBytes() > 0);
        try (Stream<Path> s = Files.walk(dir)) {
            assertEquals(0, s.filter(x -> x.toString().endsWith(".tmp")).count(), "no temporary files left");
        }
    }

    @Test
    void aCorruptEntryIsDetectedAndRecomputed() throws Exception {
        NodeRegistry reg = FakeNode.registry(source, add);
        RunResult first = run(reg, ResultCache.onDisk(dir, 1 << 20), pipeline());
        Path entry = entry(first.node("c").orElseThrow().cacheKey());
        flipByte(entry, Files.size(entry) - 12); // inside the stored double

        RunResult r = run(reg, ResultCache.onDisk(dir, 1 << 20), pipeline());
        assertEquals(List.of("c"), computed(r));
        assertEquals(9.0, r.outputs("c").get("value"));
        // Recomputed and stored again, intact.
        assertEquals(4, run(reg, ResultCache.onDisk(dir, 1 << 20), pipeline()).cachedCount());
    }

    @Test
    void theDiskTierEvictsTheLeastRecentlyUsedEntryBeyondItsBound() throws Exception {
        ResultCache probe = ResultCache.onDisk(dir.resolve("probe"), 1 << 20);
        probe.put("aa01", Map.of("value", "x".repeat(1000)));
        long entry = probe.diskBytes();

        ResultCache cache = ResultCache.onDisk(dir.resolve("c"), entry * 2 + entry / 2); // room for two
        cache.put("aa01", Map.of("value", "1".repeat(1000)));
        Thread.sleep(5);
        cache.put("aa02", Map.of("value", "2".repeat(1000)));
        Thread.sleep(5);
        cache.clearMemory();
        assertTrue(cache.get("aa01").isPresent()); // now aa02 is the least recently used
        Thread.sleep(5);
        cache.put("aa03", Map.of("value", "3".repeat(1000)));
        cache.clearMemory();
        assertTrue(cache.diskBytes() <= entry * 2 + entry / 2, () -> cache.diskBytes() + " bytes");
        assertTrue(cache.get("aa01").isPresent());
        assertFalse(cache.get("aa02").isPresent());
        assertTrue(cache.get("aa03").isPresent());
    }

    @Test
    void valuesWithoutACodecStayInMemoryOnly() throws Exception {
        ResultCache cache = ResultCache.onDisk(dir, 1 << 20);
        cache.put("ab01", Map.of("value", new StringBuilder("no codec")));
        assertEquals(0, cache.diskBytes());
        assertTrue(cache.get("ab01").isPresent());
        cache.clearMemory();
        assertFalse(cache.get("ab01").isPresent());
    }

    @Test
    void keysDifferWhenOnlyTheNodeIdDiffers() throws Exception {
        NodeRegistry reg = FakeNode.registry(source, add);
        RunResult r = run(reg, null, pipeline());
        assertNotEquals(r.node("c").orElseThrow().cacheKey(), r.node("d").orElseThrow().cacheKey());
    }

    private Path entry(String key) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(key)).findFirst().orElseThrow();
        }
    }

    @Test
    void anEntryBeingReadLazilyIsNeverReplacedByAnotherProcessWritingTheSameKey() throws Exception {
        // Two caches on one directory stand for two processes, as parallel subjects of a batch are.
        ResultCache reader = ResultCache.onDisk(dir, 1 << 24, 0);
        ResultCache writer = ResultCache.onDisk(dir, 1 << 24, 0);
        float[] voxels = new float[4 * 4 * 4];
        java.util.Arrays.fill(voxels, 7f);
        org.gyrus.data.Volume first = org.gyrus.data.Volume.builder(voxels, 4, 4, 4).build();
        writer.put("beef01", Map.of("v", org.gyrus.data.VolumeSet.of(Map.of("sub-001", first))));
        org.gyrus.data.VolumeSet lazy = (org.gyrus.data.VolumeSet) reader.get("beef01").orElseThrow().get("v");
        // The same key written again with a longer layout (more metadata) before the reader loads the volume.
        org.gyrus.data.Volume other = org.gyrus.data.Volume.builder(new float[64], 4, 4, 4).metadata("descrip", "x".repeat(70)).build();
        writer.put("beef01", Map.of("v", org.gyrus.data.VolumeSet.of(Map.of("sub-000", other, "sub-001", other))));
        assertEquals(7f, lazy.get("sub-001").toFloatArray()[63]);
        assertEquals(1, ((org.gyrus.data.VolumeSet) reader.get("beef01").orElseThrow().get("v")).size());
    }

    static void flipByte(Path file, long position) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
            ch.read(b, position);
            b.put(0, (byte) (b.get(0) ^ 0x5A));
            b.rewind();
            ch.write(b, position);
        }
    }
}
