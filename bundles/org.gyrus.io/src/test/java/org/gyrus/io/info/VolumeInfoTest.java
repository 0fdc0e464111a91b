package org.gyrus.io.info;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

class VolumeInfoTest {

    static final Path DIR = Path.of("testdata/nifti");
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return VolumeInfo.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private JsonNode ref(String file) throws Exception {
        for (JsonNode f : new ObjectMapper().readTree(DIR.resolve("refs.json").toFile()).get("files")) {
            if (f.get("file").asText().equals(file)) {
                return f;
            }
        }
        throw new AssertionError(file);
    }

    @Test
    void jsonLinesMatchNibabelAndBadFilesAreReportedButOthersListed() throws Exception {
        int code = run("--json", DIR.resolve("example4d.nii.gz").toString(), DIR.resolve("not-nifti.nii").toString(),
                DIR.resolve("anatomical.nii").toString());
        assertEquals(VolumeInfo.UNREADABLE, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("not-nifti.nii"), err.toString(StandardCharsets.UTF_8));
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertEquals(2, lines.length);
        ObjectMapper m = new ObjectMapper();
        for (String line : lines) {
            JsonNode o = m.readTree(line);
            JsonNode r = ref(Path.of(o.get("file").asText()).getFileName().toString());
            assertEquals(r.get("shape"), o.get("shape"));
            assertEquals(r.get("big_endian").asBoolean(), o.get("big_endian").asBoolean());
            assertEquals(r.get("disk_dtype").asText().replace(">i2", "int16"), o.get("datatype").asText());
            assertEquals(r.get("qform_code").asInt(), o.get("qform_code").asInt());
            assertEquals(r.get("sform_code").asInt(), o.get("sform_code").asInt());
            assertEquals(r.get("scl_slope").asDouble(), o.get("scl_slope").asDouble());
            assertEquals(r.get("scl_inter").asDouble(), o.get("scl_inter").asDouble());
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    assertEquals(r.get("best_affine").get(i).get(j).asDouble(), o.get("affine").get(i).get(j).asDouble(), 1e-5);
                }
            }
            int n = r.has("extensions") ? r.get("extensions").size() : 0;
            assertEquals(n, o.get("extensions").size());
            assertEquals(r.get("scaled").get("min").asDouble(), o.get("min").asDouble(), 1e-9);
            assertEquals(r.get("scaled").get("max").asDouble(), o.get("max").asDouble(), 1e-9);
            assertEquals(r.get("scaled").get("mean").asDouble(), o.get("mean").asDouble(), 1e-6 * r.get("scaled").get("mean").asDouble());
        }
    }

    @Test
    void textSummary() {
        assertEquals(VolumeInfo.OK, run(DIR.resolve("example4d.nii.gz").toString()));
        String s = out.toString(StandardCharsets.UTF_8);
        assertTrue(s.contains("shape        128 x 96 x 24 x 2"), s);
        assertTrue(s.contains("datatype     int16 (code 4, 16 bits)"), s);
        assertTrue(s.contains("extensions   2: code 6 (32 bytes), code 6 (32 bytes)"), s);
        assertTrue(s.contains("affine       from sform, code 1 (scanner_anat)"), s);
        assertTrue(s.contains("values       min 0, max 1162, mean 172.908"), s);
        // int16, unscaled: 128 * 96 * 24 * 2 voxels of 2 bytes, as Read Volume keeps them (not float64's 8).
        assertTrue(s.contains("memory       1.1 MiB as read by Read Volume (voxel type NATIVE)"), s);
    }

    @Test
    void verboseAndQuietAreAcceptedAsByEveryCommand() {
        assertEquals(VolumeInfo.OK, run("--quiet", DIR.resolve("standard.nii.gz").toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("standard.nii.gz"), "the summary is the result: printed");
        assertEquals(VolumeInfo.UNREADABLE, run("-q", "does-not-exist.nii"));
        assertTrue(!err.toString(StandardCharsets.UTF_8).contains("\tat "), "no stack trace without --verbose");
        err.reset();
        assertEquals(VolumeInfo.UNREADABLE, run("--verbose", "does-not-exist.nii"));
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.startsWith("gyrus info: does-not-exist.nii: no such file") && e.contains("\tat "), e);
    }

    @Test
    void badArguments() {
        assertEquals(VolumeInfo.BAD_ARGUMENTS, run());
        assertEquals(VolumeInfo.BAD_ARGUMENTS, run("--frobnicate", "x.nii"));
        assertEquals(VolumeInfo.UNREADABLE, run("does-not-exist.nii"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("does-not-exist.nii"));
    }
}
