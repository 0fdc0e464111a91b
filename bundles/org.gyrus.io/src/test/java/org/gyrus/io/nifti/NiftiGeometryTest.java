package org.gyrus.io.nifti;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.imglib2.Cursor;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

import org.gyrus.data.Volume;
import org.gyrus.io.info.VolumeInfo;
import org.joml.Matrix4d;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Broken geometry and scaling (testdata/nifti-geometry, made by check/geometry_refs.py with
 * nibabel): NaN or non-unit quaternions, NaN pixdim, NaN or singular sform rows, non-finite
 * scl_inter. Each file is read with the affine refs.json expects (nibabel's choice, skipping an
 * unusable xform with a warning in the volume's metadata and in {@code gyrus info}) or refused
 * naming the field — never a NaN or non-rotation affine.
 */
@Timeout(10)
class NiftiGeometryTest {

    static final Path DIR = Path.of("testdata/nifti-geometry");

    static Stream<Map.Entry<String, JsonNode>> cases() throws IOException {
        JsonNode refs = new ObjectMapper().readTree(DIR.resolve("refs.json").toFile());
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        refs.get("files").fields().forEachRemaining(out::add);
        assertTrue(out.size() >= 25, "the reference cases are there");
        return out.stream();
    }

    @org.junit.jupiter.api.Test
    void aRefusalSaysWhyEachAffineIsUnusable() {
        Path file = DIR.resolve("everything-nan.nii");
        NiftiFormatException e = assertThrows(NiftiFormatException.class, () -> NiftiReader.read(file));
        assertEquals(file + ": pixdim[1]: no usable affine: the sform is not usable (srow_x[0] is NaN); the qform is not usable "
                + "(quatern_b is NaN); the voxel sizes cannot make one: pixdim[1] is NaN", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void readAsExpected(Map.Entry<String, JsonNode> c) throws IOException {
        Path file = DIR.resolve(c.getKey());
        JsonNode exp = c.getValue().get("expected");
        if (exp.has("refused")) {
            String field = exp.get("refused").asText();
            NiftiFormatException e = assertThrows(NiftiFormatException.class, () -> NiftiReader.read(file));
            assertEquals(field, e.field(), e.getMessage());
            assertTrue(e.getMessage().contains(c.getKey()), e.getMessage());
            NiftiFormatException h = assertThrows(NiftiFormatException.class, () -> NiftiReader.readHeader(file));
            assertEquals(field, h.field());
            // gyrus info refuses it the same way, naming the file and the field.
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = VolumeInfo.run(List.of(file.toString()), new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(VolumeInfo.UNREADABLE, code);
            assertTrue(err.toString(StandardCharsets.UTF_8).contains(field), err.toString(StandardCharsets.UTF_8));
            return;
        }
        Volume v = NiftiReader.read(file);
        NiftiHeader h = NiftiReader.readHeader(file);
        assertEquals(exp.get("source").asText(), h.affineSource().name().toLowerCase(Locale.ROOT));
        assertEquals(exp.get("code").asInt(), h.bestAffineCode());
        Matrix4d a = v.affine();
        for (int r = 0; r < 4; r++) {
            for (int col = 0; col < 4; col++) {
                assertEquals(exp.get("affine").get(r).get(col).asDouble(), a.getRowColumn(r, col), 1e-5, "affine[" + r + "][" + col + "]");
            }
        }
        for (double s : v.voxelSizes()) {
            assertTrue(Double.isFinite(s) && s > 0, "voxel size " + s);
        }
        double sum = 0;
        Cursor<? extends RealType<?>> cur = Views.flatIterable(v.image()).cursor();
        while (cur.hasNext()) {
            sum += cur.next().getRealDouble();
        }
        assertEquals(exp.get("data_sum").asDouble(), sum, 1e-9);
        List<String> skipped = v.metadata().entrySet().stream().filter(e -> e.getKey().startsWith(NiftiMetadata.WARNING_PREFIX))
                .map(Map.Entry::getValue).filter(w -> w.contains("not usable")).toList();
        if (exp.get("warning").asBoolean()) {
            assertFalse(skipped.isEmpty(), "a warning says which xform was skipped: " + v.metadata());
            assertTrue(skipped.get(0).contains(c.getKey()), skipped.get(0));
            ObjectNode info = VolumeInfo.describe(file);
            assertTrue(info.get("warnings").toString().contains("not usable"), info.toString());
            assertEquals(exp.get("source").asText(), info.get("affine_source").asText());
        }
        JsonNode nibabel = c.getValue().get("nibabel");
        if (nibabel.has("affine") && nibabel.get("finite").asBoolean() && !exp.get("warning").asBoolean()) {
            // Where nibabel reads a finite affine and nothing was skipped, the choice is nibabel's.
            for (int r = 0; r < 4; r++) {
                for (int col = 0; col < 4; col++) {
                    assertEquals(nibabel.get("affine").get(r).get(col).asDouble(), a.getRowColumn(r, col), 1e-5);
                }
            }
        }
    }
}
