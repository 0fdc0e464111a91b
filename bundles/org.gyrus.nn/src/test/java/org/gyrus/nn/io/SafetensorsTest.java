package org.gyrus.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {

    @TempDir
    Path dir;

    private static float[] floats(JsonNode array) {
        float[] v = new float[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) array.get(i).asDouble();
        }
        return v;
    }

    @Test
    void readsPyTorchFileWithNamesShapesAndValues() throws IOException {
        Map<String, TensorData> t = Safetensors.read(Path.of("testdata", "mha.safetensors"));
        assertEquals(List.of("in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias"), List.copyOf(t.keySet()));
        assertArrayEquals(new long[] {24, 8}, t.get("in_proj_weight").shape());
        assertEquals(DType.F32, t.get("in_proj_weight").dtype());
        assertEquals(192, t.get("in_proj_weight").toFloats().length);
        // The same weights appear as mlp.json's starting point: check one value through the MLP file.
        Map<String, TensorData> mlp = Safetensors.read(Path.of("testdata", "mlp.safetensors"));
        JsonNode ref = new ObjectMapper().readTree(Path.of("testdata", "mlp.json").toFile());
        float[] w0 = mlp.get("0.weight").toFloats();
        float[] before = floats(ref.get("sgd_momentum").get("steps").get(0).get("params_after").get("0.weight").get("data"));
        // After one SGD step the weights moved by lr * grad: before = after + lr * grad.
        float[] grad = floats(ref.get("grads").get("0.weight").get("data"));
        for (int i = 0; i < w0.length; i++) {
            assertEquals(w0[i], before[i] + 0.1f * grad[i], 1e-6);
        }
    }

    @Test
    void roundTripsEveryDtypeAndMetadata() throws IOException {
        Map<String, TensorData> t = new LinkedHashMap<>();
        t.put("f32", TensorData.ofFloats(new float[] {1.5f, -2f, Float.MIN_VALUE, 3e38f, 0f, 7f}, 2, 3));
        t.put("f64", TensorData.ofDoubles(new double[] {Math.PI, -1e-300}, 2));
        t.put("i64", TensorData.ofLongs(new long[] {Long.MIN_VALUE, 42}, 2, 1));
        t.put("i32", TensorData.ofInts(new int[] {-7}, 1));
        t.put("scalar", TensorData.ofFloats(new float[] {9f}));
        t.put("empty", TensorData.ofFloats(new float[0], 0, 4));
        t.put("u8 \"quoted\" name", TensorData.ofBytes(DType.U8, new long[] {3}, new byte[] {0, (byte) 200, 5}));
        Map<String, String> meta = Map.of("format", "pt", "note", "line\nbreak \u00e9");
        Path f = dir.resolve("sub/model.safetensors");
        Safetensors.write(f, t, meta);
        Map<String, TensorData> back = Safetensors.read(f);
        assertEquals(t, back);
        assertEquals(List.copyOf(t.keySet()), List.copyOf(back.keySet()));
        assertEquals(meta, Safetensors.readMetadata(f));
        assertArrayEquals(new double[] {Math.PI, -1e-300}, back.get("f64").toDoubles());
        assertArrayEquals(new long[] {Long.MIN_VALUE, 42}, back.get("i64").toLongs());
        assertArrayEquals(new float[] {0f, 200f, 5f}, back.get("u8 \"quoted\" name").toFloats());
        // Data starts 8-byte aligned, as the reference writer guarantees.
        ByteBuffer head = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0, head.getLong(0) % 8);
        // No temporary files left behind by the atomic write.
        try (var s = Files.list(f.getParent())) {
            assertEquals(List.of(f.getFileName().toString()), s.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void overwritesAtomically() throws IOException {
        Path f = dir.resolve("w.safetensors");
        Safetensors.write(f, Map.of("a", TensorData.ofFloats(new float[] {1f}, 1)), Map.of());
        Safetensors.write(f, Map.of("b", TensorData.ofFloats(new float[] {2f, 3f}, 2)), null);
        assertEquals(List.of("b"), List.copyOf(Safetensors.read(f).keySet()));
    }

    @Test
    void decodesHalfAndBfloat16() throws IOException {
        // 1.0, -2.0, 65504 (max half), smallest subnormal half 2^-24.
        byte[] half = {0x00, 0x3c, 0x00, (byte) 0xc0, (byte) 0xff, 0x7b, 0x01, 0x00};
        TensorData h = TensorData.ofBytes(DType.F16, new long[] {4}, half);
        assertArrayEquals(new float[] {1f, -2f, 65504f, (float) Math.pow(2, -24)}, h.toFloats());
        byte[] bf = {(byte) 0x80, 0x3f, 0x40, (byte) 0xc0};
        assertArrayEquals(new float[] {1f, -3f}, TensorData.ofBytes(DType.BF16, new long[] {2}, bf).toFloats());
    }

    private Path raw(String name, long headerLen, String header, int dataBytes) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(headerLen).put(h);
        Path f = dir.resolve(name);
        Files.write(f, b.array());
        return f;
    }

    private Path raw(String name, String header, int dataBytes) throws IOException {
        return raw(name, header.getBytes(StandardCharsets.UTF_8).length, header, dataBytes);
    }

    private void assertRefused(Path f, String fragment) {
        IOException e = assertThrows(IOException.class, () -> Safetensors.read(f));
        assertTrue(e.getMessage().contains(f.toString()), "message names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(fragment), "message explains: " + e.getMessage());
    }

    @Test
    void refusesHostileFilesWithClearErrors() throws IOException {
        String ok = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        assertRefused(raw("huge.st", Long.MAX_VALUE, ok, 8), "header length");
        assertRefused(raw("neg.st", -5, ok, 8), "header length");
        assertRefused(raw("beyond.st", ok.length() + 100, ok, 8), "header length");
        assertRefused(raw("offsets.st", ok.replace("[0,8]", "[0,4000000000]").replace("[2]", "[1000000000]"), 8), "outside");
        assertRefused(raw("mismatch.st", ok.replace("[0,8]", "[0,4]"), 8), "needs 8 bytes");
        assertRefused(raw("overflow.st", ok.replace("[2]", "[4611686018427387904,4]"), 8), "overflows");
        assertRefused(raw("dtype.st", ok.replace("F32", "X9"), 8), "unsupported dtype");
        assertRefused(raw("json.st", ok.substring(0, ok.length() - 1) + "]", 8), "invalid JSON");
        assertRefused(raw("deep.st", 2002, "[".repeat(1001) + "]".repeat(1001), 0), "does not start");
        assertRefused(raw("nest.st", 2003, "{\"a\":" + "[".repeat(999) + "]".repeat(999) + "}", 0), "nesting");
        Path tiny = dir.resolve("tiny.st");
        Files.write(tiny, new byte[] {1, 2, 3});
        assertRefused(tiny, "not a safetensors file");
    }
}
