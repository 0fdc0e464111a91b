package org.gyrus.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files one path stands for: the image and header of a {@code .hdr}/{@code .img} pair, the
 * files of a dataset folder that its reader reads. A node type declares it for a path parameter
 * with {@link NodeDescriptor.Builder#files}; the engine then keys the node's results by the
 * content of every one of these files, records them in the provenance, and checks the files a
 * writer wrote before it reuses the writer's cached result.
 */
@FunctionalInterface
public interface FileSet {

    /** What a path stands for when its node declares nothing: the file, or every file in the folder. */
    FileSet DEFAULT = FileSet::everyFile;

    /**
     * The files {@code named} stands for (itself included when it is a file), in a stable order.
     *
     * @throws IOException if they cannot be listed
     */
    List<Path> files(Path named) throws IOException;

    /** The file itself, or every regular file under the folder, sorted. */
    static List<Path> everyFile(Path named) throws IOException {
        if (!Files.isDirectory(named)) {
            return List.of(named);
        }
        try (Stream<Path> s = Files.walk(named)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
