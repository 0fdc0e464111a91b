package org.gyrus.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.gyrus.data.PngText;

/**
 * Leads from a result back to its analysis: given an output file or folder, finds the pipeline and
 * the variable values that produced it. In this order:
 * <ol>
 * <li>a {@code provenance.json} given directly, or in the folder given;</li>
 * <li>a stamp inside the file: the {@value PipelineOrigin#PNG_KEYWORD} text chunk of a PNG figure,
 * or what an {@link OriginReader} finds (the NIfTI extension of {@code write-volume} files);</li>
 * <li>the provenance record of the run folder the file lies in: a {@code provenance.json} in its
 * folder or up to {@value #LEVELS_UP} folders above (a figure lies in
 * {@code RUN/NODE.report/figures/}).</li>
 * </ol>
 * A damaged stamp or record is reported, naming the file; it is never skipped for a guess.
 */
public final class OriginFinder {

    /** How many folders above a file's own folder are searched for a provenance record. */
    public static final int LEVELS_UP = 3;
    /** The largest provenance record read (64 MiB). */
    static final long MAX_RECORD_BYTES = 64L << 20;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PROVENANCE = "provenance.json";

    private final List<OriginReader> readers;

    /** A finder that also asks {@code readers} (the {@link OriginReader} services) about files. */
    public OriginFinder(Collection<? extends OriginReader> readers) {
        this.readers = List.copyOf(readers);
    }

    /**
     * The origin of {@code path}, a result file or an output folder.
     *
     * @throws NoSuchFileException if it does not exist
     * @throws IOException         naming the file: nothing leads back from it, it is a batch folder
     *                             (one subject's folder leads back), or its stamp or record is damaged
     */
    public PipelineOrigin find(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such file or folder");
        }
        if (Files.isDirectory(path)) {
            Path record = path.resolve(PROVENANCE);
            if (Files.isRegularFile(record)) {
                return fromProvenance(record);
            }
            if (Files.isRegularFile(path.resolve("summary.tsv"))) {
                throw new IOException(path + " is the folder of a batch over subjects: drop one subject's folder, "
                        + "or a file in it, to open the pipeline with that subject's values");
            }
        } else {
            if (path.getFileName().toString().equals(PROVENANCE)) {
                return fromProvenance(path);
            }
            Optional<PipelineOrigin> stamped = stamp(path);
            if (stamped.isPresent()) {
                return stamped.get();
            }
        }
        Path dir = Files.isDirectory(path) ? path.toAbsolutePath().getParent() : path.toAbsolutePath().getParent();
        for (int up = 0; dir != null && up <= LEVELS_UP; up++, dir = dir.getParent()) {
            Path record = dir.resolve(PROVENANCE);
            if (Files.isRegularFile(record)) {
                return fromProvenance(record);
            }
        }
        throw new IOException("Nothing leads back from " + path + " to a pipeline: it carries no Gyrus stamp, and no "
                + PROVENANCE + " lies beside it or in the " + LEVELS_UP + " folders above");
    }

    /** The origin stamped into a file: a PNG text chunk, or what a reader finds. */
    private Optional<PipelineOrigin> stamp(Path file) throws IOException {
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n == head.length && PngText.isPng(head)) {
            String where = "the '" + PipelineOrigin.PNG_KEYWORD + "' text chunk of " + file;
            Optional<String> text = PngText.read(file, PipelineOrigin.PNG_KEYWORD);
            if (text.isPresent()) {
                return Optional.of(PipelineOrigin.parse(text.get(), where));
            }
            return Optional.empty();
        }
        for (OriginReader r : readers) {
            Optional<PipelineOrigin> o = r.read(file);
            if (o.isPresent()) {
                return o;
            }
        }
        return Optional.empty();
    }

    /**
     * The origin in a provenance record that {@link Provenance} wrote: the resolved pipeline and
     * the run's variable values.
     *
     * @throws PipelineFormatException naming the record if it is not one, or is damaged
     */
    public static PipelineOrigin fromProvenance(Path record) throws IOException {
        String where = "the provenance record " + record;
        if (Files.size(record) > MAX_RECORD_BYTES) {
            throw new PipelineFormatException(where + " is over " + (MAX_RECORD_BYTES >> 20) + " MiB: not a Gyrus record");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readString(record, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new PipelineFormatException(where + " is damaged: not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new PipelineFormatException(where + " is damaged: not UTF-8 text");
        }
        JsonNode entity = root == null ? null : root.path("entity").get("gyrus:pipeline");
        if (entity == null || !entity.isObject()) {
            throw new PipelineFormatException(where + " is not a Gyrus provenance record: it has no 'gyrus:pipeline' entity");
        }
        JsonNode resolved = entity.get("gyrus:resolvedPipeline");
        if (resolved == null || !resolved.isTextual()) {
            throw new PipelineFormatException(where + " is damaged: its 'gyrus:pipeline' entity lacks 'gyrus:resolvedPipeline'");
        }
        Pipeline pipeline;
        try {
            pipeline = PipelineFile.parse(resolved.asText());
        } catch (PipelineFormatException e) {
            throw new PipelineFormatException(where + " holds a damaged pipeline: " + e.getMessage());
        }
        Map<String, String> vars = new TreeMap<>();
        List<String> bad = new ArrayList<>();
        for (var it = entity.fields(); it.hasNext();) {
            var f = it.next();
            if (f.getKey().startsWith("gyrus:variable.")) {
                String name = f.getKey().substring("gyrus:variable.".length());
                if (!f.getValue().isTextual()) {
                    bad.add(name);
                } else {
                    vars.put(name, unquote(f.getValue().asText()));
                }
            }
        }
        if (!bad.isEmpty()) {
            throw new PipelineFormatException(where + " is damaged: variables " + bad + " have no text value");
        }
        return new PipelineOrigin(pipeline, vars, where);
    }

    /** A variable value as {@link CanonicalValue} wrote it: text in quotes with {@code "} and {@code \} escaped. */
    private static String unquote(String canonical) {
        if (canonical.length() < 2 || !canonical.startsWith("\"") || !canonical.endsWith("\"")) {
            return canonical; // a number or a boolean
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < canonical.length() - 1; i++) {
            char c = canonical.charAt(i);
            if (c == '\\' && i + 1 < canonical.length() - 1) {
                c = canonical.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
