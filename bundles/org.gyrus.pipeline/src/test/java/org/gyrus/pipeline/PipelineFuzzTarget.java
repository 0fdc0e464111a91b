package org.gyrus.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The fuzz target of the pipeline loader, in the form Jazzer calls ({@code fuzzerTestOneInput(byte[])}):
 * the bytes are read as a pipeline file, and what loads is written back, read again (it must be
 * equal) and validated against an empty registry (it must give errors, not throw). Refusing the
 * input with a {@link PipelineFormatException} is the expected outcome for garbage; anything else
 * thrown (or a hang, or running out of memory) is a bug. {@link PipelineFuzzCorpusTest} replays the
 * corpus as a plain unit test; {@code fuzz/run-jazzer.sh} fuzzes.
 */
public final class PipelineFuzzTarget {

    private static Path file;

    private PipelineFuzzTarget() {
    }

    /** One fuzzing input. */
    public static void fuzzerTestOneInput(byte[] data) {
        Pipeline p;
        try {
            Files.write(file(), data);
            p = PipelineFile.read(file());
        } catch (PipelineFormatException expected) {
            if (expected.getMessage() == null || expected.getMessage().isBlank()) {
                throw new AssertionError("a refusal without a message", expected);
            }
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("not a PipelineFormatException", e);
        }
        Pipeline back;
        try {
            back = PipelineFile.parse(PipelineFile.toJson(p));
        } catch (PipelineFormatException e) {
            throw new AssertionError("a loaded pipeline does not load again after writing: " + e.getMessage(), e);
        }
        if (!back.equals(p)) {
            throw new AssertionError("writing then reading changed the pipeline");
        }
        new PipelineValidator(new NodeRegistry()).validate(p, Map.of());
    }

    private static Path file() throws IOException {
        if (file == null) {
            Path dir = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir"));
            file = Files.createTempFile(dir, "gyrus-fuzz-", ".gyrus.json");
            file.toFile().deleteOnExit();
        }
        return file;
    }
}
