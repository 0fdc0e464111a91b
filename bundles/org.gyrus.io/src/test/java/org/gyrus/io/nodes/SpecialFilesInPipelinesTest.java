package org.gyrus.io.nodes;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.gyrus.pipeline.Executor;
import org.gyrus.pipeline.NodeOutcome;
import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.Provenance;
import org.gyrus.pipeline.ResultCache;
import org.gyrus.pipeline.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read nodes given a named pipe, a folder or a missing file, run by the engine with its disk
 * cache (which keys results by the content of the files a node reads) and its provenance record
 * (which hashes them): the run ends at once with the node failed and a message naming the file,
 * what is wrong and the parameter. The engine used to open a named pipe for its cache key and
 * the provenance record, and wait for ever.
 */
// A blocked open() of a named pipe ignores interrupts: time out from a separate thread.
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SpecialFilesInPipelinesTest {

    @TempDir
    Path dir;

    private RunResult run(String type, Map<String, Object> parameters) throws Exception {
        NodeRegistry registry = new NodeRegistry();
        registry.add(new ReadTableNode(), "org.gyrus.io", "1.0.0");
        registry.add(new ReadVolumeNode(), "org.gyrus.io", "1.0.0");
        registry.add(new ReadBidsNode(), "org.gyrus.io", "1.0.0");
        Pipeline p = Pipeline.named("special").withNode(Pipeline.Node.of("read", type, "1.0.0", parameters));
        RunResult r = Executor.builder(registry).threads(1).cache(ResultCache.onDisk(dir.resolve("cache"), 1L << 30)).build().run(p, Map.of());
        // The provenance record hashes the files the nodes read: it must not open the pipe either.
        Path provenance = dir.resolve("provenance-" + System.nanoTime() + ".json");
        Provenance.of(r).writeTo(provenance);
        assertTrue(Files.size(provenance) > 0);
        return r;
    }

    private static void failsWith(RunResult r, String... phrases) {
        assertFalse(r.succeeded(), r::toString);
        NodeOutcome o = r.node("read").orElseThrow();
        for (String phrase : phrases) {
            assertTrue(o.reason().contains(phrase), () -> "'" + phrase + "' not in: " + o.reason());
        }
    }

    private Path fifo(String name) throws Exception {
        Path p = dir.resolve(name);
        Process mk = new ProcessBuilder("mkfifo", p.toString()).start();
        assumeTrue(mk.waitFor() == 0 && Files.exists(p), "mkfifo is available");
        return p;
    }

    @Test
    void namedPipes() throws Exception {
        Path csv = fifo("table.csv");
        failsWith(run("org.gyrus.io.read-table", Map.of("file", csv.toString())), csv.toString(), "named pipe", "parameter 'File'");
        Path nii = fifo("image.nii.gz");
        failsWith(run("org.gyrus.io.read-volume", Map.of("file", nii.toString())), nii.toString(), "named pipe", "parameter 'File'");
    }

    @Test
    void foldersAndMissingFiles() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("table.csv"));
        failsWith(run("org.gyrus.io.read-table", Map.of("file", folder.toString())), folder.toString(), "is a folder, not a file",
                "parameter 'File'");
        Path missing = dir.resolve("missing.nii");
        failsWith(run("org.gyrus.io.read-volume", Map.of("file", missing.toString())), missing.toString(), "no such file",
                "parameter 'File'");
        failsWith(run("org.gyrus.io.read-bids", Map.of("folder", missing.toString())), missing.toString(), "no such folder",
                "parameter 'Dataset folder'");
    }
}
