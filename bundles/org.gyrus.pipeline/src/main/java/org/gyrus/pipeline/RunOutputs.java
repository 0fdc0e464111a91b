package org.gyrus.pipeline;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.gyrus.data.Column;
import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.Report;
import org.gyrus.data.Table;
import org.gyrus.pipeline.internal.ValueCodec;
import org.gyrus.pipeline.internal.ValueCodecs;

/**
 * Writes the results of a run into a folder: every output port of a finished node that no edge
 * consumes (the pipeline's end results), as {@code NODE.PORT.EXT}. Tables and feature matrices
 * become TSV, reports a folder with {@code report.md}, models {@code .safetensors}, text and
 * numbers {@code .txt}, other data-model values Gyrus's binary value file
 * ({@code .gyrv}, the cache's format); anything else its {@code toString()} in a {@code .txt}.
 * A path output naming an existing file (what writer nodes give) is taken as the result file
 * itself. Each file is written under a temporary name and moved into place.
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
        Files.createDirectories(dir);
        Set<String> consumed = result.pipeline().edges().stream().map(e -> e.fromNode() + "." + e.output())
                .collect(Collectors.toSet());
        Map<String, Path> files = new LinkedHashMap<>();
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
                    files.put(name, writeValue(o.getValue(), dir, name));
                }
            }
        }
        return files;
    }

    /** Writes one value as {@code dir/name.EXT} and returns the file. */
    static Path writeValue(Object value, Path dir, String name) throws IOException {
        Path tmp = Files.createTempFile(dir, "." + name, ".tmp");
        Path target;
        try {
            if (value instanceof Table t) {
                target = dir.resolve(name + ".tsv");
                try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                    writeTsv(t, w);
                }
            } else if (value instanceof FeatureMatrix m) {
                target = dir.resolve(name + ".tsv");
                try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                    w.write("id\t" + String.join("\t", m.featureNames()) + "\n");
                    for (int r = 0; r < m.rows(); r++) {
                        w.write(m.rowIds().get(r));
                        for (int c = 0; c < m.cols(); c++) {
                            w.write('\t');
                            float x = m.get(r, c);
                            w.write(Float.isNaN(x) ? "" : Float.toString(x));
                        }
                        w.write('\n');
                    }
                }
            } else if (value instanceof Report r) {
                target = dir.resolve(name);
                Files.delete(tmp);
                r.writeTo(target);
                return target;
            } else if (value instanceof ModelArtifact m) {
                target = dir.resolve(name + ".safetensors");
                m.save(tmp);
            } else if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
                target = dir.resolve(name + ".txt");
                Files.writeString(tmp, value + "\n", StandardCharsets.UTF_8);
            } else if (ValueCodecs.forValue(value).isPresent()) {
                target = dir.resolve(name + ".gyrv");
                ValueCodec<Object> codec = ValueCodecs.forValue(value).orElseThrow();
                try (var out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tmp)))) {
                    out.writeBytes("GYRV");
                    out.writeUTF(codec.id());
                    out.writeInt(codec.version());
                    codec.write(value, out);
                }
            } else {
                target = dir.resolve(name + ".txt");
                Files.writeString(tmp, value + "\n", StandardCharsets.UTF_8);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException | RuntimeException e) {
            throw new IOException("Could not write the output " + name + " into " + dir + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A table as tab-separated values with a header row; missing cells are empty. */
    static void writeTsv(Table t, Writer w) throws IOException {
        w.write(String.join("\t", t.columnNames()));
        w.write('\n');
        for (int r = 0; r < t.rowCount(); r++) {
            for (int c = 0; c < t.columnCount(); c++) {
                if (c > 0) {
                    w.write('\t');
                }
                Column col = t.columns().get(c);
                String s = col.format(r);
                w.write(s == null ? "" : s.replace('\t', ' ').replace('\n', ' '));
            }
            w.write('\n');
        }
    }
}
