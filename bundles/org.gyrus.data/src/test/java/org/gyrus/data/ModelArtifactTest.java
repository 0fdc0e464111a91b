package org.gyrus.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.gyrus.nn.io.DType;
import org.gyrus.nn.io.Safetensors;
import org.gyrus.nn.io.TensorData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelArtifactTest {

    private static final Path MLP = Path.of("testdata/mlp.safetensors");

    @TempDir
    Path dir;

    @Test
    void readsThePyTorchWrittenMlpWithTheShapesOfItsReference() throws IOException {
        JsonNode ref = new ObjectMapper().readTree(Path.of("testdata/mlp.json").toFile());
        ModelArtifact mlp = ModelArtifact.load(MLP);
        assertEquals(ModelArtifact.FOREIGN_KIND, mlp.kind());
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(mlp.tensors().keySet()));
        for (String name : mlp.tensors().keySet()) {
            long[] expected = new ObjectMapper().convertValue(ref.get("grads").get(name).get("shape"), long[].class);
            assertArrayEquals(expected, mlp.tensor(name).shape(), name);
            assertEquals(DType.F32, mlp.tensor(name).dtype());
        }
    }

    @Test
    void theWeightsReadGiveThePyTorchOutput() throws IOException {
        // Linear(8,16) -> ReLU -> Linear(16,4) with PyTorch's [out, in] weight layout.
        JsonNode ref = new ObjectMapper().readTree(Path.of("testdata/mlp.json").toFile());
        ModelArtifact mlp = ModelArtifact.load(MLP);
        float[] x = floats(ref.get("x").get("data"));
        int batch = ref.get("x").get("shape").get(0).asInt();
        float[] expected = floats(ref.get("output").get("data"));
        float[] w0 = mlp.tensor("0.weight").toFloats();
        float[] b0 = mlp.tensor("0.bias").toFloats();
        float[] w2 = mlp.tensor("2.weight").toFloats();
        float[] b2 = mlp.tensor("2.bias").toFloats();
        for (int n = 0; n < batch; n++) {
            double[] h = new double[16];
            for (int o = 0; o < 16; o++) {
                double s = b0[o];
                for (int i = 0; i < 8; i++) {
                    s += w0[o * 8 + i] * x[n * 8 + i];
                }
                h[o] = Math.max(0, s);
            }
            for (int o = 0; o < 4; o++) {
                double s = b2[o];
                for (int i = 0; i < 16; i++) {
                    s += w2[o * 16 + i] * h[i];
                }
                assertEquals(expected[n * 4 + o], s, 1e-5 * Math.max(1, Math.abs(expected[n * 4 + o])), "output " + n + "," + o);
            }
        }
    }

    @Test
    void writesFilesTheReaderGetsBackBitForBit() throws IOException {
        ModelArtifact mlp = ModelArtifact.load(MLP);
        Path copy = dir.resolve("copy.safetensors");
        mlp.save(copy);
        ModelArtifact back = ModelArtifact.load(copy);
        for (String name : mlp.tensors().keySet()) {
            assertArrayEquals(mlp.tensor(name).bytes(), back.tensor(name).bytes(), name);
        }
        // The layout PyTorch expects: header length, JSON padded to 8 bytes, data in order.
        byte[] file = Files.readAllBytes(copy);
        long headerLength = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLength % 8);
        JsonNode header = new ObjectMapper().readTree(new String(file, 8, (int) headerLength, "UTF-8"));
        assertEquals("pt", header.get("__metadata__").get("format").asText());
        assertEquals("[0,512]", header.get("0.weight").get("data_offsets").toString());
        assertEquals(8 + headerLength + 848, file.length);
    }

    @Test
    void rewritingThePyTorchFileReproducesItByteForByte() throws IOException {
        // Same tensors, no metadata: our writer lays the file out exactly as the reference
        // safetensors writer did, so what we write is what PyTorch's loader expects.
        Path copy = dir.resolve("same.safetensors");
        Safetensors.write(copy, Safetensors.read(MLP), Map.of());
        assertArrayEquals(Files.readAllBytes(MLP), Files.readAllBytes(copy));
    }

    @Test
    void roundTripsKindMetadataAndEveryTensorType() throws IOException {
        ModelArtifact a = ModelArtifact.builder("org.gyrus.preprocess.simple-imputer")
                .metadata("strategy", "median").metadata("columns", List.of("age", "score")).metadata("n_samples", 333)
                .metadata("options", Map.of("add_indicator", true))
                .tensor("statistics", TensorData.ofDoubles(new double[] {44.45, 0.1 + 0.2}, 2))
                .tensor("weights", TensorData.ofFloats(new float[] {1.5f, -2f, 3f, Float.NaN, 0f, 1e-30f}, 2, 3))
                .tensor("counts", TensorData.ofLongs(new long[] {Long.MAX_VALUE, -1}, 2))
                .build();
        Path f = dir.resolve("imputer.safetensors");
        a.save(f);
        ModelArtifact b = ModelArtifact.load(f);
        assertEquals(a, b);
        assertEquals("median", b.get("strategy", String.class));
        assertEquals(List.of("age", "score"), b.strings("columns"));
        assertArrayEquals(new double[] {44.45, 0.30000000000000004}, b.tensor("statistics").toDoubles());
        assertArrayEquals(new long[] {2, 3}, b.tensor("weights").shape());
        assertArrayEquals(new long[] {Long.MAX_VALUE, -1}, b.tensor("counts").toLongs());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.tensor("mean"));
        assertTrue(e.getMessage().contains("no tensor 'mean'"), e.getMessage());
    }

    @Test
    void aSavedModelGetsTheUmaskPermissionsAndNoTemporaryStays() throws IOException {
        ModelArtifact a = ModelArtifact.builder("k").tensor("w", TensorData.ofDoubles(new double[] {1, 2}, 2)).build();
        Path f = dir.resolve("shared/model.safetensors");
        a.save(f);
        Path plain = Files.createFile(dir.resolve("shared/plain"));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(f), "not 0600");
        Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        a.save(f);
        assertEquals("rw-r-----", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        try (var s = Files.list(dir.resolve("shared"))) {
            assertEquals(2, s.count(), "the model and the probe file only");
        }
        assertEquals(a, ModelArtifact.load(f));
    }

    @Test
    void corruptFilesGiveAnErrorNamingTheFile() throws IOException {
        byte[] good = Files.readAllBytes(MLP);
        Path truncated = dir.resolve("truncated.safetensors");
        Files.write(truncated, java.util.Arrays.copyOf(good, good.length - 100));
        assertMessage(truncated, "tensor \"2.weight\": data_offsets [576, 832] outside the 748-byte data section");

        Path absurd = dir.resolve("absurd.safetensors");
        byte[] b = good.clone();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1L << 40);
        Files.write(absurd, b);
        assertMessage(absurd, "header length 1099511627776");

        Path tiny = dir.resolve("tiny.safetensors");
        Files.write(tiny, new byte[] {1, 2, 3});
        assertMessage(tiny, "shorter than the 8-byte header length");

        Path notJson = dir.resolve("garbage.safetensors");
        byte[] g = new byte[40];
        ByteBuffer.wrap(g).order(ByteOrder.LITTLE_ENDIAN).putLong(16);
        Files.write(notJson, g);
        assertMessage(notJson, "not a safetensors file: header does not start with '{'");
    }

    private void assertMessage(Path file, String part) {
        IOException e = assertThrows(IOException.class, () -> ModelArtifact.load(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(part), e.getMessage());
    }

    private static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }

    @Test
    void kindAndSchemaVersionSurviveSavingAndAreChecked() throws IOException {
        Path file = dir.resolve("scaler.safetensors");
        ModelArtifact.builder("org.example.scaler").schema(2).metadata("columns", List.of("age"))
                .tensor("scale", TensorData.ofDoubles(new double[] {2}, 1)).build().save(file);
        ModelArtifact m = ModelArtifact.load(file);
        assertEquals(2, m.schema());
        assertEquals(m, m.require(2, "a scaler", "org.example.scaler"));

        IllegalArgumentException newer = assertThrows(IllegalArgumentException.class, () -> m.require(1, "a scaler", "org.example.scaler"));
        assertEquals("The org.example.scaler model was saved with schema version 2, newer than version 1, the newest this plug-in "
                + "reads; update Gyrus to use it", newer.getMessage());
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> m.require(5, "a PCA fitted by 'PCA (fit)'", "org.gyrus.reduce.pca"));
        assertEquals("This needs a PCA fitted by 'PCA (fit)' (kind org.gyrus.reduce.pca), but the model is a org.example.scaler model",
                other.getMessage());
        IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class,
                () -> ModelArtifact.load(MLP).require(1, "a preprocessing model", List.of("a", "b")));
        assertTrue(foreign.getMessage().endsWith("(one of the kinds a, b), but the model is a plain safetensors file without Gyrus metadata"),
                foreign.getMessage());
    }

    @Test
    void filesWithoutASchemaVersionAreVersionOne() throws IOException {
        Path file = dir.resolve("old.safetensors");
        Safetensors.write(file, Map.of("x", TensorData.ofDoubles(new double[] {1}, 1)),
                Map.of("format", "pt", "gyrus.kind", "org.example.old", "gyrus.metadata", "{}"));
        assertEquals(1, ModelArtifact.load(file).schema());
        Safetensors.write(file, Map.of("x", TensorData.ofDoubles(new double[] {1}, 1)),
                Map.of("format", "pt", "gyrus.kind", "org.example.old", "gyrus.schema", "two"));
        IOException e = assertThrows(IOException.class, () -> ModelArtifact.load(file));
        assertTrue(e.getMessage().contains("schema version in its header, 'two', is not a whole number"), e.getMessage());
    }

    @Test
    void malformedContentGivesOneClearMessageNotAClassCastException() {
        ModelArtifact m = ModelArtifact.builder("org.example.encoder").metadata("categories", List.of("not a list")).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.read(a -> ((List<?>) a.get("categories", List.class).get(0)).size()));
        assertTrue(e.getMessage().startsWith("The org.example.encoder model (schema version 1) is incomplete or damaged"), e.getMessage());
        assertTrue(e.getCause() instanceof ClassCastException);
        assertEquals(10, m.read(a -> a.strings("categories").get(0).length()));
    }
}
