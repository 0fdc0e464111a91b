package org.gyrus.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.gyrus.pipeline.internal.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.plugin.Parameter;

/**
 * Reruns take what is still valid from the cache and say why they recompute the rest: writers are
 * cached by the files they wrote, a file parameter is keyed by every file it stands for and not by
 * where the data lies, and a cache that cannot write costs one warning.
 */
class CacheResumeTest {

    @TempDir
    Path dir;

    /** Parameters of the reading test node. */
    public static final class ReadParameters {
        @Parameter(style = "open")
        public Path file;
        @Parameter(required = false)
        public String label = "";
    }

    /** Parameters of the writing test node. */
    public static final class WriteParameters {
        @Parameter(style = "save")
        public Path file;
    }

    /** An Analyze-like pair: {@code x.hdr} stands for itself and {@code x.img}. */
    static List<Path> pair(Path named) {
        String n = named.getFileName().toString();
        String stem = n.substring(0, n.lastIndexOf('.'));
        return List.of(named.resolveSibling(stem + ".hdr"), named.resolveSibling(stem + ".img"));
    }

    /** {@code test.read}: the text of a .hdr/.img pair, with its label. */
    final FakeNode read = new FakeNode(NodeDescriptor.builder("test.read", "1.0.0").optionalInput("after", Path.class, "")
            .output("text", String.class, "")
            .parameters(ReadParameters.class).files("file", CacheResumeTest::pair).build(), c -> {
                ReadParameters p = c.parameters(ReadParameters.class);
                StringBuilder b = new StringBuilder(p.label);
                for (Path f : pair(p.file)) {
                    b.append(Files.readString(f));
                }
                c.output("text", b.toString());
            });

    /** {@code test.write}: writes its text to a file and outputs the path. */
    final FakeNode write = new FakeNode(NodeDescriptor.builder("test.write", "1.0.0").input("text", String.class, "")
            .output("file", Path.class, "").parameters(WriteParameters.class).build(), c -> {
                Path f = c.parameters(WriteParameters.class).file;
                Files.writeString(f, c.input("text", String.class));
                c.output("file", f);
            });

