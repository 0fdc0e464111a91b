package org.gyrus.io.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.position.FunctionRandomAccessible;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.gyrus.data.Volume;
import org.gyrus.data.XformCode;
import org.joml.Matrix4d;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What we write, we read back equal: every reference file rewritten in each format and naming,
 * every datatype, scaling for integer outputs, both xforms. The files also go to
 * {@code target/roundtrip} with a manifest for {@code check/nibabel_roundtrip.py}, so nibabel can
 * confirm it reads them the same way.
 */
class NiftiRoundTripTest {

    static final Path OUT = Path.of("target/roundtrip");
    static final ObjectNode MANIFEST = new ObjectMapper().createObjectNode();

    @TempDir
    Path dir;

    static Stream<String> sources() {
        return Stream.of("anatomical.nii", "functional.nii", "example4d.nii.gz", "example_nifti2.nii.gz",
                "avg152T1_LR_nifti.nii.gz", "big.nii.gz", "with_extension.nii.gz", "rgb24.nii", "resampled_anat_moved.nii",
                "anatomical_analyze.hdr", "standard.nii.gz");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void referenceFilesSurviveEveryFormat(String name) throws Exception {
        Volume original = NiftiReader.read(NiftiParityTest.DIR.resolve(name));
        String stem = name.replaceAll("\\.(nii|hdr)(\\.gz)?$", "");
        Files.createDirectories(OUT);
        for (String suffix : List.of("-1.nii", "-1.nii.gz", "-2.nii.gz", "-pair.hdr", "-be.nii")) {
            Path p = OUT.resolve(stem + suffix);
            NiftiWriter w = suffix.startsWith("-2") ? NiftiWriter.nifti2() : NiftiWriter.nifti1();
            w.bigEndian(suffix.startsWith("-be")).write(original, p);
            Volume back = NiftiReader.read(p);
            assertArrayEquals(original.dimensions(), back.dimensions(), p.toString());
            assertEquals(original.image().getType().getClass(), back.image().getType().getClass(), p.toString());
            assertArrayEquals(original.toFloatArray(), back.toFloatArray(), p.toString());
            assertAffineClose(original.affine(), back.affine(), 1e-4);
            XformCode code = original.xformCode() == XformCode.UNKNOWN ? XformCode.ALIGNED_ANAT : original.xformCode();
            assertEquals(code, back.xformCode());
            assertArrayEquals(original.voxelSizes(), back.voxelSizes(), 1e-5);
            assertEquals(NiftiMetadata.extensions(original.metadata()), NiftiMetadata.extensions(back.metadata()));
            List<String> keys = new java.util.ArrayList<>(List.of(NiftiMetadata.DESCRIP, NiftiMetadata.DIM_INFO, NiftiMetadata.INTENT_CODE));
            if (!name.endsWith(".hdr")) {
                keys.add(NiftiMetadata.XYZT_UNITS); // Analyze has no units; the volume says mm and that is written
            }
            if (!name.startsWith("functional")) {
                keys.add(NiftiMetadata.DATATYPE); // scaled int16 is read as float32 and written losslessly as float32
            }
            for (String key : keys) {
                assertEquals(original.metadata().get(key), back.metadata().get(key), key);
            }
            NiftiHeader h = NiftiReader.readHeader(p);
            assertTrue(h.warnings().isEmpty(), h.warnings().toString());
            // Within the warning tolerance: example4d's sform is 1e-4 away from any rotation, which a qform must be.
            assertTrue(NiftiHeader.maxDifference(h.qformAffine(), h.sformAffine()) < NiftiHeader.XFORM_TOLERANCE, "qform and sform agree");
            record(p, NiftiReader.read(p, NiftiReader.OutputType.FLOAT64), h);
        }
    }

    @Test
    void everyDatatypeRoundTrips() throws Exception {
        float[] values = new float[4 * 3 * 2];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 5 % 23;
        }
        Volume v = Volume.builder(values, 4, 3, 2).affine(new Matrix4d().scaling(2, 3, 4).setTranslation(-1, 2, 3),
                XformCode.SCANNER_ANAT).build();
        for (NiftiDatatype t : NiftiDatatype.values()) {
            if (t.components() > 1) {
                continue;
            }
            for (NiftiWriter w : List.of(NiftiWriter.nifti1(), NiftiWriter.nifti2().bigEndian(true))) {
                Path p = dir.resolve(t.label() + ".nii.gz");
                w.datatype(t).write(v, p);
                NiftiHeader h = NiftiReader.readHeader(p);
                assertEquals(t, h.datatype());
                assertFalse(h.isScaled(), t.label());
                assertArrayEquals(values, NiftiReader.read(p).toFloatArray(), t.label());
            }
        }
    }

