package org.gyrus.workbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.gyrus.data.AtomicFile;
import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.PipelineFile;
import org.gyrus.workbench.editor.PipelineDocument;

/**
 * Keeps unsaved work against a crash: the workbench writes the edited pipeline here every few
 * seconds while it is dirty, one file per running workbench ({@code <pid>.gyrus.json}, with the
 * path of the file it came from in {@code <pid>.source}), and deletes it on save or clean exit.
 * At start, files left by workbenches that are no longer running are offered back.
 */
public final class Autosave {

    /** Work left behind by a workbench that ended without saving. */
    public record Recovered(Path autosave, Pipeline pipeline, Optional<Path> source) {
    }

    private final Path dir;
    private final long pid = ProcessHandle.current().pid();

    /** Autosaves into {@code dir} (created when first needed). */
    public Autosave(Path dir) {
        this.dir = dir;
    }

    /** The default folder: {@code ~/.gyrus/autosave}. */
    public static Path defaultDirectory() {
        return Path.of(System.getProperty("user.home"), ".gyrus", "autosave");
    }

    private Path file() {
        return dir.resolve(pid + ".gyrus.json");
    }

    private Path sourceFile(Path autosave) {
        String name = autosave.getFileName().toString();
        return autosave.resolveSibling(name.substring(0, name.length() - ".gyrus.json".length()) + ".source");
    }

    /** Writes the document if it has unsaved changes; removes the autosave if it has none. */
    public void save(PipelineDocument doc) throws IOException {
        if (!doc.isDirty()) {
            discard();
            return;
        }
        Files.createDirectories(dir);
        AtomicFile.write(file(), PipelineFile.toJson(doc.pipeline()));
        AtomicFile.write(sourceFile(file()), doc.file().map(Path::toString).orElse(""));
    }

    /** Removes this workbench's autosave (after a save, or a close that discarded the changes). */
    public void discard() {
        try {
            Files.deleteIfExists(file());
            Files.deleteIfExists(sourceFile(file()));
        } catch (IOException e) {
            // Nothing to lose: the next autosave overwrites it, and recovery checks the process.
        }
    }

    /** Autosaves of workbenches that are not running any more, newest first. Unreadable ones are skipped. */
    public List<Recovered> leftBehind() {
        List<Recovered> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".gyrus.json"))
                    .sorted((a, b) -> Long.compare(b.toFile().lastModified(), a.toFile().lastModified())).toList()) {
                String name = f.getFileName().toString();
                String owner = name.substring(0, name.length() - ".gyrus.json".length());
                try {
                    long p = Long.parseLong(owner);
                    if (p == pid || ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false)) {
                        continue;
                    }
                } catch (NumberFormatException e) {
                    continue;
                }
                try {
                    Pipeline pipeline = PipelineFile.read(f);
                    Path src = sourceFile(f);
                    String source = Files.exists(src) ? Files.readString(src).trim() : "";
                    out.add(new Recovered(f, pipeline, source.isEmpty() ? Optional.empty() : Optional.of(Path.of(source))));
                } catch (IOException | RuntimeException e) {
                    // A half-written or foreign file: not offered.
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** Deletes a recovered autosave once the user took it back or declined it. */
    public void forget(Recovered r) {
        try {
            Files.deleteIfExists(r.autosave());
            Files.deleteIfExists(sourceFile(r.autosave()));
        } catch (IOException e) {
            // Offered again next time; harmless.
        }
    }
}
