package org.gyrus.nn.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the <a href="https://github.com/huggingface/safetensors">safetensors</a> format:
 * an 8-byte little-endian header length, a JSON header naming each tensor's dtype, shape and byte
 * range (plus optional string metadata under {@code __metadata__}), then the raw little-endian data.
 *
 * <p>Files written here load with Python's {@code safetensors.torch.load_file} and vice versa.
 * Reading validates the header against the file before allocating anything, so a corrupt or
 * hostile file yields an {@link IOException} naming the file rather than an out-of-memory error.
 * Writing is atomic: readers see the old file or the complete new one.
 */
public final class Safetensors {

    /** The format's own limit on the header size. */
    static final long MAX_HEADER = 100L * 1024 * 1024;
    private static final String METADATA = "__metadata__";

    private Safetensors() {
    }

    /**
     * Reads every tensor of a file, in header order.
     *
     * @param file the safetensors file
     * @return tensors by name
     * @throws IOException if the file cannot be read or is not valid safetensors
     */
    public static Map<String, TensorData> read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Header h = header(file, ch);
            Map<String, TensorData> out = new LinkedHashMap<>();
            for (Entry e : h.entries) {
                ByteBuffer buf = ByteBuffer.allocate((int) (e.end - e.begin));
                long pos = h.dataStart + e.begin;
                while (buf.hasRemaining()) {
                    int n = ch.read(buf, pos);
                    if (n < 0) {
                        throw new IOException(file + ": unexpected end of file in tensor \"" + e.name + "\"");
                    }
                    pos += n;
                }
                out.put(e.name, TensorData.owning(e.dtype, e.shape, buf.array()));
            }
            return out;
        }
    }

    /**
     * Reads the string metadata of a file (empty if it has none).
     *
     * @param file the safetensors file
     * @return metadata in header order
     * @throws IOException if the file cannot be read or is not valid safetensors
     */
    public static Map<String, String> readMetadata(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return header(file, ch).metadata;
        }
    }

    /**
     * Writes tensors (in the map's iteration order) and metadata to a file, atomically replacing
     * any existing file.
     *
     * @param file     the target file
     * @param tensors  tensors by name; names must not be {@code __metadata__}
     * @param metadata string metadata, may be empty or null
     * @throws IOException if writing fails; the target is then unchanged
     */
    public static void write(Path file, Map<String, TensorData> tensors, Map<String, String> metadata)
            throws IOException {
        StringBuilder json = new StringBuilder("{");
        boolean first = true;
        if (metadata != null && !metadata.isEmpty()) {
            Json.writeString(json, METADATA);
            json.append(":{");
            boolean firstMeta = true;
            for (Map.Entry<String, String> m : metadata.entrySet()) {
                if (!firstMeta) {
                    json.append(',');
                }
                firstMeta = false;
                Json.writeString(json, m.getKey());
                json.append(':');
                Json.writeString(json, String.valueOf(m.getValue()));
            }
            json.append('}');
            first = false;
        }
        long offset = 0;
        for (Map.Entry<String, TensorData> t : tensors.entrySet()) {
            if (METADATA.equals(t.getKey())) {
                throw new IllegalArgumentException("tensor name " + METADATA + " is reserved");
            }
            TensorData d = t.getValue();
            if (!first) {
                json.append(',');
            }
            first = false;
            Json.writeString(json, t.getKey());
            json.append(":{\"dtype\":\"").append(d.dtype().name()).append("\",\"shape\":[");
            long[] shape = d.shape();
            for (int i = 0; i < shape.length; i++) {
                json.append(i == 0 ? "" : ",").append(shape[i]);
            }
            long end = offset + d.byteLength();
            json.append("],\"data_offsets\":[").append(offset).append(',').append(end).append("]}");
            offset = end;
        }
        json.append('}');
        byte[] header = json.toString().getBytes(StandardCharsets.UTF_8);
        // Pad with spaces so the data starts 8-byte aligned, as the reference writer does.
        int padded = (header.length + 7) / 8 * 8;
        byte[] headerBytes = Arrays.copyOf(header, padded);
        Arrays.fill(headerBytes, header.length, padded, (byte) ' ');

        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
                len.flip();
                writeFully(ch, len);
                writeFully(ch, ByteBuffer.wrap(headerBytes));
                for (TensorData d : tensors.values()) {
                    writeFully(ch, ByteBuffer.wrap(d.rawBytes()));
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    private record Entry(String name, DType dtype, long[] shape, long begin, long end) {
    }

    private record Header(List<Entry> entries, Map<String, String> metadata, long dataStart) {
    }

    private static Header header(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < 8) {
            throw new IOException(file + ": not a safetensors file (" + size + " bytes, shorter than the 8-byte header length)");
        }
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(file, ch, lenBuf, 0);
        long headerLen = lenBuf.getLong(0);
        if (headerLen < 2 || headerLen > MAX_HEADER || headerLen > size - 8) {
            throw new IOException(file + ": not a safetensors file: header length " + Long.toUnsignedString(headerLen)
                    + " is impossible for a file of " + size + " bytes (limit " + MAX_HEADER + ")");
        }
        ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
        readFully(file, ch, hb, 8);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(hb.flip()).toString();
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": safetensors header is not valid UTF-8", e);
        }
        if (!text.startsWith("{")) {
            throw new IOException(file + ": not a safetensors file: header does not start with '{'");
        }
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": safetensors header: " + e.getMessage(), e);
        }
        if (!(parsed instanceof Map<?, ?> root)) {
            throw new IOException(file + ": safetensors header is not a JSON object");
        }
        long dataStart = 8 + headerLen;
        long dataSize = size - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new java.util.ArrayList<>();
        for (Map.Entry<?, ?> kv : root.entrySet()) {
            String name = (String) kv.getKey();
            if (METADATA.equals(name)) {
                if (!(kv.getValue() instanceof Map<?, ?> meta)) {
                    throw new IOException(file + ": " + METADATA + " must be an object of strings");
                }
                for (Map.Entry<?, ?> m : meta.entrySet()) {
                    if (!(m.getValue() instanceof String v)) {
                        throw new IOException(file + ": metadata \"" + m.getKey() + "\" is not a string");
                    }
                    metadata.put((String) m.getKey(), v);
                }
                continue;
            }
            entries.add(entry(file, name, kv.getValue(), dataSize));
        }
        return new Header(entries, Collections.unmodifiableMap(metadata), dataStart);
    }

    private static Entry entry(Path file, String name, Object value, long dataSize) throws IOException {
        String where = file + ": tensor \"" + name + "\"";
        if (!(value instanceof Map<?, ?> info)) {
            throw new IOException(where + ": entry is not an object");
        }
        if (!(info.get("dtype") instanceof String dtypeName)) {
            throw new IOException(where + ": missing dtype");
        }
        DType dtype = DType.named(dtypeName);
        if (dtype == null) {
            throw new IOException(where + ": unsupported dtype " + dtypeName);
        }
        if (!(info.get("shape") instanceof List<?> shapeList)) {
            throw new IOException(where + ": missing shape");
        }
        long[] shape = new long[shapeList.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            if (!(shapeList.get(i) instanceof Long d) || d < 0) {
                throw new IOException(where + ": bad shape " + shapeList);
            }
            shape[i] = d;
            try {
                count = Math.multiplyExact(count, d);
            } catch (ArithmeticException e) {
                throw new IOException(where + ": shape " + shapeList + " overflows");
            }
        }
        if (!(info.get("data_offsets") instanceof List<?> off) || off.size() != 2
                || !(off.get(0) instanceof Long begin) || !(off.get(1) instanceof Long end)) {
            throw new IOException(where + ": data_offsets must be two integers");
        }
        if (begin < 0 || end < begin || end > dataSize) {
            throw new IOException(where + ": data_offsets [" + begin + ", " + end + "] outside the "
                    + dataSize + "-byte data section");
        }
        long expected;
        try {
            expected = Math.multiplyExact(count, (long) dtype.bytes());
        } catch (ArithmeticException e) {
            throw new IOException(where + ": shape " + shapeList + " overflows");
        }
        if (end - begin != expected) {
            throw new IOException(where + ": " + dtype + " " + shapeList + " needs " + expected
                    + " bytes but data_offsets span " + (end - begin));
        }
        if (expected > Integer.MAX_VALUE - 8) {
            throw new IOException(where + ": " + expected + " bytes is too large for one array");
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    private static void readFully(Path file, FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException(file + ": unexpected end of file");
            }
            pos += n;
        }
    }
}
