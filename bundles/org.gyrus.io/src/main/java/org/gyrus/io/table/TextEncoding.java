package org.gyrus.io.table;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Turns the bytes of a text file into valid UTF-8, which is what the tokenizer and the column
 * builders work on: UTF-8 input is only checked (no copy), other encodings are decoded strictly and
 * re-encoded. A byte that is not valid in the encoding is never replaced by U+FFFD: it is refused
 * with its line, column and a hint to set the encoding.
 */
final class TextEncoding {

    private TextEncoding() {
    }

    /** {@code bytes} as UTF-8 (the same array when they already are), or the error at the first invalid byte. */
    static byte[] toUtf8(byte[] bytes, Charset charset, byte delimiter, String source) throws CsvFormatException {
        refuseBinary(bytes, source);
        if (charset.equals(StandardCharsets.UTF_8)) {
            refuseUtf16(bytes, source);
            int bad = firstInvalidUtf8(bytes);
            if (bad >= 0) {
                throw invalid(bytes, bad, charset, delimiter, source);
            }
            return bytes;
        }
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        long capacity = (long) Math.ceil(bytes.length * (double) decoder.maxCharsPerByte()) + 16;
        if (capacity > Integer.MAX_VALUE - 16) {
            throw new CsvFormatException(source, 1, null, "the file is too large to decode from " + charset.name()
                    + "; convert it to UTF-8 first");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate((int) capacity);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            throw invalid(bytes, in.position(), charset, delimiter, source);
        }
        decoder.flush(out);
        out.flip();
        try {
            ByteBuffer utf8 = StandardCharsets.UTF_8.newEncoder().encode(out);
            byte[] result = new byte[utf8.remaining()];
            utf8.get(result);
            return result;
        } catch (CharacterCodingException e) {
            // Decoders produce well-formed UTF-16, so this would be a bug in the JDK's charset.
            throw new IllegalStateException(e);
        }
    }

    /**
     * Files that are not text at all, recognised by their first bytes, are named rather than
     * decoded: read as UTF-8 they would fail on some byte, read as Latin-1 they would become a
     * table of garbage.
     */
    private static void refuseBinary(byte[] b, String source) throws CsvFormatException {
        String what = null;
        if (startsWith(b, 0x1f, 0x8b)) {
            what = "gzip-compressed; decompress it first (gunzip)";
        } else if (startsWith(b, 'P', 'K', 3, 4)) {
            what = "a ZIP archive (an Excel .xlsx or OpenDocument .ods workbook?); export the sheet as CSV (UTF-8)";
        } else if (startsWith(b, 0xd0, 0xcf, 0x11, 0xe0)) {
            what = "an old Office document (an Excel .xls workbook?); export the sheet as CSV (UTF-8)";
        } else if (startsWith(b, '%', 'P', 'D', 'F')) {
            what = "a PDF document, not a table";
        }
        if (what != null) {
            throw new CsvFormatException(source, 1, null, "the file is " + what);
        }
    }

