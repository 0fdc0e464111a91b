package org.gyrus.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Text chunks of PNG files (PNG specification, section 11.3.4): writes a compressed {@code iTXt}
 * chunk (UTF-8) just before the image data, and reads {@code tEXt}, {@code zTXt} and {@code iTXt}
 * chunks by keyword. Any PNG reader shows them as the image's text metadata (Pillow's
 * {@code Image.text}, {@code exiftool}, {@code pngcheck -t}); Gyrus stamps its figures with the
 * pipeline that drew them this way.
 *
 * <p>Reading checks the signature, every chunk's length and the CRC of the chunk it returns, and
 * bounds decompressed text at {@link #MAX_TEXT_BYTES}, so a damaged or hostile file gives an
 * {@link IOException} saying what is wrong, never a hang or an out-of-memory error.
 */
public final class PngText {

    /** The largest decompressed text read (16 MiB): more is taken for a damaged or hostile file. */
    public static final int MAX_TEXT_BYTES = 16 << 20;

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private PngText() {
    }

    /**
     * {@code png} with a text chunk {@code keyword = text} (compressed {@code iTXt}) placed before
     * its first {@code IDAT}; text chunks of the same keyword already there are dropped.
     *
     * @param keyword 1 to 79 printable Latin-1 characters, no leading, trailing or double spaces
     * @throws IllegalArgumentException if {@code png} is not a well-formed PNG or the keyword is invalid
     */
    public static byte[] withText(byte[] png, String keyword, String text) {
        checkKeyword(keyword);
        ByteArrayOutputStream out = new ByteArrayOutputStream(png.length + text.length() / 2 + 64);
        out.writeBytes(SIGNATURE);
        boolean inserted = false;
        try {
            int pos = checkSignature(png);
            while (pos < png.length) {
                Chunk c = chunkAt(png, pos);
                if (c.type.equals("IDAT") && !inserted) {
                    writeChunk(out, "iTXt", itxt(keyword, text));
                    inserted = true;
                }
                boolean sameKeyword = isText(c.type) && keyword.equals(keywordOf(png, c));
                if (!sameKeyword) {
                    out.write(png, pos, c.totalLength());
                }
                pos += c.totalLength();
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("Not a well-formed PNG image: " + e.getMessage(), e);
        }
        if (!inserted) {
            throw new IllegalArgumentException("Not a well-formed PNG image: it has no image data (IDAT)");
        }
        return out.toByteArray();
    }

    /**
     * The text of the first text chunk named {@code keyword} in {@code png}, empty if there is none.
     *
     * @throws IOException if the bytes are not a PNG file, or that chunk is cut off, fails its CRC,
     *                     does not decompress or decompresses to more than {@link #MAX_TEXT_BYTES}
     */
    public static Optional<String> read(byte[] png, String keyword) throws IOException {
        int pos = checkSignature(png);
        while (pos < png.length) {
            Chunk c = chunkAt(png, pos);
            if (isText(c.type) && keyword.equals(keywordOf(png, c))) {
                checkCrc(png, c);
                return Optional.of(decode(png, c));
            }
            if (c.type.equals("IEND")) {
                break;
            }
            pos += c.totalLength();
        }
        return Optional.empty();
    }

    /**
     * The text named {@code keyword} in the PNG file {@code file}, empty if there is none.
     *
     * @throws IOException naming the file, if it cannot be read or is damaged
     */
    public static Optional<String> read(Path file, String keyword) throws IOException {
        try {
            return read(Files.readAllBytes(file), keyword);
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code bytes} start with the PNG signature. */
    public static boolean isPng(byte[] bytes) {
        if (bytes.length < SIGNATURE.length) {
            return false;
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (bytes[i] != SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    private record Chunk(int offset, int length, String type) {
        int dataStart() {
            return offset + 8;
        }

        int totalLength() {
            return length + 12;
        }
    }

    private static int checkSignature(byte[] png) throws IOException {
        if (!isPng(png)) {
            throw new IOException("not a PNG file (the signature is missing)");
        }
        return SIGNATURE.length;
    }

    private static Chunk chunkAt(byte[] png, int pos) throws IOException {
        if (png.length - pos < 12) {
            throw new IOException("the file is cut off in the chunk at byte " + pos);
        }
        long length = readInt(png, pos) & 0xffffffffL;
        String type = new String(png, pos + 4, 4, StandardCharsets.ISO_8859_1);
        if (!type.chars().allMatch(ch -> (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z'))) {
            throw new IOException("the chunk at byte " + pos + " has an invalid type");
        }
        if (length > png.length - pos - 12L) {
            throw new IOException("the '" + type + "' chunk at byte " + pos + " claims " + length
                    + " bytes but the file is cut off");
        }
        return new Chunk(pos, (int) length, type);
    }

    private static boolean isText(String type) {
        return type.equals("tEXt") || type.equals("zTXt") || type.equals("iTXt");
    }

    /** The keyword of a text chunk (up to its NUL), or null if it has none. */
    private static String keywordOf(byte[] png, Chunk c) {
        int end = indexOfNul(png, c.dataStart(), c.dataStart() + c.length);
        return end < 0 ? null : new String(png, c.dataStart(), end - c.dataStart(), StandardCharsets.ISO_8859_1);
    }

    private static String decode(byte[] png, Chunk c) throws IOException {
        int start = c.dataStart();
        int end = start + c.length;
        int p = indexOfNul(png, start, end) + 1;
        String where = "the '" + c.type + "' chunk at byte " + c.offset;
        switch (c.type) {
            case "tEXt":
                return new String(png, p, end - p, StandardCharsets.ISO_8859_1);
            case "zTXt":
                if (p >= end || png[p] != 0) {
                    throw new IOException(where + " uses an unknown compression method");
                }
                return new String(inflate(png, p + 1, end - p - 1, where), StandardCharsets.ISO_8859_1);
            default: // iTXt: keyword NUL flag method language NUL translated-keyword NUL text
                if (end - p < 2) {
                    throw new IOException(where + " is cut off after its keyword");
                }
                int flag = png[p];
                int method = png[p + 1];
                int lang = indexOfNul(png, p + 2, end);
                int translated = lang < 0 ? -1 : indexOfNul(png, lang + 1, end);
                if (translated < 0) {
                    throw new IOException(where + " lacks its language tag or translated keyword");
                }
                int t = translated + 1;
                byte[] raw;
                if (flag == 0) {
                    raw = java.util.Arrays.copyOfRange(png, t, end);
                } else if (flag == 1 && method == 0) {
                    raw = inflate(png, t, end - t, where);
                } else {
                    throw new IOException(where + " has an unknown compression flag " + flag + " or method " + method);
                }
                java.nio.charset.CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
                try {
                    return utf8.decode(java.nio.ByteBuffer.wrap(raw)).toString();
                } catch (java.nio.charset.CharacterCodingException e) {
                    throw new IOException(where + " is not UTF-8 text", e);
                }
        }
    }

    private static byte[] inflate(byte[] data, int off, int len, String where) throws IOException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data, off, len);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(len * 4, MAX_TEXT_BYTES));
            byte[] buf = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IOException(where + " is cut off: its compressed text ends early");
                }
                if (out.size() + n > MAX_TEXT_BYTES) {
                    throw new IOException(where + " decompresses to more than " + (MAX_TEXT_BYTES >> 20) + " MiB");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IOException(where + " holds damaged compressed text: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    private static void checkCrc(byte[] png, Chunk c) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(png, c.offset + 4, c.length + 4);
        int stored = readInt(png, c.dataStart() + c.length);
        if ((int) crc.getValue() != stored) {
            throw new IOException("the '" + c.type + "' chunk at byte " + c.offset + " fails its CRC check: the file is damaged");
        }
    }

    private static byte[] itxt(String keyword, String text) {
        ByteArrayOutputStream d = new ByteArrayOutputStream();
        d.writeBytes(keyword.getBytes(StandardCharsets.ISO_8859_1));
        d.write(0);
        d.write(1); // compressed
        d.write(0); // zlib
        d.write(0); // no language tag
        d.write(0); // no translated keyword
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
        deflater.finish();
        byte[] buf = new byte[8192];
        while (!deflater.finished()) {
            d.write(buf, 0, deflater.deflate(buf));
        }
        deflater.end();
        return d.toByteArray();
    }

    private static void writeChunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
        writeInt(out, data.length);
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        writeInt(out, (int) crc.getValue());
    }

    private static void checkKeyword(String keyword) {
        if (keyword == null || keyword.isEmpty() || keyword.length() > 79 || keyword.startsWith(" ") || keyword.endsWith(" ")
                || keyword.contains("  ") || !keyword.chars().allMatch(ch -> (ch >= 32 && ch <= 126) || (ch >= 161 && ch <= 255))) {
            throw new IllegalArgumentException("'" + keyword + "' is not a PNG text keyword: use 1 to 79 printable Latin-1 characters");
        }
    }

    private static int indexOfNul(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int readInt(byte[] b, int p) {
        return ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }
}
