package org.gyrus.io.nodes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.gyrus.io.InputFile;
import org.gyrus.pipeline.FileSet;

/** Small helpers shared by the I/O nodes. */
final class Nodes {

    private Nodes() {
    }

    /** The path, or an error naming the parameter when it is not set. */
    static Path required(Path p, String label) {
        if (p == null || p.toString().isEmpty()) {
            throw new IllegalArgumentException("The parameter '" + label + "' is not set");
        }
        return p;
    }

    /**
     * The path of an input file, checked to be a readable regular file ({@link InputFile}); errors
     * name the parameter that gave it.
     */
    static Path inputFile(Path p, String label) throws IOException {
        return InputFile.check(required(p, label), "given by the parameter '" + label + "'");
    }

    /** The path of an input folder, checked to exist and be a folder; errors name the parameter that gave it. */
    static Path inputFolder(Path p, String label) throws IOException {
        Path dir = required(p, label);
        String origin = " (given by the parameter '" + label + "')";
        if (!java.nio.file.Files.exists(dir)) {
            throw new java.nio.file.NoSuchFileException(dir.toString(), null, "no such folder" + origin);
        }
        if (!java.nio.file.Files.isDirectory(dir)) {
            throw new java.nio.file.FileSystemException(dir.toString(), null, "is a file, not a folder" + origin);
        }
        return dir;
    }

    /**
     * The files a path parameter stands for, as the engine keys results by their content and
     * records them in the provenance: those of {@code inner} that are regular files, none when the
     * path is unusable. The engine hashes what this lists, so it must never name a named pipe
     * (opening it would block) or a device (it would never end); the node itself then refuses the
     * path with the message.
     */
    static FileSet regularFiles(FileSet inner) {
        return named -> {
            try {
                return inner.files(named).stream().filter(Files::isRegularFile).toList();
            } catch (IOException e) {
                return List.of();
            }
        };
    }

    /** The comma-separated names in {@code list}, trimmed, without empty ones. */
    static List<String> names(String list) {
        List<String> out = new ArrayList<>();
        if (list != null) {
            for (String s : list.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.strip());
                }
            }
        }
        return out;
    }
}