    private static boolean startsWith(byte[] b, int... magic) {
        if (b.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** A UTF-16 file read as UTF-8 fails on its second byte; say what it is instead. */
    private static void refuseUtf16(byte[] b, String source) throws CsvFormatException {
        if (b.length >= 2 && ((b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe || (b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff)) {
            throw new CsvFormatException(source, 1, null, "the file is UTF-16 (it starts with a UTF-16 byte-order mark); "
                    + "save it as UTF-8 (or CSV UTF-8 in a spreadsheet program)");
        }
    }

    /**
     * The index of the first byte that does not belong to a well-formed UTF-8 sequence (RFC 3629:
     * no overlong forms, no surrogates, nothing above U+10FFFF), or -1 when all are.
     */
    static int firstInvalidUtf8(byte[] b) {
        int n = b.length;
        int i = 0;
        while (i < n) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                i++;
                continue;
            }
            int len;
            int lo = 0x80;
            int hi = 0xbf;
            if (c >= 0xc2 && c <= 0xdf) {
                len = 2;
            } else if (c >= 0xe0 && c <= 0xef) {
                len = 3;
                if (c == 0xe0) {
                    lo = 0xa0; // overlong
                } else if (c == 0xed) {
                    hi = 0x9f; // surrogates
                }
            } else if (c >= 0xf0 && c <= 0xf4) {
                len = 4;
                if (c == 0xf0) {
                    lo = 0x90; // overlong
                } else if (c == 0xf4) {
                    hi = 0x8f; // above U+10FFFF
                }
            } else {
                return i;
            }
            if (i + len > n) {
                return i;
            }
            int second = b[i + 1] & 0xff;
            if (second < lo || second > hi) {
                return i;
            }
            for (int k = 2; k < len; k++) {
                int cont = b[i + k] & 0xff;
                if (cont < 0x80 || cont > 0xbf) {
                    return i;
                }
            }
            i += len;
        }
        return -1;
    }

    /** The error for the invalid byte at {@code pos}: its line, its column (when the header names it) and the cell. */
    private static CsvFormatException invalid(byte[] b, int pos, Charset charset, byte delimiter, String source) {
        long line = 1;
        int lineStart = 0;
        for (int i = 0; i < pos; i++) {
            if (b[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        String column = null;
        String where = "at byte " + (pos - lineStart + 1) + " of the line";
        try {
            int start = b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf ? 3 : 0;
            CsvTokenizer t = new CsvTokenizer(b, start, b.length, delimiter, source);
            java.util.List<String> names = new java.util.ArrayList<>();
            boolean header = true;
            while (t.next()) {
                if (pos < t.position()) {
                    for (int i = 0; i < t.count; i++) {
                        if (pos >= t.starts[i] && pos <= t.ends[i]) {
                            String cell = lenient(b, t.starts[i], t.ends[i]);
                            where = (header ? "in field " + (i + 1) + " of the header" : "") + " in the text \"" + cell + "\"";
                            column = header || i >= names.size() ? null : names.get(i);
                            break;
                        }
                    }
                    break;
                }
                if (header) {
                    for (int i = 0; i < t.count; i++) {
                        names.add(lenient(b, t.starts[i], t.ends[i]).strip());
                    }
                    header = false;
                }
            }
        } catch (CsvFormatException e) {
            // a quoting error before the bad byte: the line is still right
        }
        String hint = charset.equals(StandardCharsets.UTF_8)
                ? "; if the file was saved as Latin-1 or Windows-1252, set the encoding (the Read Table node's 'Encoding' "
                        + "parameter), or save it as UTF-8"
                : "; choose the encoding the file was saved in, or save it as UTF-8";
        return new CsvFormatException(source, line, column, String.format(Locale.ROOT, "byte 0x%02X %s is not valid %s%s",
                b[pos] & 0xff, where.strip(), charset.name(), hint));
    }

    /** Up to 40 bytes of text for a message, invalid bytes shown as \xNN. */
    private static String lenient(byte[] b, int from, int to) {
        StringBuilder sb = new StringBuilder();
        int end = Math.min(to, from + 40);
        int i = from;
        while (i < end) {
            int c = b[i] & 0xff;
            if (c >= 0x20 && c < 0x7f) {
                sb.append((char) c);
                i++;
                continue;
            }
            int next = Math.min(end, i + 4);
            int bad = firstInvalidUtf8(java.util.Arrays.copyOfRange(b, i, next));
            if (c >= 0x80 && bad != 0) {
                int len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
                sb.append(new String(b, i, Math.min(len, end - i), StandardCharsets.UTF_8));
                i += len;
            } else {
                sb.append(String.format(Locale.ROOT, "\\x%02X", c));
                i++;
            }
        }
        return sb.append(to > end ? "..." : "").toString();
    }
}