    private Path data(Path folder) throws Exception {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("x.hdr"), "header;");
        Files.writeString(folder.resolve("x.img"), "voxels");
        return folder;
    }

    private Pipeline pipeline(Path input, Path output, String label) {
        return Pipeline.named("resume")
                .withNode(Pipeline.Node.of("read", "test.read", "1.0.0", Map.of("file", input.toString(), "label", label)))
                .withNode(Pipeline.Node.of("write", "test.write", "1.0.0", Map.of("file", output.toString())))
                .withEdge("read", "text", "write", "text");
    }

    private RunResult run(ResultCache cache, Pipeline p, int threads) throws Exception {
        return Executor.builder(FakeNode.registry(read, write)).threads(threads).cache(cache).build().run(p, Map.of());
    }

    private static String why(RunResult r, String node) {
        return r.node(node).orElseThrow().recomputed();
    }

    @Test
    void aRerunWithIntactOutputsWritesNothingAndADeletedOrModifiedOutputIsRewritten() throws Exception {
        Path in = data(dir.resolve("data")).resolve("x.hdr");
        Path out = dir.resolve("out.txt");
        Path cacheDir = dir.resolve("cache");
        RunResult first = run(ResultCache.onDisk(cacheDir, 1 << 20), pipeline(in, out, "a:"), 2);
        assertTrue(first.succeeded());
        assertEquals("not run before with this cache", why(first, "write"));
        Files.setLastModifiedTime(out, FileTime.fromMillis(1_000_000_000_000L));

        RunResult again = run(ResultCache.onDisk(cacheDir, 1 << 20), pipeline(in, out, "a:"), 2);
        assertEquals(2, again.cachedCount());
        assertEquals(0, again.computedCount());
        assertEquals(1, write.executions.get(), "the writer did not run again");
        assertEquals(FileTime.fromMillis(1_000_000_000_000L), Files.getLastModifiedTime(out), "nothing was written");
        assertEquals(out, again.outputs("write").get("file"));

        Files.delete(out);
        RunResult afterDelete = run(ResultCache.onDisk(cacheDir, 1 << 20), pipeline(in, out, "a:"), 2);
        assertEquals(2, write.executions.get());
        assertEquals(1, read.executions.get(), "the reader's result is still valid");
        assertEquals("a:header;voxels", Files.readString(out));
        assertEquals("its output file " + out.toAbsolutePath() + " was deleted", why(afterDelete, "write"));

        Files.writeString(out, "edited by hand");
        RunResult afterEdit = run(ResultCache.onDisk(cacheDir, 1 << 20), pipeline(in, out, "a:"), 2);
        assertEquals(3, write.executions.get());
        assertEquals("a:header;voxels", Files.readString(out));
        assertTrue(why(afterEdit, "write").endsWith("was modified"), why(afterEdit, "write"));
    }

    @Test
    void aHeaderParameterIsKeyedByItsImageFileToo() throws Exception {
        Path in = data(dir.resolve("data")).resolve("x.hdr");
        ResultCache cache = ResultCache.inMemory(100);
        run(cache, pipeline(in, dir.resolve("out.txt"), ""), 2);
        Files.writeString(in.resolveSibling("x.img"), "other voxels");
        RunResult r = run(cache, pipeline(in, dir.resolve("out.txt"), ""), 2);
        assertEquals(2, read.executions.get());
        assertEquals("header;other voxels", Files.readString(dir.resolve("out.txt")));
        assertEquals("input file 'x.img' (parameter 'file') changed content", why(r, "read"));
        assertEquals("upstream result changed (input 'text' from node 'read')", why(r, "write"));
    }

    @Test
    void movingTheDataFolderOrChangingTheThreadsRecomputesNothing() throws Exception {
        Path out = dir.resolve("out.txt");
        Path cacheDir = dir.resolve("cache");
        run(ResultCache.onDisk(cacheDir, 1 << 20), pipeline(data(dir.resolve("data")).resolve("x.hdr"), out, ""), 2);
        Files.move(dir.resolve("data"), dir.resolve("moved"));
        RunResult moved = run(ResultCache.onDisk(cacheDir, 1 << 20), pipeline(dir.resolve("moved/x.hdr"), out, ""), 2);
        assertEquals(0, moved.computedCount());
        assertEquals(2, moved.cachedCount());
        RunResult oneThread = run(ResultCache.onDisk(cacheDir, 1 << 20), pipeline(dir.resolve("moved/x.hdr"), out, ""), 1);
        assertEquals(0, oneThread.computedCount());
        assertEquals(1, read.executions.get());
        // Where a writer writes is part of its key: another output file is written.
        RunResult elsewhere = run(ResultCache.onDisk(cacheDir, 1 << 20), pipeline(dir.resolve("moved/x.hdr"), dir.resolve("b.txt"), ""), 1);
        assertEquals(1, elsewhere.computedCount());
        assertEquals("parameter 'file' changed (\"" + out + "\" \u2192 \"" + dir.resolve("b.txt") + "\")", why(elsewhere, "write"));
    }

    @Test
    void eachRecomputedNodeSaysWhichPartOfItsKeyChanged() throws Exception {
        Path in = data(dir.resolve("data")).resolve("x.hdr");
        ResultCache cache = ResultCache.inMemory(100);
        RunResult first = run(cache, pipeline(in, dir.resolve("o.txt"), "a"), 2);
        assertEquals("not run before with this cache", why(first, "read"));
        RunResult edited = run(cache, pipeline(in, dir.resolve("o.txt"), "b"), 2);
        assertEquals("parameter 'label' changed (\"a\" \u2192 \"b\")", why(edited, "read"));
        RunResult same = run(cache, pipeline(in, dir.resolve("o.txt"), "b"), 2);
        assertEquals("", why(same, "read"));
        assertTrue(same.node("read").orElseThrow().cached());

        NodeRegistry newer = new NodeRegistry();
        newer.add(read, "org.gyrus.test", "1.1.0");
        newer.add(write, "org.gyrus.test", "1.0.0");
        RunResult rebuilt = Executor.builder(newer).cache(cache).build().run(pipeline(in, dir.resolve("o.txt"), "b"), Map.of());
        assertEquals("bundle org.gyrus.test changed (1.0.0 \u2192 1.1.0)", why(rebuilt, "read"));

        JsonNode prov = new ObjectMapper().readTree(Provenance.of(rebuilt).toJson());
        assertEquals("bundle org.gyrus.test changed (1.0.0 \u2192 1.1.0)", prov.at("/activity/gyrus:node.read/gyrus:recomputedBecause").asText());
    }

    @Test
    void aCacheThatCannotWriteCostsOneWarningAndTheRunGoesOn() throws Exception {
        Path cacheDir = dir.resolve("cache");
        ResultCache cache = ResultCache.onDisk(cacheDir, 1 << 20);
        // The disk tier writes through its tmp folder: a file in its place fails every write, as a full disk does.
        Files.delete(cacheDir.resolve("tmp"));
        Files.writeString(cacheDir.resolve("tmp"), "not a folder");
        List<LogRecord> warnings = new ArrayList<>();
        Handler h = new Handler() {
            @Override public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(r);
                }
            }
            @Override public void flush() { }
            @Override public void close() { }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(h);
        try {
            Pipeline p = Pipeline.named("full");
            for (int i = 0; i < 20; i++) {
                p = p.withNode(Pipeline.Node.of("n" + i, "test.source", "1.0.0", Map.of("amount", i)));
            }
            RunResult r = Executor.builder(FakeNode.registry(FakeNode.source("1.0.0"))).cache(cache).build().run(p, Map.of());
            assertTrue(r.succeeded());
            assertEquals(20, r.computedCount());
        } finally {
            root.removeHandler(h);
        }
        assertEquals(1, warnings.size(), () -> warnings.stream().map(LogRecord::getMessage).toList().toString());
        assertNull(warnings.get(0).getThrown(), "no stack trace");
        assertTrue(warnings.get(0).getMessage().contains("the run goes on without storing results on disk"), warnings.get(0).getMessage());
        assertTrue(cache.diskWritesFailed());
    }

    @Test
    void consumedOutputsAreReleasedOnceTheirConsumersEndedAndEndResultsStay() throws Exception {
        FakeNode big = new FakeNode(NodeDescriptor.builder("test.big", "1.0.0").output("data", double[].class, "").build(),
                c -> c.output("data", new double[1 << 20]));
        List<WeakReference<double[]>> made = new ArrayList<>();
        FakeNode sum = new FakeNode(NodeDescriptor.builder("test.sum", "1.0.0").input("data", double[].class, "")
                .output("value", Double.class, "").build(), c -> {
                    double[] d = c.input("data", double[].class);
                    made.add(new WeakReference<>(d));
                    c.output("value", (double) d.length);
                });
        Pipeline p = Pipeline.named("release").withNode(Pipeline.Node.of("big", "test.big", "1.0.0", Map.of()))
                .withNode(Pipeline.Node.of("sum", "test.sum", "1.0.0", Map.of())).withEdge("big", "data", "sum", "data");
        for (boolean release : new boolean[] {false, true}) {
            made.clear();
            RunResult r = Executor.builder(FakeNode.registry(big, sum)).releaseIntermediateResults(release).build().run(p, Map.of());
            assertEquals((double) (1 << 20), r.outputs("sum").get("value"), "end results stay");
            for (int i = 0; i < 20 && made.get(0).get() != null; i++) {
                System.gc();
                Thread.sleep(10);
            }
            if (release) {
                assertNull(made.get(0).get(), "the consumed array was released");
                assertNull(r.outputs("big").get("data"));
            } else {
                assertNotNull(made.get(0).get());
                assertNotNull(r.outputs("big").get("data"));
            }
        }
    }

    @Test
    void releasedOutputsAreReadBackFromTheCache() throws Exception {
        Path in = data(dir.resolve("data")).resolve("x.hdr");
        RunResult r = Executor.builder(FakeNode.registry(read, write)).cache(ResultCache.onDisk(dir.resolve("c"), 1 << 20))
                .releaseIntermediateResults(true).build().run(pipeline(in, dir.resolve("o.txt"), "l:"), Map.of());
        assertEquals("l:header;voxels", r.outputs("read").get("text"));
        assertEquals(Map.of("text", "l:header;voxels"), Map.copyOf(r.outputs("read")));
    }

    @Test
    void theRecordListsEveryFileReadAndAWrittenFileReadDownstreamAsGenerated() throws Exception {
        Path in = data(dir.resolve("data")).resolve("x.hdr");
        Path mid = dir.resolve("mid.hdr");
        Files.writeString(dir.resolve("mid.img"), "");
        // write → mid.hdr (and its .img is read too), then read2 reads mid.hdr: generated by write, not an input.
        Pipeline p = pipeline(in, mid, "")
                .withNode(Pipeline.Node.of("read2", "test.read", "1.0.0", Map.of("file", mid.toString())))
                .withEdge("write", "file", "read2", "after");
        RunResult r = Executor.builder(FakeNode.registry(read, write)).build().run(p, Map.of());
        assertTrue(r.succeeded(), r::toString);
        JsonNode prov = new ObjectMapper().readTree(Provenance.of(r).toJson());
        List<String> inputs = new ArrayList<>();
        prov.get("entity").fields().forEachRemaining(e -> {
            if (e.getValue().path("prov:type").asText().equals("gyrus:InputFile")) {
                inputs.add(Path.of(e.getValue().get("gyrus:path").asText()).getFileName().toString());
            }
        });
        assertEquals(List.of("mid.img", "x.hdr", "x.img"), inputs.stream().sorted().toList());
        String writtenId = null;
        JsonNode entities = prov.get("entity");
        for (var it = entities.fields(); it.hasNext();) {
            var e = it.next();
            if (e.getValue().path("gyrus:path").asText().equals(mid.toAbsolutePath().toString())) {
                writtenId = e.getKey();
                assertEquals("gyrus:WrittenFile", e.getValue().get("prov:type").asText());
                assertEquals(Sha256.ofPath(mid), e.getValue().get("gyrus:sha256").asText());
            }
        }
        assertNotNull(writtenId);
        assertTrue(has(prov.get("wasGeneratedBy"), "prov:entity", writtenId, "prov:activity", "gyrus:node.write"));
        assertTrue(has(prov.get("used"), "prov:activity", "gyrus:node.read2", "prov:entity", writtenId));
        assertTrue(has(prov.get("wasGeneratedBy"), "prov:entity", "gyrus:value.read.text", "prov:activity", "gyrus:node.read"));
        assertTrue(has(prov.get("used"), "prov:activity", "gyrus:node.write", "prov:entity", "gyrus:value.read.text"));
        assertEquals("String", prov.at("/entity/gyrus:value.read.text/gyrus:valueType").asText());
        assertTrue(has(prov.get("used"), "prov:activity", "gyrus:node.read2", "prov:entity", "gyrus:value.write.file"));
    }

    private static boolean has(JsonNode group, String k1, String v1, String k2, String v2) {
        for (JsonNode n : group) {
            if (n.path(k1).asText().equals(v1) && n.path(k2).asText().equals(v2)) {
                return true;
            }
        }
        return false;
    }
}
