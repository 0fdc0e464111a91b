package org.gyrus.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The safetensors format of Hugging Face, which PyTorch models are shared in: an 8-byte
 * little-endian header length, a JSON header mapping each tensor name to its dtype, shape and byte
 * range (plus an optional {@code __metadata__} map of strings), then the tensors' bytes.
 * Reading checks every offset against the file, so a corrupt or hostile file gives an error that
 * names it instead of a huge allocation.
 */
public final class Safetensors {

    /** The largest header we accept (the reference implementation's limit is 100 MB). */
    static final long MAX_HEADER = 100L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The content of a safetensors file.
     *
     * @param tensors  tensors by name, in file order
     * @param metadata the {@code __metadata__} strings (empty if absent)
     */
    public record Content(Map<String, Tensor> tensors, Map<String, String> metadata) {
        /** Copies the maps. */
        public Content {
            tensors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
            metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }
    }

    private Safetensors() {
    }

    /**
     * Reads a safetensors file.
     *
     * @throws IOException naming the file and what is wrong with it
     */
    public static Content read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw bad(file, "it is " + size + " bytes long, shorter than the 8-byte header length");
            }
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, len, 0, file);
            long headerLength = len.getLong(0);
            if (headerLength < 2 || headerLength > MAX_HEADER || headerLength > size - 8) {
                throw bad(file, "its header length " + Long.toUnsignedString(headerLength) + " is impossible for a file of "
                        + size + " bytes");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLength);
            readFully(ch, header, 8, file);
            JsonNode root;
            try {
                root = JSON.readTree(new String(header.array(), StandardCharsets.UTF_8));
            } catch (JsonProcessingException e) {
                throw bad(file, "its header is not valid JSON (" + e.getOriginalMessage() + ")");
            }
            if (root == null || !root.isObject()) {
                throw bad(file, "its header is not a JSON object");
            }
            long dataStart = 8 + headerLength;
            long dataLength = size - dataStart;
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            Map<String, String> metadata = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("__metadata__")) {
                    e.getValue().fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                    continue;
                }
                tensors.put(e.getKey(), tensor(file, e.getKey(), e.getValue(), ch, dataStart, dataLength));
            }
            return new Content(tensors, metadata);
        }
    }

    private static Tensor tensor(Path file, String name, JsonNode info, FileChannel ch, long dataStart, long dataLength)
            throws IOException {
        Tensor.DType dtype;
        try {
            dtype = Tensor.DType.valueOf(info.path("dtype").asText());
        } catch (IllegalArgumentException e) {
            throw bad(file, "tensor '" + name + "' has dtype '" + info.path("dtype").asText() + "', which Gyrus does not read");
        }
        JsonNode shapeNode = info.path("shape");
        JsonNode offsets = info.path("data_offsets");
        if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2) {
            throw bad(file, "tensor '" + name + "' lacks a shape or data_offsets");
        }
        long[] shape = new long[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asLong(-1);
        }
        long begin = offsets.get(0).asLong(-1);
        long end = offsets.get(1).asLong(-1);
        long expected;
        try {
            expected = Math.multiplyExact(Tensor.elementCount(shape), dtype.size());
        } catch (ArithmeticException | IllegalArgumentException e) {
            throw bad(file, "tensor '" + name + "' has an impossible shape " + shapeNode);
        }
        if (begin < 0 || end < begin || end > dataLength || end - begin != expected) {
            throw bad(file, "tensor '" + name + "' claims bytes " + begin + " to " + end + " but its shape needs " + expected
                    + " bytes and the data section has " + dataLength);
        }
        if (expected > Integer.MAX_VALUE - 8) {
            throw bad(file, "tensor '" + name + "' is larger than 2 GiB");
        }
        ByteBuffer bytes = ByteBuffer.allocate((int) expected);
        readFully(ch, bytes, dataStart + begin, file);
        return new Tensor(dtype, shape, bytes.array());
    }

    /**
     * Writes tensors (in the given order) and metadata to a safetensors file that PyTorch's
     * {@code safetensors.torch.load_file} reads. Written atomically.
     *
     * @throws IOException naming the file if it cannot be written
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode m = header.putObject("__metadata__");
            metadata.forEach(m::put);
        }
        long offset = 0;
        List<byte[]> blocks = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                throw new IllegalArgumentException("'__metadata__' cannot name a tensor");
            }
            Tensor t = e.getValue();
            byte[] b = t.bytes();
            ObjectNode info = header.putObject(e.getKey());
            info.put("dtype", t.dtype().name());
            var shape = info.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            info.putArray("data_offsets").add(offset).add(offset + b.length);
            offset += b.length;
            blocks.add(b);
        }
        byte[] json = JSON.writeValueAsBytes(header);
        // Pad the header with spaces so the data starts 8-byte aligned, as the reference writer does.
        int padded = (json.length + 7) / 8 * 8;
        byte[] head = new byte[8 + padded];
        ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
        System.arraycopy(json, 0, head, 8, json.length);
        java.util.Arrays.fill(head, 8 + json.length, head.length, (byte) ' ');
        AtomicFile.write(file, out -> {
            out.write(head);
            for (byte[] b : blocks) {
                out.write(b);
            }
        });
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position, Path file) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw bad(file, "it ends early, at byte " + pos);
            }
            pos += n;
        }
    }

    private static IOException bad(Path file, String why) {
        return new IOException(file + " is not a readable safetensors file: " + why);
    }
}
