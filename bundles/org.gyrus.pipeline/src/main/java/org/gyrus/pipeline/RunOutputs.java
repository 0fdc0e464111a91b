package org.gyrus.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.gyrus.data.AtomicFile;
import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.Report;
import org.gyrus.data.Table;
import org.gyrus.data.TableWriter;
import org.gyrus.pipeline.internal.ValueCodec;
import org.gyrus.pipeline.internal.ValueCodecs;

/**
 * Writes the results of a run into its {@link OutputFolder}: every output port of a finished node
 * that no edge consumes (the pipeline's end results), as {@code NODE.PORT.EXT}. Tables and feature
 * matrices become TSV ({@link TableWriter}: cells holding tabs or line breaks are quoted, nothing is
 * lost), reports a folder with {@code report.md}, models {@code .safetensors}, text and numbers
 * {@code .txt}, other data-model values Gyrus's binary value file ({@code .gyrv}, the cache's
 * format); anything else its {@code toString()} in a {@code .txt}. The figures of a report carry
 * the pipeline and variable values of the run ({@link PipelineOrigin}) in a PNG text chunk. A path output naming an existing
 * file (what writer nodes give) is taken as the result file itself. Each file is written atomically
 * ({@link AtomicFile}). A name that holds a file Gyrus did not write is left alone: the result goes
 * beside it ({@code NODE.PORT-2.EXT}).
 */
public final class RunOutputs {

    private RunOutputs() {
    }

    /**
     * Writes the end results of {@code result} into {@code dir} (created if needed).
     *
     * @return the files written, by {@code node.port}, in pipeline order
     * @throws IOException naming the file that could not be written
     */
    public static Map<String, Path> write(RunResult result, Path dir) throws IOException {
        return write(result, OutputFolder.open(dir, "The output folder"));
    }

    /**
     * Writes the end results of {@code result} into {@code folder}.
     *
     * @return the files written, by {@code node.port}, in pipeline order
     * @throws IOException naming the file that could not be written
     */
    public static Map<String, Path> write(RunResult result, OutputFolder folder) throws IOException {
        List<IOException> problems = new ArrayList<>();
        Map<String, Path> files = write(result, folder, problems);
        if (!problems.isEmpty()) {
            throw problems.get(0);
        }
        return files;
    }

    /**
     * Writes every end result of {@code result} that can be written into {@code folder}; one that
     * cannot (a disk error, a port name that is no file name) is added to {@code problems} and the
     * others are still written.
     *
     * @return the files written, by {@code node.port}, in pipeline order
     */
    public static Map<String, Path> write(RunResult result, OutputFolder folder, List<IOException> problems) {
        Set<String> consumed = result.pipeline().edges().stream().map(e -> e.fromNode() + "." + e.output())
                .collect(Collectors.toSet());
        Map<String, Path> files = new LinkedHashMap<>();
        PipelineOrigin origin = PipelineOrigin.of(result);
        for (NodeOutcome n : result.nodes()) {
            for (Map.Entry<String, Object> o : result.outputs(n.node()).entrySet()) {
                String name = n.node() + "." + o.getKey();
                if (consumed.contains(name)) {
                    continue;
                }
                // A node that wrote a file itself (a writer node) outputs its path: that file is the result.
                if (o.getValue() instanceof Path written && Files.isRegularFile(written)) {
                    files.put(name, written);
                } else {
                    try {
                        files.put(name, writeValue(o.getValue(), folder, name, "The output '" + o.getKey() + "' of node '" + n.node() + "'",
                                origin));
                    } catch (IOException e) {
                        problems.add(e);
                    }
                }
            }
        }
        return files;
    }

    /**
     * Writes one value as {@code name.EXT} in {@code folder} and returns the file; a report's
     * figures carry {@code origin} in a PNG text chunk.
     */
    static Path writeValue(Object value, OutputFolder folder, String name, String what, PipelineOrigin origin) throws IOException {
        Path target = null;
        try {
            if (value instanceof Table t) {
                target = folder.entryBeside(name, ".tsv", what);
                TableWriter.tsv().write(t, target);
            } else if (value instanceof FeatureMatrix m) {
                target = folder.entryBeside(name, ".tsv", what);
                TableWriter.tsv().write(m, target);
            } else if (value instanceof Report r) {
                target = folder.entryBeside(name, "", what);
                r.writeTo(target, Map.of(PipelineOrigin.PNG_KEYWORD, origin.toJson()));
            } else if (value instanceof ModelArtifact m) {
                target = folder.entryBeside(name, ".safetensors", what);
                m.save(target);
            } else if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
                target = folder.entryBeside(name, ".txt", what);
                AtomicFile.write(target, value + "\n");
            } else if (ValueCodecs.forValue(value).isPresent()) {
                target = folder.entryBeside(name, ".gyrv", what);
                ValueCodec<Object> codec = ValueCodecs.forValue(value).orElseThrow();
                AtomicFile.write(target, stream -> {
                    var out = new java.io.DataOutputStream(stream);
                    out.writeBytes("GYRV");
                    out.writeUTF(codec.id());
                    out.writeInt(codec.version());
                    codec.write(value, out);
                    out.flush();
                });
            } else {
                target = folder.entryBeside(name, ".txt", what);
                AtomicFile.write(target, value + "\n");
            }
            return target;
        } catch (OutputFolderException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new IOException("Could not write " + what + " into " + (target == null ? folder.path() : target) + ": "
                    + e.getMessage(), e);
        }
    }
}
