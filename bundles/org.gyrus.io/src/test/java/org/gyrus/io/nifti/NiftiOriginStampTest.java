package org.gyrus.io.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.gyrus.data.Volume;
import org.gyrus.io.nodes.NiftiOriginStamp;
import org.gyrus.io.nodes.ReadVolumeNode;
import org.gyrus.io.nodes.WriteVolumeNode;
import org.gyrus.pipeline.Executor;
import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.pipeline.OriginFinder;
import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.PipelineOrigin;
import org.gyrus.pipeline.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A NIfTI file written by {@code write-volume} in a pipeline run leads back to the pipeline and
 * its variable values through a comment extension; the voxels are unchanged; a rewrite replaces
 * the stamp; a damaged stamp is reported naming the file. The stamped file also goes to
 * {@code target/roundtrip-stamp} for {@code check/nibabel_roundtrip.py} (nibabel loads it and sees
 * the same extension, byte for byte).
 */
class NiftiOriginStampTest {

    static final Path OUT = Path.of("target/roundtrip-stamp");

    @TempDir
    Path dir;

    private final NodeRegistry registry = new NodeRegistry();
    private final OriginFinder finder = new OriginFinder(List.of(new NiftiOriginStamp()));

    NiftiOriginStampTest() {
        registry.add(new ReadVolumeNode(), "org.gyrus.io", "1.0.0");
        registry.add(new WriteVolumeNode(), "org.gyrus.io", "1.0.0");
    }

    private RunResult copy(Path in, Path out, String subject) throws Exception {
        Pipeline p = Pipeline.named("copy")
                .withVariable(new Pipeline.Variable("subject", Pipeline.VariableType.STRING, "sub-00", ""))
                .withVariable(new Pipeline.Variable("out", Pipeline.VariableType.PATH, "x.nii", ""))
                .withNode(Pipeline.Node.of("read", "org.gyrus.io.read-volume", "1.0.0", Map.of("file", in.toString())))
                .withNode(Pipeline.Node.of("write", "org.gyrus.io.write-volume", "1.0.0", Map.of("file", "${out}")))
                .withEdge("read", "volume", "write", "volume");
        RunResult r = Executor.builder(registry).threads(1).build().run(p, Map.of("subject", subject, "out", out.toString()));
        assertTrue(r.succeeded(), r.nodes().toString());
        return r;
    }

    @Test
    void aWrittenVolumeLeadsBackToItsPipelineAndValuesAndKeepsOtherExtensions() throws Exception {
        // testdata/nifti/with_extension.nii.gz carries a comment extension of its own (testdata/README.md).
        Path in = Path.of("testdata/nifti/with_extension.nii.gz");
        List<NiftiExtension> original = NiftiReader.readHeader(in).extensions();
        Path out = dir.resolve("sub-03_smoothed.nii.gz");
        copy(in, out, "sub-03");

        PipelineOrigin o = finder.find(out);
        assertEquals(Map.of("subject", "sub-03", "out", out.toString()), o.variables());
        assertEquals("copy", o.pipeline().name());
        assertEquals("${out}", o.pipeline().node("write").orElseThrow().parameters().get("file"));
        assertTrue(o.source().contains("NIfTI extension") && o.source().contains(out.getFileName().toString()), o.source());

        List<NiftiExtension> written = NiftiReader.readHeader(out).extensions();
        assertEquals(original.size() + 1, written.size(), "the file's own extensions are kept, one stamp is added");
        assertEquals(original, written.subList(0, original.size()));
        assertEquals(NiftiOriginStamp.CODE, written.get(written.size() - 1).code());
        assertArrayEquals(NiftiReader.read(in).toFloatArray(), NiftiReader.read(out).toFloatArray(), "the voxels are unchanged");

        // Read the stamped file and write it again in another run: one stamp, the new run's.
        Path again = dir.resolve("again.nii");
        copy(out, again, "sub-04");
        assertEquals("sub-04", finder.find(again).variables().get("subject"));
        assertEquals(original.size() + 1, NiftiReader.readHeader(again).extensions().size());

        Files.createDirectories(OUT);
        Path kept = OUT.resolve("stamped-origin.nii.gz");
        Files.copy(out, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ObjectNode manifest = new ObjectMapper().createObjectNode();
        ObjectNode entry = NiftiRoundTripTest.record(manifest, kept, NiftiReader.read(kept, NiftiReader.OutputType.FLOAT64),
                NiftiReader.readHeader(kept));
        entry.put("stamp_sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(o.toJson().getBytes(StandardCharsets.US_ASCII))));
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(OUT.resolve("manifest.json").toFile(), manifest);
    }

    @Test
    void theStampIsPureAsciiPaddedToSixteenBytes() throws Exception {
        Pipeline p = Pipeline.named("ü-pipeline").withVariable(new Pipeline.Variable("who", Pipeline.VariableType.STRING, "x", ""));
        NiftiExtension e = NiftiOriginStamp.extension(PipelineOrigin.of(p, Map.of("who", "Zoë ✓")));
        byte[] c = e.content();
        for (byte b : c) {
            assertTrue(b >= 0, "ASCII only");
        }
        assertEquals(0, e.sizeOnDisk() % 16);
        Path f = dir.resolve("a.nii");
        NiftiWriter.nifti1().extensions(List.of(e)).write(Volume.builder(new float[8], 2, 2, 2).build(), f);
        assertEquals("Zoë ✓", new NiftiOriginStamp().read(f).orElseThrow().variables().get("who"));
    }

    @Test
    void unstampedAndForeignFilesGiveNothingAndDamagedStampsAClearError() throws Exception {
        Volume v = Volume.builder(new float[8], 2, 2, 2).build();
        Path plain = dir.resolve("plain.nii");
        NiftiWriter.nifti1().extensions(List.of(new NiftiExtension(6, "just a comment".getBytes(StandardCharsets.US_ASCII))))
                .write(v, plain);
        assertEquals(Optional.empty(), new NiftiOriginStamp().read(plain));
        assertEquals(Optional.empty(), new NiftiOriginStamp().read(Files.writeString(dir.resolve("t.tsv"), "a\n")));

        Path damaged = dir.resolve("damaged.nii.gz");
        NiftiWriter.nifti1().extensions(List.of(new NiftiExtension(6,
                "{\"format\":\"gyrus-origin\",\"version\":1,\"pipeline\":{\"nodes\":[".getBytes(StandardCharsets.US_ASCII))))
                .write(v, damaged);
        IOException e = assertThrows(IOException.class, () -> finder.find(damaged));
        assertTrue(e.getMessage().contains("damaged.nii.gz") && e.getMessage().contains("not valid JSON"), e.getMessage());

        // A header that is not NIfTI at all, under a NIfTI name: the reader's own error, naming the file.
        Path notNifti = Files.write(dir.resolve("fake.nii"), new byte[400]);
        e = assertThrows(IOException.class, () -> finder.find(notNifti));
        assertTrue(e.getMessage().contains("fake.nii"), e.getMessage());
    }
}