    @Test
    void complexAndRgbComponentsAreInterleavedOnDisk() throws Exception {
        for (NiftiDatatype t : List.of(NiftiDatatype.COMPLEX64, NiftiDatatype.COMPLEX128, NiftiDatatype.RGB24, NiftiDatatype.RGBA32)) {
            int c = t.components();
            float[] values = new float[3 * 2 * 2 * c];
            for (int i = 0; i < values.length; i++) {
                values[i] = (i * 7) % 200;
            }
            Volume v = Volume.builder(values, 3, 2, 2, 1, c).build();
            Path p = dir.resolve(t.label() + ".nii");
            NiftiWriter.nifti1().datatype(t).write(v, p);
            Volume back = NiftiReader.read(p);
            assertArrayEquals(new long[] {3, 2, 2, 1, c}, back.dimensions());
            assertArrayEquals(values, back.toFloatArray(), t.label());
            ByteBuffer raw = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
            // Voxel 1's first component follows all of voxel 0's components.
            double second = switch (t) {
                case COMPLEX64 -> raw.getFloat(352 + 4 * c);
                case COMPLEX128 -> raw.getDouble(352 + 8 * c);
                default -> raw.get(352 + c) & 0xff;
            };
            assertEquals(values[1], second, 0.0, t.label());
        }
    }

    @Test
    void floatsStoredAsIntegersAreScaledToSpanTheType() throws Exception {
        float[] values = {-1.5f, 0.25f, 3.75f, 1000.125f, Float.NaN, 7f};
        Volume v = Volume.builder(values, 6).build();
        Path p = dir.resolve("scaled.nii");
        NiftiWriter.nifti1().datatype(NiftiDatatype.INT16).write(v, p);
        NiftiHeader h = NiftiReader.readHeader(p);
        assertTrue(h.isScaled());
        double slope = h.slope();
        assertEquals((1000.125 + 1.5) / 65535, slope, 1e-9);
        float[] back = NiftiReader.read(p).toFloatArray();
        for (int i = 0; i < values.length; i++) {
            double expected = Float.isNaN(values[i]) ? h.intercept() - Short.MIN_VALUE * slope + 0 * slope : values[i];
            if (Float.isNaN(values[i])) {
                expected = Math.rint((0 - h.intercept()) / slope) * slope + h.intercept(); // NaN is stored as the value 0 maps to
                expected = h.intercept();
            }
            assertEquals(expected, back[i], slope / 2 + 1e-6 * Math.abs(expected), "value " + i);
        }
        // Integers that fit need no scaling.
        Volume ints = Volume.builder(new float[] {-3, 0, 200, 32767}, 4).build();
        NiftiWriter.nifti1().datatype(NiftiDatatype.INT16).write(ints, p);
        assertFalse(NiftiReader.readHeader(p).isScaled());
        assertArrayEquals(new float[] {-3, 0, 200, 32767}, NiftiReader.read(p).toFloatArray());
    }

    @Test
    void obliqueAffineWithFlipGivesAgreeingQform() throws Exception {
        Matrix4d a = new Matrix4d().rotateXYZ(0.14, -0.09, 0.21).scale(-0.9, 1.0, 1.1).setTranslation(-90, 12.5, -70);
        Volume v = Volume.builder(new float[8], 2, 2, 2).affine(a, XformCode.MNI_152).build();
        Path p = dir.resolve("oblique.nii");
        NiftiWriter.nifti2().write(v, p);
        NiftiHeader h = NiftiReader.readHeader(p);
        assertAffineClose(a, h.qformAffine(), 1e-9);
        assertAffineClose(a, h.sformAffine(), 1e-12);
        assertEquals(-1, h.pixdim()[0]);
        assertEquals(4, h.qformCode());
        assertEquals(4, h.sformCode());
    }

