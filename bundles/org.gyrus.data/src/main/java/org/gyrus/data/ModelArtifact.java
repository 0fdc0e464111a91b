package org.gyrus.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.gyrus.nn.io.Safetensors;
import org.gyrus.nn.io.TensorData;

/**
 * A fitted thing — imputer statistics, encoder categories, a PCA basis, network weights — that can
 * be saved, loaded and applied to new data. It is one safetensors file: the tensors, plus in the
 * header's {@code __metadata__} the {@linkplain #kind() kind} and the JSON metadata (parameters,
 * column names, categories...). PyTorch reads the file as it is, and files PyTorch wrote load
 * here (their kind is {@code "safetensors"}, their metadata the header's strings).
 */
public final class ModelArtifact {

    /** The kind of a file written by something other than Gyrus. */
    public static final String FOREIGN_KIND = "safetensors";

    private static final String KIND_KEY = "gyrus.kind";
    private static final String METADATA_KEY = "gyrus.metadata";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String kind;
    private final Map<String, Object> metadata;
    private final Map<String, TensorData> tensors;

    private ModelArtifact(String kind, Map<String, Object> metadata, Map<String, TensorData> tensors) {
        this.kind = Objects.requireNonNull(kind);
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    /** Starts an artifact of the given kind (by convention the id of the node type that fits it). */
    public static Builder builder(String kind) {
        return new Builder(kind);
    }

    /** What made this artifact, e.g. {@code org.gyrus.preprocess.simple-imputer}. */
    public String kind() {
        return kind;
    }

    /** The metadata: JSON values (String, Number, Boolean, List, Map). */
    public Map<String, Object> metadata() {
        return metadata;
    }

    /** The tensors by name, in order. */
    public Map<String, TensorData> tensors() {
        return tensors;
    }

    /**
     * The tensor {@code name}.
     *
     * @throws IllegalArgumentException naming the artifact's kind and its tensors if absent
     */
    public TensorData tensor(String name) {
        TensorData t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("The " + kind + " model has no tensor '" + name + "'; it has " + tensors.keySet());
        }
        return t;
    }

    /**
     * The metadata value {@code key} as a {@code type}.
     *
     * @throws IllegalArgumentException if it is absent or of another type
     */
    public <T> T get(String key, Class<T> type) {
        Object v = metadata.get(key);
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException("The " + kind + " model's metadata '" + key + "' is "
                    + (v == null ? "missing" : "a " + v.getClass().getSimpleName() + ", not a " + type.getSimpleName()));
        }
        return type.cast(v);
    }

    /** The metadata value {@code key} as a list of strings. */
    public List<String> strings(String key) {
        List<?> l = get(key, List.class);
        return l.stream().map(String::valueOf).toList();
    }

    /**
     * Saves the artifact as a safetensors file (atomically).
     *
     * @throws IOException naming the file if it cannot be written
     */
    public void save(Path file) throws IOException {
        Map<String, String> header = new LinkedHashMap<>();
        header.put("format", "pt");
        header.put(KIND_KEY, kind);
        try {
            header.put(METADATA_KEY, JSON.writeValueAsString(metadata));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The " + kind + " model's metadata is not JSON: " + e.getOriginalMessage(), e);
        }
        // The safetensors codec writes through a private (0600) temporary file of its own: write there, then
        // copy in through AtomicFile so that the model gets the user's umask and a replaced file keeps its permissions.
        Path parent = file.toAbsolutePath().getParent();
        java.nio.file.Files.createDirectories(parent);
        Path encoded = java.nio.file.Files.createTempFile(parent, "." + file.getFileName() + ".encoded", AtomicFile.TEMPORARY_SUFFIX);
        try {
            Safetensors.write(encoded, tensors, header);
            AtomicFile.write(file, out -> java.nio.file.Files.copy(encoded, out));
        } finally {
            java.nio.file.Files.deleteIfExists(encoded);
        }
    }

    /**
     * Loads an artifact saved by {@link #save} or any safetensors file.
     *
     * @throws IOException naming the file if it cannot be read
     */
    public static ModelArtifact load(Path file) throws IOException {
        Map<String, TensorData> tensors = Safetensors.read(file);
        Map<String, String> header = Safetensors.readMetadata(file);
        String kind = header.get(KIND_KEY);
        if (kind == null) {
            return new ModelArtifact(FOREIGN_KIND, new LinkedHashMap<>(header), tensors);
        }
        Map<String, Object> metadata;
        try {
            metadata = JSON.readValue(header.getOrDefault(METADATA_KEY, "{}"), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": the Gyrus metadata in its header is not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        return new ModelArtifact(kind, metadata, tensors);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelArtifact m && m.kind.equals(kind) && m.metadata.equals(metadata) && m.tensors.equals(tensors);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, metadata, tensors);
    }

    @Override
    public String toString() {
        return "ModelArtifact[" + kind + ", tensors " + tensors.keySet() + "]";
    }

    /** Assembles a {@link ModelArtifact}. */
    public static final class Builder {
        private final String kind;
        private final Map<String, Object> metadata = new LinkedHashMap<>();
        private final Map<String, TensorData> tensors = new LinkedHashMap<>();

        private Builder(String kind) {
            this.kind = Objects.requireNonNull(kind);
        }

        /** Adds a metadata value: a String, Number, Boolean, or a List or Map of those. */
        public Builder metadata(String key, Object value) {
            metadata.put(key, Objects.requireNonNull(value, key));
            return this;
        }

        /** Adds a tensor. */
        public Builder tensor(String name, TensorData tensor) {
            tensors.put(name, Objects.requireNonNull(tensor, name));
            return this;
        }

        /** The artifact. */
        public ModelArtifact build() {
            return new ModelArtifact(kind, metadata, tensors);
        }
    }
}
