package org.gyrus.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Pipeline files in other encodings, with trailing content, or that are not files: refused with the place. */
class PipelineFileHostileInputTest {

    private static final String VALID = """
            {"format": "gyrus-pipeline", "formatVersion": 1, "name": "café",
             "nodes": [{"id": "a", "type": "t", "version": "1.0.0"}]}
            """;

    @TempDir
    Path dir;

    private String refusal(byte[] content) throws Exception {
        Path f = dir.resolve("p.gyrus.json");
        Files.write(f, content);
        PipelineFormatException e = assertThrows(PipelineFormatException.class, () -> PipelineFile.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        return e.getMessage();
    }

    @Test
    void latin1IsRefusedWithLineAndColumnOfTheFirstBadByte() throws Exception {
        String m = refusal(VALID.getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(m.contains("line 1, column 62: the byte 0xE9 is not UTF-8 text"), m);
        assertTrue(m.contains("Latin-1"), m);
        m = refusal(VALID.replace("café", "“quoted”").getBytes(Charset.forName("windows-1252")));
        assertTrue(m.contains("line 1, column 59: the byte 0x93"), m);
    }

    @Test
    void utf16IsRefusedAsUtf16() throws Exception {
        assertTrue(refusal(VALID.getBytes(StandardCharsets.UTF_16)).contains("UTF-16 text"));
        assertTrue(refusal(VALID.getBytes(StandardCharsets.UTF_16LE)).contains("UTF-16/UTF-32"));
    }

    @Test
    void aUtf8ByteOrderMarkIsAccepted() throws Exception {
        byte[] body = VALID.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        Path f = Files.write(dir.resolve("bom.gyrus.json"), withBom);
        assertEquals("café", PipelineFile.read(f).name());
        assertEquals("café", PipelineFile.parse("\uFEFF" + VALID).name());
    }

    @Test
    void trailingContentAfterThePipelineIsRefused() throws Exception {
        String m = refusal((VALID.strip() + VALID).getBytes(StandardCharsets.UTF_8));
        assertTrue(m.contains("more follows the pipeline's closing '}' at line 2, column"), m);
        assertTrue(m.contains("exactly one JSON object"), m);
        assertTrue(refusal((VALID + " garbage").getBytes(StandardCharsets.UTF_8)).contains("garbage"));
        assertTrue(refusal((VALID + "]").getBytes(StandardCharsets.UTF_8)).contains("not valid JSON"));
        // A number JSON cannot write back is refused, not turned into infinity.
        assertTrue(refusal(VALID.replace("\"version\": \"1.0.0\"", "\"version\": \"1.0.0\", \"parameters\": {\"x\": 1e400}")
                .getBytes(StandardCharsets.UTF_8)).contains("node 'a', parameter 'x': the number is beyond the range of numbers"));
        // Whitespace after the object is fine.
        Files.writeString(dir.resolve("ok.gyrus.json"), VALID + "\n\n  \t\n");
        assertEquals("café", PipelineFile.read(dir.resolve("ok.gyrus.json")).name());
    }

    @Test
    void aFolderIsRefusedByName() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("folder.gyrus.json"));
        PipelineFormatException e = assertThrows(PipelineFormatException.class, () -> PipelineFile.read(folder));
        assertEquals("The pipeline file " + folder + " is a folder, not a file", e.getMessage());
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aNamedPipeIsRefusedInsteadOfBlockingForever() throws Exception {
        Path fifo = dir.resolve("fifo.gyrus.json");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        if (mk.waitFor() != 0) {
            return; // no mkfifo here
        }
        PipelineFormatException e = assertThrows(PipelineFormatException.class, () -> PipelineFile.read(fifo));
        assertTrue(e.getMessage().contains("is not a regular file (a named pipe or a device)"), e.getMessage());
    }
}