    @Test
    void explicitExtensionsReplaceTheKeptOnes() throws Exception {
        Volume v = NiftiReader.read(NiftiParityTest.DIR.resolve("example4d.nii.gz"));
        Path p = dir.resolve("ext.nii");
        NiftiExtension e = new NiftiExtension(6, "a comment".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        NiftiWriter.nifti1().extensions(List.of(e)).write(v, p);
        NiftiHeader h = NiftiReader.readHeader(p);
        assertEquals(1, h.extensions().size());
        assertEquals(6, h.extensions().get(0).code());
        assertEquals(32, h.extensions().get(0).sizeOnDisk());
        assertEquals(352 + 32, h.voxOffset());
    }

    @Test
    void failedWriteLeavesTheOldFileAndNoTemporaryFile() throws Exception {
        Path p = dir.resolve("keep.nii");
        NiftiWriter.nifti1().write(Volume.builder(new float[] {1, 2, 3, 4}, 4).build(), p);
        byte[] before = Files.readAllBytes(p);
        FunctionRandomAccessible<FloatType> failing = new FunctionRandomAccessible<>(3, (pos, t) -> {
            if (pos.getLongPosition(2) == 3) {
                throw new IllegalStateException("disk full (simulated)");
            }
            t.set(1);
        }, FloatType::new);
        RandomAccessibleInterval<FloatType> img = Views.interval(failing, new long[] {0, 0, 0}, new long[] {9, 9, 9});
        Volume bad = Volume.builder(img).build();
        assertThrows(IllegalStateException.class, () -> NiftiWriter.nifti1().write(bad, p));
        assertArrayEquals(before, Files.readAllBytes(p));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(p), files.toList());
        }
    }

    @Test
    void nifti1RefusesDimensionsItCannotHold() {
        Volume v = Volume.builder(ArrayImgs.unsignedBytes(40000, 1)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NiftiWriter.nifti1().write(v, dir.resolve("wide.nii")));
        assertTrue(e.getMessage().contains("NIfTI-2"), e.getMessage());
    }

    static void assertAffineClose(Matrix4d expected, Matrix4d actual, double tol) {
        assertTrue(NiftiHeader.maxDifference(expected, actual) <= tol,
                () -> "affines differ by " + NiftiHeader.maxDifference(expected, actual) + ":\n" + expected + "\n" + actual);
    }

    /** Adds what nibabel should see in {@code file} to the manifest. */
    private static void record(Path file, Volume v, NiftiHeader h) throws Exception {
        record(MANIFEST, file, v, h);
    }

    /** Adds what Gyrus reads from {@code file} to {@code manifest}, for check/nibabel_roundtrip.py. */
    static synchronized ObjectNode record(ObjectNode manifest, Path file, Volume v, NiftiHeader h) throws Exception {
        ObjectNode o = manifest.putObject(file.getFileName().toString());
        ArrayNode shape = o.putArray("shape");
        for (long d : h.shape()) {
            shape.add(d);
        }
        o.put("datatype", h.datatype().code());
        o.put("big_endian", h.isBigEndian());
        o.put("sizeof_hdr", h.sizeofHdr());
        o.put("qform_code", h.qformCode());
        o.put("sform_code", h.sformCode());
        ArrayNode aff = o.putArray("affine");
        Matrix4d a = h.bestAffine();
        for (int r = 0; r < 4; r++) {
            ArrayNode row = aff.addArray();
            for (int c = 0; c < 4; c++) {
                row.add(a.getRowColumn(r, c));
            }
        }
        ArrayNode ext = o.putArray("extensions");
        for (NiftiExtension e : h.extensions()) {
            ext.addObject().put("code", e.code()).put("size", e.sizeOnDisk());
        }
        o.put("descrip", h.descrip());
        if (h.datatype().components() > 1) {
            return o; // nibabel gives structured arrays for RGB; shape and header are checked
        }
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        double sum = 0;
        Cursor<? extends RealType<?>> c = Views.flatIterable(v.image()).cursor();
        while (c.hasNext()) {
            double x = c.next().getRealDouble();
            b.clear();
            b.putDouble(x);
            sha.update(b.array());
            if (!Double.isNaN(x)) {
                sum += x;
            }
        }
        o.put("fdata_sha256", HexFormat.of().formatHex(sha.digest()));
        o.put("nansum", sum);
        return o;
    }

    @AfterAll
    static void writeManifest() throws IOException {
        if (!MANIFEST.isEmpty()) {
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(OUT.resolve("manifest.json").toFile(), MANIFEST);
        }
    }
}
