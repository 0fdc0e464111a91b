package org.gyrus.batch;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

import org.gyrus.data.AtomicFile;
import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.PipelineFile;

/**
 * What one subject's run of a batch left, kept in its folder as {@value #FILE}: the summary row,
 * the SLURM job and task that ran it (if any), a fingerprint of what was run (the pipeline and
 * the variable values) and the output files. A rerun leaves a subject out only if its
 * record says done for the same fingerprint and its outputs exist; the summary of a SLURM batch is
 * built from these records, because each task writes its own.
 *
 * @param row         the subject's summary row
 * @param fingerprint what was run (see {@link #fingerprint})
 * @param outputs     the output files, relative to the subject's folder
 */
record SubjectRecord(SubjectBatch.Row row, String fingerprint, List<String> outputs) {

    /** The record's file name in a subject's folder: hidden, Gyrus's own bookkeeping. */
    static final String FILE = ".gyrus-batch";

    /**
     * SHA-256 of the pipeline (as read, so that reformatting its file changes nothing) and the
     * subject's variable values: equal if and only if the same run is asked for.
     */
    static String fingerprint(Pipeline pipeline, Map<String, String> overrides) {
        MessageDigest d;
        try {
            d = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        d.update(PipelineFile.toJson(pipeline).getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, String> v : new TreeMap<>(overrides).entrySet()) {
            d.update(("\n" + v.getKey().length() + ":" + v.getKey() + "=" + v.getValue()).getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(d.digest());
    }

    /** Writes the record atomically to {@code file}. */
    void write(Path file) throws IOException {
        Properties p = new Properties();
        SubjectBatch.Row r = row;
        p.setProperty("subject", r.subject());
        p.setProperty("status", r.status());
        p.setProperty("seconds", Double.toString(r.seconds()));
        p.setProperty("computed", Long.toString(r.computed()));
        p.setProperty("cached", Long.toString(r.cached()));
        p.setProperty("message", r.message());
        p.setProperty("fingerprint", fingerprint);
        p.setProperty("outputs", String.join("\n", outputs));
        if (r.task() != null) {
            p.setProperty("job", r.task().job());
            p.setProperty("task", r.task().task());
            p.setProperty("node", r.task().node());
            p.setProperty("log", r.task().log());
        }
        StringWriter w = new StringWriter();
        p.store(w, "gyrus run --each: this subject's last run");
        AtomicFile.write(file, w.toString());
    }

    /** The record in {@code dir}, if there is a readable one. */
    static Optional<SubjectRecord> read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
            SubjectBatch.Task task = p.getProperty("job") == null ? null
                    : new SubjectBatch.Task(p.getProperty("job"), p.getProperty("task", ""), p.getProperty("node", ""), p.getProperty("log", ""));
            SubjectBatch.Row row = new SubjectBatch.Row(p.getProperty("subject", ""), p.getProperty("status", "failed"),
                    Double.parseDouble(p.getProperty("seconds", "0")), Long.parseLong(p.getProperty("computed", "0")),
                    Long.parseLong(p.getProperty("cached", "0")), p.getProperty("message", ""), task);
            String outputs = p.getProperty("outputs", "");
            return Optional.of(new SubjectRecord(row, p.getProperty("fingerprint", ""), outputs.isEmpty() ? List.of()
                    : List.of(outputs.split("\n"))));
        } catch (IOException | RuntimeException e) {
            // A record that cannot be read counts as none: the subject runs again.
            return Optional.empty();
        }
    }

    /** Whether this record says the run asked for ({@code fingerprint}) is done in {@code dir}, every output still there. */
    boolean done(Path dir, String expected) {
        return (row.status().equals("done") || row.status().equals("cached")) && fingerprint.equals(expected)
                && outputs.stream().allMatch(o -> Files.exists(dir.resolve(o)));
    }

    /** Whether this record was written by the given SLURM array task. */
    boolean writtenBy(SubjectBatch.Task t) {
        return row.task() != null && row.task().job().equals(t.job()) && row.task().task().equals(t.task());
    }
}
