package org.gyrus.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;


/**
 * Which rows and subjects a model was fitted on, kept in its artifact (metadata entry
 * {@value #KEY}: 64-bit FNV-1a hashes of the row ids and of the subjects, sorted, as Base64), so
 * that applying the model to rows it was fitted on — evaluating it on its own training data, or a
 * test split that shares subjects with the training split — is caught when predicting. Hashes,
 * not names, so the artifact does not carry the ids themselves. A table transformed by a fitted
 * model carries the model's training rows too ({@link Table#fittedBy()}), so that a
 * cross-validation can refuse features prepared with statistics of its own held-out rows. Shared
 * by every bundle that fits models (learning, preprocessing).
 */
public final class TrainingRows {

    /** The metadata entry. */
    public static final String KEY = "fitted_rows";
    /** Column names taken to name each row's subject, when a table has one of them. */
    public static final List<String> SUBJECT_COLUMNS = List.of("subject", "subject_id", "participant_id");

    private final long[] ids;
    private final long[] subjects;

    private TrainingRows(long[] ids, long[] subjects) {
        this.ids = ids;
        this.subjects = subjects;
    }

    /**
     * The artifact {@code a} with the training rows recorded.
     *
     * @param subjects each row's subject, or null when unknown
     */
    public static ModelArtifact record(ModelArtifact a, List<String> ids, List<String> subjects) {
        return new TrainingRows(hashes(ids), subjects == null ? null : hashes(subjects)).recordIn(a);
    }

    /**
     * The rows of a table, named by its id column, and their subjects (its first column named as in
     * {@link #SUBJECT_COLUMNS}); empty when the table has neither, since row numbers do not name
     * the same rows in another table.
     */
    public static Optional<TrainingRows> ofTable(Table t) {
        List<String> subjects = subjectsOf(t);
        if (t.idColumn().isEmpty() && subjects == null) {
            return Optional.empty();
        }
        List<String> ids = t.idColumn().isPresent() ? FeatureMatrix.rowIdsOf(t) : List.of();
        return Optional.of(new TrainingRows(hashes(ids), subjects == null ? null : hashes(subjects)));
    }

    /** Each row's subject, from the table's first column named as in {@link #SUBJECT_COLUMNS} ("" when missing), or null. */
    public static List<String> subjectsOf(Table t) {
        for (String name : SUBJECT_COLUMNS) {
            Optional<Column> c = t.find(name);
            if (c.isPresent()) {
                List<String> out = new ArrayList<>(t.rowCount());
                for (int i = 0; i < t.rowCount(); i++) {
                    String v = c.get().format(i);
                    out.add(v == null ? "" : v);
                }
                return out;
            }
        }
        return null;
    }

    /** The artifact {@code a} with these rows recorded as its training rows. */
    public ModelArtifact recordIn(ModelArtifact a) {
        ModelArtifact.Builder b = ModelArtifact.builder(a.kind()).schema(a.schema());
        a.metadata().forEach(b::metadata);
        a.tensors().forEach(b::tensor);
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("hash", "fnv1a64");
        rows.put("ids", encode(ids));
        if (subjects != null) {
            rows.put("subjects", encode(subjects));
        }
        return b.metadata(KEY, rows).build();
    }

    /** The hashes of the row ids, sorted (for storing). */
    public long[] idHashes() {
        return ids.clone();
    }

    /** The hashes of the subjects, sorted, or null when unknown (for storing). */
    public long[] subjectHashes() {
        return subjects == null ? null : subjects.clone();
    }

    /** Rows given by their hashes, as {@link #idHashes()} and {@link #subjectHashes()} return them. */
    public static TrainingRows ofHashes(long[] ids, long[] subjects) {
        return new TrainingRows(ids.clone(), subjects == null ? null : subjects.clone());
    }

    /** The training rows a model's artifact records, if it records them. */
    public static Optional<TrainingRows> of(ModelArtifact a) {
        if (!(a.metadata().get(KEY) instanceof Map<?, ?> m) || !(m.get("ids") instanceof String ids)) {
            return Optional.empty();
        }
        return Optional.of(new TrainingRows(decode(ids), m.get("subjects") instanceof String s ? decode(s) : null));
    }

    /**
     * The rows among {@code rowIds} that the model was fitted on, or whose subject it was fitted
     * on (row indices, in order).
     *
     * @param rowSubjects each row's subject, or null when unknown
     */
    public int[] overlap(List<String> rowIds, List<String> rowSubjects) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < rowIds.size(); i++) {
            boolean seen = Arrays.binarySearch(ids, hash(rowIds.get(i))) >= 0
                    || subjects != null && rowSubjects != null && Arrays.binarySearch(subjects, hash(rowSubjects.get(i))) >= 0;
            if (seen) {
                out.add(i);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The rows of table {@code t} (by its id column and subject column) that these rows hold, as {@link #overlap(List, List)}. */
    public int[] overlap(Table t) {
        List<String> ids = t.idColumn().isPresent() ? FeatureMatrix.rowIdsOf(t) : java.util.Collections.nCopies(t.rowCount(), "\0no id");
        return overlap(ids, subjectsOf(t));
    }

    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    private static long[] hashes(List<String> values) {
        return values.stream().mapToLong(TrainingRows::hash).sorted().distinct().toArray();
    }

    private static String encode(long[] h) {
        ByteBuffer buf = ByteBuffer.allocate(h.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : h) {
            buf.putLong(v);
        }
        return Base64.getEncoder().encodeToString(buf.array());
    }

    private static long[] decode(String text) {
        ByteBuffer buf = ByteBuffer.wrap(Base64.getDecoder().decode(text)).order(ByteOrder.LITTLE_ENDIAN);
        long[] h = new long[buf.remaining() / 8];
        for (int i = 0; i < h.length; i++) {
            h[i] = buf.getLong();
        }
        return h;
    }
}
