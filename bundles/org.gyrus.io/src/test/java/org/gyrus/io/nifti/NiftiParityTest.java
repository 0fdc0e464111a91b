package org.gyrus.io.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import net.imglib2.Cursor;
import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedLongType;
import net.imglib2.view.Views;

import org.gyrus.data.Volume;
import org.joml.Matrix4d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file of the shared NIfTI test set, read and compared with what nibabel 5.0.0 reports (refs.json). */
class NiftiParityTest {

    static final Path DIR = Path.of("testdata/nifti");

    static Stream<JsonNode> readableFiles() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode f : new ObjectMapper().readTree(DIR.resolve("refs.json").toFile()).get("files")) {
            if (f.get("loads").asBoolean()) {
                out.add(f);
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readableFiles")
    void headerMatchesNibabel(JsonNode ref) throws IOException {
        Path file = DIR.resolve(ref.get("file").asText());
        NiftiHeader h = NiftiReader.readHeader(file);
        assertEquals(ref.get("sizeof_hdr").asInt(), h.sizeofHdr());
        assertEquals(ref.get("big_endian").asBoolean(), h.isBigEndian());
        assertArrayEquals(longs(ref.get("shape")), h.shape());
        assertEquals(ref.get("datatype").asInt(), h.datatype().code());
        assertEquals(ref.get("bitpix").asInt(), h.bitpix());
        for (int i = 1; i < 8; i++) {
            assertEquals(ref.get("pixdim").get(i).asDouble(), h.pixdim()[i], 1e-6, "pixdim[" + i + "]");
        }
        assertEquals(ref.get("scl_slope").asDouble(), h.slope(), 1e-12);
        assertEquals(ref.get("scl_inter").asDouble(), h.intercept(), 1e-9);
        assertEquals(ref.get("descrip").asText(), h.descrip());
        if (ref.has("qform_code")) {
            assertEquals(ref.get("qform_code").asInt(), h.qformCode());
            assertEquals(ref.get("sform_code").asInt(), h.sformCode());
            assertEquals(ref.get("intent_code").asInt(), h.intentCode());
            assertEquals(ref.get("xyzt_units").asInt(), h.xyztUnits());
            assertEquals(ref.get("dim_info").asInt(), h.dimInfo());
        } else {
            assertEquals(NiftiHeader.Format.ANALYZE, h.format());
        }
        assertAffine(ref.get("best_affine"), h.bestAffine());
        if (ref.has("qform_affine")) {
            assertAffine(ref.get("qform_affine"), h.qformAffine());
        }
        if (ref.has("sform_affine")) {
            assertAffine(ref.get("sform_affine"), h.sformAffine());
        }
        JsonNode ext = ref.get("extensions");
        int n = ext == null ? 0 : ext.size();
        assertEquals(n, h.extensions().size());
        for (int i = 0; i < n; i++) {
            assertEquals(ext.get(i).get("code").asInt(), h.extensions().get(i).code());
            assertEquals(ext.get(i).get("size").asInt(), h.extensions().get(i).sizeOnDisk());
        }
        assertTrue(h.warnings().isEmpty(), () -> "unexpected warnings " + h.warnings());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readableFiles")
    void rawDataDigestMatchesNibabel(JsonNode ref) throws Exception {
        Path file = DIR.resolve(ref.get("file").asText());
        NiftiHeader h = NiftiReader.readHeader(file);
        // refs.json hashes nibabel's *scaled* data cast back to the disk type (np.asanyarray(img.dataobj)
        // .astype(disk_dtype)), which is the stored data only when no scaling applies; do the same.
        Volume v = h.isScaled() ? NiftiReader.read(file, NiftiReader.OutputType.FLOAT64) : NiftiReader.readStored(file);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        VoxelKind kind = VoxelKind.componentOf(h.datatype());
        int comps = h.datatype().components();
        long voxels = h.voxelCount();
        ByteBuffer one = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        // Re-encode what was read, little-endian, components interleaved as on disk, x fastest.
        RandomAccess<? extends RealType<?>> ra = v.image().randomAccess();
        long[] dims = v.dimensions();
        long[] pos = new long[dims.length];
        for (long vox = 0; vox < voxels; vox++) {
            long rest = vox;
            for (int d = 0; d < (comps > 1 ? dims.length - 1 : dims.length); d++) {
                pos[d] = rest % dims[d];
                rest /= dims[d];
            }
            for (int c = 0; c < comps; c++) {
                if (comps > 1) {
                    pos[dims.length - 1] = c;
                }
                ra.setPosition(pos);
                RealType<?> t = ra.get();
                one.clear();
                switch (kind) {
                    case INT8, UINT8 -> one.put((byte) t.getRealDouble());
                    case INT16, UINT16 -> one.putShort((short) (long) t.getRealDouble());
                    case INT32, UINT32 -> one.putInt((int) (long) t.getRealDouble());
                    case INT64 -> one.putLong((long) t.getRealDouble());
                    case UINT64 -> one.putLong(((UnsignedLongType) t).getLong());
                    case FLOAT32 -> one.putFloat(t.getRealFloat());
                    case FLOAT64 -> one.putDouble(t.getRealDouble());
                }
                sha.update(one.array(), 0, one.position());
            }
        }
        assertEquals(ref.get("raw_sha256").asText(), HexFormat.of().formatHex(sha.digest()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readableFiles")
    void scaledStatisticsAndSamplesMatchNibabel(JsonNode ref) throws IOException {
        if (!ref.has("scaled")) {
            return; // RGB: nibabel gives no scaled data
        }
        Path file = DIR.resolve(ref.get("file").asText());
        for (NiftiReader.OutputType type : NiftiReader.OutputType.values()) {
            Volume v = NiftiReader.read(file, type);
            assertArrayEquals(longs(ref.get("shape")), v.dimensions());
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            long count = 0;
            long nan = 0;
            Cursor<? extends RealType<?>> c = Views.flatIterable(v.image()).cursor();
            while (c.hasNext()) {
                double x = c.next().getRealDouble();
                if (Double.isNaN(x)) {
                    nan++;
                    continue;
                }
                min = Math.min(min, x);
                max = Math.max(max, x);
                sum += x;
                count++;
            }
            JsonNode s = ref.get("scaled");
            assertEquals(s.get("nan_count").asLong(), nan, type.toString());
            assertRelative(s.get("min").asDouble(), min, type + " min");
            assertRelative(s.get("max").asDouble(), max, type + " max");
            assertRelative(s.get("sum").asDouble(), sum, type + " sum");
            assertRelative(s.get("mean").asDouble(), sum / count, type + " mean");
            RandomAccess<? extends RealType<?>> ra = v.image().randomAccess();
            for (JsonNode sample : ref.get("samples")) {
                ra.setPosition(longs(sample.get("index")));
                if (sample.get("value").isNull()) { // JSON has no NaN: refs.json writes null
                    assertTrue(Double.isNaN(ra.get().getRealDouble()), type + " voxel " + sample.get("index"));
                    continue;
                }
                assertRelative(sample.get("value").asDouble(), ra.get().getRealDouble(), type + " voxel " + sample.get("index"));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readableFiles")
    void volumeCarriesAffineCodeAndVoxelSizes(JsonNode ref) throws IOException {
        Path file = DIR.resolve(ref.get("file").asText());
        Volume v = NiftiReader.read(file);
        assertAffine(ref.get("best_affine"), v.affine());
        int code = ref.path("sform_code").asInt(0) > 0 ? ref.get("sform_code").asInt() : ref.path("qform_code").asInt(0);
        assertEquals(code, v.xformCode().code());
        for (int i = 0; i < ref.get("shape").size(); i++) {
            if (ref.get("pixdim").get(i + 1).asDouble() == 0) {
                assertEquals(1.0, v.voxelSizes()[i]); // an unset pixdim is read as 1
                continue;
            }
            assertEquals(Math.abs(ref.get("pixdim").get(i + 1).asDouble()), v.voxelSizes()[i], 1e-6);
        }
    }

    /** The stored int16 data of the scaled files; digest from nibabel 5.0.0 {@code dataobj.get_unscaled()} (little-endian, x fastest). */
    @Test
    void storedDataOfScaledFilesAreTheFileBytes() throws Exception {
        for (String f : List.of("functional.nii", "functional_pair.hdr")) {
            Volume v = NiftiReader.readStored(DIR.resolve(f));
            ByteBuffer b = ByteBuffer.allocate((int) v.voxelCount() * 2).order(ByteOrder.LITTLE_ENDIAN);
            Cursor<? extends RealType<?>> c = Views.flatIterable(v.image()).cursor();
            while (c.hasNext()) {
                b.putShort((short) c.next().getRealDouble());
            }
            assertEquals("bc5d73de66b594cb9d76d61d76db06b4caadff434f44aa390cb5a1055e7b971e",
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.array())), f);
        }
    }

    @Test
    void notNiftiIsRefusedNamingFileAndField() {
        NiftiFormatException e = assertThrows(NiftiFormatException.class, () -> NiftiReader.read(DIR.resolve("not-nifti.nii")));
        assertEquals("sizeof_hdr", e.field());
        assertTrue(e.getMessage().contains("not-nifti.nii"), e.getMessage());
        assertTrue(e.getMessage().contains("not a NIfTI or Analyze file"), e.getMessage());
    }

    /** refs.json records nibabel's in-memory vox_offset (always 0 after loading); these are the offsets in the files. */
    @Test
    void voxOffsetIsTakenFromTheFile() throws IOException {
        assertEquals(416, NiftiReader.readHeader(DIR.resolve("example4d.nii.gz")).voxOffset());
        assertEquals(736, NiftiReader.readHeader(DIR.resolve("with_extension.nii.gz")).voxOffset());
        assertEquals(0, NiftiReader.readHeader(DIR.resolve("functional_pair.hdr")).voxOffset());
        assertEquals(352, NiftiReader.readHeader(DIR.resolve("functional.nii")).voxOffset());
    }

    @Test
    void pairMayBeNamedByEitherHalf() throws IOException {
        Volume a = NiftiReader.read(DIR.resolve("functional_pair.hdr"));
        Volume b = NiftiReader.read(DIR.resolve("functional_pair.img"));
        assertArrayEquals(a.toFloatArray(), b.toFloatArray());
        assertArrayEquals(NiftiReader.read(DIR.resolve("functional.nii")).toFloatArray(), a.toFloatArray());
    }

    @Test
    void rgbComponentsGoOnTheFifthAxis() throws IOException {
        Volume v = NiftiReader.read(DIR.resolve("rgb24.nii"));
        assertArrayEquals(new long[] {4, 5, 6, 1, 3}, v.dimensions());
        assertEquals("rgb24", v.metadata().get(NiftiMetadata.DATATYPE));
    }

    @Test
    void metadataKeepsHeaderFieldsAndExtensions() throws IOException {
        Volume v = NiftiReader.read(DIR.resolve("example4d.nii.gz"));
        assertEquals("57", v.metadata().get(NiftiMetadata.DIM_INFO));
        assertEquals("10", v.metadata().get(NiftiMetadata.XYZT_UNITS));
        List<NiftiExtension> ext = NiftiMetadata.extensions(v.metadata());
        assertEquals(2, ext.size());
        assertEquals(6, ext.get(0).code());
        assertEquals(org.gyrus.data.SpatialUnit.MM, v.spatialUnit());
        assertEquals(org.gyrus.data.TemporalUnit.SEC, v.temporalUnit()); // xyzt_units 10 = mm + s
        assertFalse(Boolean.parseBoolean(v.metadata().get(NiftiMetadata.BIG_ENDIAN)));
    }

    static void assertAffine(JsonNode expected, Matrix4d actual) {
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                assertEquals(expected.get(r).get(c).asDouble(), actual.getRowColumn(r, c), 1e-5, "affine[" + r + "][" + c + "]");
            }
        }
    }

    static void assertRelative(double expected, double actual, String what) {
        assertEquals(expected, actual, Math.max(1e-6 * Math.abs(expected), 1e-9), what);
    }

    static long[] longs(JsonNode a) {
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asLong();
        }
        return out;
    }
}
