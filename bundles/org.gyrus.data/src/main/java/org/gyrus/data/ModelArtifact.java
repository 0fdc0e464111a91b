package org.gyrus.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.gyrus.nn.io.Safetensors;
import org.gyrus.nn.io.TensorData;

/**
 * A fitted thing — imputer statistics, encoder categories, a PCA basis, network weights — that can
 * be saved, loaded and applied to new data. It is one safetensors file: the tensors, plus in the
 * header's {@code __metadata__} the {@linkplain #kind() kind}, the {@linkplain #schema() schema
 * version} of that kind and the JSON metadata (parameters, column names, categories...). PyTorch
 * reads the file as it is, and files PyTorch wrote load here (their kind is {@code "safetensors"},
 * their metadata the header's strings).
 *
 * <p>Code that applies an artifact first calls {@link #require} with the kinds it can apply and
 * the newest schema it reads, so that a model of another kind, or one saved by a newer Gyrus,
 * gives a clear message instead of a failure deep inside the reading code.
 */
public final class ModelArtifact {

    /** The kind of a file written by something other than Gyrus. */
    public static final String FOREIGN_KIND = "safetensors";

    private static final String KIND_KEY = "gyrus.kind";
    private static final String METADATA_KEY = "gyrus.metadata";
    private static final String SCHEMA_KEY = "gyrus.schema";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String kind;
    private final int schema;
    private final Map<String, Object> metadata;
    private final Map<String, TensorData> tensors;

    private ModelArtifact(String kind, int schema, Map<String, Object> metadata, Map<String, TensorData> tensors) {
        this.kind = Objects.requireNonNull(kind);
        this.schema = schema;
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

    /**
     * The version of the layout of this kind of artifact (its metadata keys and tensors), 1 for
     * the first; raised by the code that writes the kind when old readers would misread it.
     * Files written before versions were recorded are version 1.
     */
    public int schema() {
        return schema;
    }

    /**
     * Checks that this artifact can be read by code that applies {@code kinds} up to schema
     * version {@code newestSchema}.
     *
     * @param what         what the caller needs, for the message (e.g. "a PCA fitted by 'PCA (fit)'")
     * @return this artifact
     * @throws IllegalArgumentException saying which kind was expected and which was found, or that
     *     the artifact was saved by a newer version
     */
    public ModelArtifact require(int newestSchema, String what, Collection<String> kinds) {
        if (!kinds.contains(kind)) {
            throw new IllegalArgumentException("This needs " + what + " (" + (kinds.size() == 1 ? "kind " : "one of the kinds ")
                    + String.join(", ", kinds) + "), but the model is " + describe());
        }
        if (schema > newestSchema) {
            throw new IllegalArgumentException("The " + kind + " model was saved with schema version " + schema
                    + ", newer than version " + newestSchema + ", the newest this plug-in reads; update Gyrus to use it");
        }
        return this;
    }

    /** Checks, as {@link #require(int, String, Collection)}, for one kind. */
    public ModelArtifact require(int newestSchema, String what, String kind) {
        return require(newestSchema, what, List.of(kind));
    }

    /**
     * Reads this artifact with {@code reader}, turning the failures of malformed content — an
     * entry missing or of another type than the reader expects — into one clear message naming
     * the kind, instead of a {@code ClassCastException} or {@code NullPointerException}.
     *
     * @throws IllegalArgumentException when the content is not what the reader expects
     */
    public <T> T read(Function<ModelArtifact, T> reader) {
        try {
            return reader.apply(this);
        } catch (ClassCastException | NullPointerException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("The " + kind + " model (schema version " + schema + ") is incomplete or "
                    + "damaged: an entry is missing or not of the expected type (" + e + ")", e);
        }
    }

    private String describe() {
        return FOREIGN_KIND.equals(kind) ? "a plain safetensors file without Gyrus metadata" : "a " + kind + " model";
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
        header.put(SCHEMA_KEY, Integer.toString(schema));
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
            return new ModelArtifact(FOREIGN_KIND, 1, new LinkedHashMap<>(header), tensors);
        }
        int schema;
        try {
            schema = Integer.parseInt(header.getOrDefault(SCHEMA_KEY, "1").strip());
        } catch (NumberFormatException e) {
            throw new IOException(file + ": the Gyrus schema version in its header, '" + header.get(SCHEMA_KEY)
                    + "', is not a whole number");
        }
        if (schema < 1) {
            throw new IOException(file + ": the Gyrus schema version in its header is " + schema + "; versions start at 1");
        }
        Map<String, Object> metadata;
        try {
            metadata = JSON.readValue(header.getOrDefault(METADATA_KEY, "{}"), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": the Gyrus metadata in its header is not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        return new ModelArtifact(kind, schema, metadata, tensors);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelArtifact m && m.kind.equals(kind) && m.schema == schema && m.metadata.equals(metadata)
                && m.tensors.equals(tensors);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, schema, metadata, tensors);
    }

    @Override
    public String toString() {
        return "ModelArtifact[" + kind + " schema " + schema + ", tensors " + tensors.keySet() + "]";
    }

    /** Assembles a {@link ModelArtifact}. */
    public static final class Builder {
        private final String kind;
        private int schema = 1;
        private final Map<String, Object> metadata = new LinkedHashMap<>();
        private final Map<String, TensorData> tensors = new LinkedHashMap<>();

        private Builder(String kind) {
            this.kind = Objects.requireNonNull(kind);
        }

        /** The schema version of this kind's layout (default 1); see {@link ModelArtifact#schema()}. */
        public Builder schema(int version) {
            if (version < 1) {
                throw new IllegalArgumentException("Schema versions start at 1, not " + version);
            }
            schema = version;
            return this;
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
            return new ModelArtifact(kind, schema, metadata, tensors);
        }
    }
}
