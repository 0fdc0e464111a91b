package org.gyrus.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngTextTest {

    @TempDir
    Path dir;

    private static byte[] chart() {
        return new Chart("Loss", "epoch", "loss").line("train", new double[] {1, 2, 3}, new double[] {3, 2, 1}).toPng();
    }

    @Test
    void readsEveryTextChunkKindAsPillowWroteIt() throws IOException {
        Path ref = Path.of("testdata/png/pillow_text.png");
        assertEquals(Optional.of("café latin-1"), PngText.read(ref, "plain"));
        assertEquals(Optional.of("zzz ".repeat(200)), PngText.read(ref, "squeezed"));
        assertEquals(Optional.of("{\"format\":\"gyrus-origin\",\"note\":\"ünicode ✓\"}"), PngText.read(ref, "gyrus:pipeline"));
        assertEquals(Optional.of("日本 uncompressed"), PngText.read(ref, "open"));
        assertEquals(Optional.empty(), PngText.read(ref, "absent"));
    }

    @Test
    void aStampedImageKeepsItsPixelsAndReplacesAnOlderStamp() throws IOException {
        byte[] png = chart();
        byte[] once = PngText.withText(png, "gyrus:pipeline", "first ✓");
        byte[] twice = PngText.withText(once, "gyrus:pipeline", "second");
        assertEquals(Optional.of("first ✓"), PngText.read(once, "gyrus:pipeline"));
        assertEquals(Optional.of("second"), PngText.read(twice, "gyrus:pipeline"));
        assertEquals(1, count(twice, "iTXt"), "the older stamp is gone");
        BufferedImage a = ImageIO.read(new ByteArrayInputStream(png));
        BufferedImage b = ImageIO.read(new ByteArrayInputStream(twice));
        assertEquals(a.getWidth(), b.getWidth());
        assertTrue(Arrays.equals(a.getRGB(0, 0, a.getWidth(), a.getHeight(), null, 0, a.getWidth()),
                b.getRGB(0, 0, b.getWidth(), b.getHeight(), null, 0, b.getWidth())), "same pixels");
        // The text goes before the image data, where readers that stop early still see it.
        assertTrue(indexOf(twice, "iTXt") < indexOf(twice, "IDAT"));
    }

    @Test
    void reportFiguresCarryTheGivenText() throws IOException {
        Report r = Report.empty().withFigure("Loss", "loss", "Loss", chart());
        r.writeTo(dir, java.util.Map.of("gyrus:pipeline", "{\"x\":1}"));
        assertEquals(Optional.of("{\"x\":1}"), PngText.read(dir.resolve("figures/loss.png"), "gyrus:pipeline"));
    }

    @Test
    void damagedOrHostileFilesGiveClearErrors() throws IOException {
        byte[] stamped = PngText.withText(chart(), "k", "text");
        IOException e = assertThrows(IOException.class, () -> PngText.read("GIF89a....".getBytes(StandardCharsets.ISO_8859_1), "k"));
        assertTrue(e.getMessage().contains("not a PNG"), e.getMessage());

        byte[] cut = Arrays.copyOf(stamped, indexOf(stamped, "iTXt") + 10);
        e = assertThrows(IOException.class, () -> PngText.read(cut, "k"));
        assertTrue(e.getMessage().contains("cut off"), e.getMessage());

        byte[] flipped = stamped.clone();
        flipped[indexOf(flipped, "iTXt") + 12] ^= 1;
        e = assertThrows(IOException.class, () -> PngText.read(flipped, "k"));
        assertTrue(e.getMessage().contains("CRC"), e.getMessage());

        // A length field claiming 2 GB.
        byte[] huge = stamped.clone();
        int len = indexOf(huge, "iTXt") - 4;
        huge[len] = 0x7f;
        e = assertThrows(IOException.class, () -> PngText.read(huge, "k"));
        assertTrue(e.getMessage().contains("claims"), e.getMessage());

        // A decompression bomb: 40 MB of zeros compress to a few kB.
        byte[] bomb = zTXtBomb(chart(), "k", 40 << 20);
        e = assertThrows(IOException.class, () -> PngText.read(bomb, "k"));
        assertTrue(e.getMessage().contains("more than 16 MiB"), e.getMessage());

        Path file = Files.write(dir.resolve("broken.png"), cut);
        e = assertThrows(IOException.class, () -> PngText.read(file, "k"));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());

        assertThrows(IllegalArgumentException.class, () -> PngText.withText(chart(), " bad", "x"));
        assertThrows(IllegalArgumentException.class, () -> PngText.withText(cut, "k", "x"));
    }

    private static byte[] zTXtBomb(byte[] png, String keyword, int zeros) {
        java.io.ByteArrayOutputStream z = new java.io.ByteArrayOutputStream();
        try (var out = new java.util.zip.DeflaterOutputStream(z)) {
            out.write(new byte[zeros]);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
        data.writeBytes(keyword.getBytes(StandardCharsets.ISO_8859_1));
        data.write(0);
        data.write(0);
        data.writeBytes(z.toByteArray());
        byte[] d = data.toByteArray();
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update("zTXt".getBytes(StandardCharsets.ISO_8859_1));
        crc.update(d);
        java.nio.ByteBuffer chunk = java.nio.ByteBuffer.allocate(d.length + 12);
        chunk.putInt(d.length).put("zTXt".getBytes(StandardCharsets.ISO_8859_1)).put(d).putInt((int) crc.getValue());
        int at = 33; // after the signature and IHDR
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(png, 0, at);
        out.writeBytes(chunk.array());
        out.write(png, at, png.length - at);
        return out.toByteArray();
    }

    private static int indexOf(byte[] hay, String s) {
        byte[] needle = s.getBytes(StandardCharsets.ISO_8859_1);
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int count(byte[] hay, String s) {
        int n = 0;
        for (int i = indexOf(hay, s); i >= 0; ) {
            n++;
            int next = indexOf(Arrays.copyOfRange(hay, i + 1, hay.length), s);
            i = next < 0 ? -1 : i + 1 + next;
        }
        return n;
    }
}
