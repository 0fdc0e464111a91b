package org.gyrus.io.nodes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.gyrus.data.Volume;
import org.gyrus.data.VolumeSet;
import org.gyrus.data.XformCode;
import org.gyrus.io.nifti.NiftiReader;
import org.gyrus.io.nifti.NiftiWriter;
import org.gyrus.pipeline.Executor;
import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.ResultCache;
import org.gyrus.pipeline.RunResult;
import org.joml.Matrix4d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The I/O nodes through the engine's disk cache: an Analyze pair is keyed by both its files, a
 * written pair is checked file by file before a rerun skips the writer, volumes keep their voxel
 * type through the cache, and a BIDS dataset is keyed by the files its reader reads, wherever the
 * dataset lies.
 */
class CachedIoNodesTest {

    @TempDir
    Path dir;

    private final NodeRegistry registry = new NodeRegistry();

    CachedIoNodesTest() {
        registry.add(new ReadVolumeNode(), "org.gyrus.io", "1.0.0");
        registry.add(new WriteVolumeNode(), "org.gyrus.io", "1.0.0");
        registry.add(new ReadBidsNode(), "org.gyrus.io", "1.0.0");
    }

    private RunResult run(Pipeline p) throws Exception {
        return Executor.builder(registry).threads(1).cache(ResultCache.onDisk(dir.resolve("cache"), 1L << 30)).build().run(p, Map.of());
    }

    private static String why(RunResult r, String node) {
        return r.node(node).orElseThrow().recomputed();
    }

    private Pipeline copyPair(Path in, Path out) {
        return Pipeline.named("pair")
                .withNode(Pipeline.Node.of("read", "org.gyrus.io.read-volume", "1.0.0", Map.of("file", in.toString())))
                .withNode(Pipeline.Node.of("write", "org.gyrus.io.write-volume", "1.0.0", Map.of("file", out.toString())))
                .withEdge("read", "volume", "write", "volume");
    }

    @Test
    void anAnalyzePairIsKeyedByBothFilesAndAWrittenPairIsCheckedFileByFile() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        // testdata/nifti/anatomical_analyze.{hdr,img}: see testdata/README.md
        Files.copy(Path.of("testdata/nifti/anatomical_analyze.hdr"), data.resolve("a.hdr"));
        Files.copy(Path.of("testdata/nifti/anatomical_analyze.img"), data.resolve("a.img"));
        Path out = dir.resolve("out/copy.hdr");
        Files.createDirectories(out.getParent());
        RunResult first = run(copyPair(data.resolve("a.hdr"), out));
        assertTrue(first.succeeded(), first::toString);
        Volume read = (Volume) first.outputs("read").get("volume");

        RunResult again = run(copyPair(data.resolve("a.hdr"), out));
        assertEquals(0, again.computedCount(), again::toString);
        Volume cached = (Volume) again.outputs("read").get("volume");
        assertSame(read.image().getType().getClass(), cached.image().getType().getClass(), "voxel type through the cache");
        assertArrayEquals(read.toFloatArray(), cached.toFloatArray());

        Files.delete(dir.resolve("out/copy.img"));
        RunResult rewritten = run(copyPair(data.resolve("a.hdr"), out));
        assertEquals(1, rewritten.computedCount());
        assertEquals("its output file " + dir.resolve("out/copy.img").toAbsolutePath() + " was deleted", why(rewritten, "write"));
        assertArrayEquals(read.toFloatArray(), NiftiReader.read(out).toFloatArray());

        byte[] img = Files.readAllBytes(data.resolve("a.img"));
        img[img.length / 2] ^= 0x7f;
        Files.write(data.resolve("a.img"), img);
        RunResult changed = run(copyPair(data.resolve("a.hdr"), out));
        assertEquals(2, changed.computedCount());
        assertEquals("input file 'a.img' (parameter 'file') changed content", why(changed, "read"));
    }

    private void image(Path root, String rel, float value) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        float[] data = new float[8];
        java.util.Arrays.fill(data, value);
        NiftiWriter.nifti1().write(Volume.builder(data, 2, 2, 2).affine(new Matrix4d(), XformCode.SCANNER_ANAT).build(), p);
    }

    private static Pipeline bids(Path folder) {
        return Pipeline.named("bids").withNode(Pipeline.Node.of("bids", "org.gyrus.io.read-bids", "1.0.0", Map.of("folder", folder.toString())));
    }

    @Test
    void aBidsDatasetIsKeyedByWhatItsReaderReadsWhereverItLies() throws Exception {
        Path root = Files.createDirectories(dir.resolve("ds"));
        Files.writeString(root.resolve("dataset_description.json"), "{\"Name\": \"Toy\", \"BIDSVersion\": \"1.8.0\"}");
        Files.writeString(root.resolve("participants.tsv"), "participant_id\tage\nsub-01\t30\nsub-02\t40\n");
        image(root, "sub-01/anat/sub-01_T1w.nii", 1);
        image(root, "sub-02/anat/sub-02_T1w.nii", 2);
        run(bids(root));

        Files.move(root, dir.resolve("moved"));
        Path moved = dir.resolve("moved");
        RunResult r = run(bids(moved));
        assertEquals(0, r.computedCount(), "moving the dataset recomputes nothing");
        assertEquals("sub-02/anat/sub-02_T1w.nii", ((TextColumn) ((Table) r.outputs("bids").get("subjects")).column("anat/T1w")).get(1));
        VolumeSet volumes = (VolumeSet) r.outputs("bids").get("volumes");
        assertEquals(2f, volumes.get("sub-02").toFloatArray()[0]);

        Files.createDirectories(moved.resolve("derivatives"));
        Files.writeString(moved.resolve("derivatives/notes.txt"), "not read by the reader");
        assertEquals(0, run(bids(moved)).computedCount(), "files the reader does not read are no part of the key");

        Files.writeString(moved.resolve("sub-01/anat/sub-01_T1w.json"), "{\"EchoTime\": 0.003}");
        RunResult sidecar = run(bids(moved));
        assertEquals(1, sidecar.computedCount());
        assertEquals("new input file 'sub-01/anat/sub-01_T1w.json' (parameter 'folder')", why(sidecar, "bids"));
        assertEquals("0.003", ((VolumeSet) sidecar.outputs("bids").get("volumes")).get("sub-01").metadata().get("bids.EchoTime"));
    }
}
