package org.gyrus.nn.layers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gyrus.nn.io.Json;
import org.gyrus.nn.io.Safetensors;
import org.gyrus.nn.io.TensorData;

/**
 * Self-describing network files: one safetensors file holding the weights under PyTorch's
 * parameter names and, in its metadata under {@value #METADATA_KEY}, a versioned JSON description
 * of the module graph, from which {@link #load} rebuilds the network without knowing which
 * program trained it. The format is documented in {@code docs/network-format.md}.
 *
 * <pre>
 * {"format": "gyrus-network", "version": 1,
 *  "module": {"type": "Sequential", "layers": [{"type": "Conv2d", "in_channels": 1, ...}, ...]}}
 * </pre>
 *
 * <p>The same description can travel inside a Gyrus {@code ModelArtifact} of kind
 * {@value #ARTIFACT_KIND}, as its metadata entry {@value #ARTIFACT_ENTRY}; {@link #load} reads both
 * layouts, and {@link #rebuild} builds a network from a description and weights held elsewhere.
 */
public final class NetworkFile {

    /** The metadata key of the description. */
    public static final String METADATA_KEY = "gyrus.network";
    /** The value of the description's {@code format} field. */
    public static final String FORMAT = "gyrus-network";
    /** The newest description version this code reads and the one it writes. */
    public static final int VERSION = 1;
    /** The kind of a Gyrus model artifact that holds a network. */
    public static final String ARTIFACT_KIND = "network";
    /** The metadata entry of such an artifact that holds the description (as a JSON object). */
    public static final String ARTIFACT_ENTRY = "network";
    private static final String ARTIFACT_KIND_KEY = "gyrus.kind";
    private static final String ARTIFACT_METADATA_KEY = "gyrus.metadata";

    /** Every layer type a description may name, in the order of the format's documentation. */
    static final List<String> TYPES = List.of("Sequential", "ModuleList", "Linear", "Conv1d", "Conv2d", "Conv3d",
            "ConvTranspose2d", "ConvTranspose3d", "MaxPool2d", "MaxPool3d", "AvgPool2d", "AvgPool3d",
            "AdaptiveAvgPool2d", "AdaptiveAvgPool3d", "BatchNorm2d", "BatchNorm3d", "GroupNorm", "LayerNorm",
            "Upsample", "Flatten", "Dropout", "ReLU", "LeakyReLU", "ELU", "GELU", "SiLU", "Sigmoid", "Tanh", "Softplus",
            "SinusoidalEmbedding", "ResidualBlock", "AttentionBlock", "UNet", "TransformerEncoderLayer", "FeatureTokenizer",
            "PatchEmbedding", "MaskedPatchEmbedding", "TokenTransformer");

    private NetworkFile() {
    }

    /**
     * Returns the description of a network as the JSON stored in a network file.
     *
     * @param network the network
     * @return the JSON text
     * @throws IllegalArgumentException if a module in it cannot be described
     */
    public static String describe(Module network) {
        return Json.write(describeAsObject(network));
    }

    /**
     * Returns the description of a network as JSON values (maps, lists, strings, numbers,
     * booleans), e.g. to store in a model artifact's metadata.
     *
     * @param network the network
     * @return the description: {@code format}, {@code version}, {@code module}
     * @throws IllegalArgumentException if a module in it cannot be described
     */
    public static Map<String, Object> describeAsObject(Module network) {
        Map<String, Object> module = network.describe();
        if (module == null) {
            throw new IllegalArgumentException(network.getClass().getSimpleName()
                    + " cannot be described in a network file (it, or one of its layers, has no description)");
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("module", module);
        return root;
    }

    /**
     * Saves a network's description and its parameters and buffers in one safetensors file,
     * atomically.
     *
     * @param network  the network
     * @param file     the file
     * @param metadata further string metadata (e.g. what the network was trained on), may be empty
     * @throws IOException if writing fails
     */
    public static void save(Module network, Path file, Map<String, String> metadata) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        if (metadata != null) {
            meta.putAll(metadata);
        }
        meta.put(METADATA_KEY, describe(network));
        Safetensors.write(file, network.stateDict(), meta);
    }

    /**
     * Rebuilds the network a file describes and loads its weights. The network is in evaluation
     * mode.
     *
     * @param file a network file (written here or by PyTorch with the same metadata)
     * @return the network
     * @throws IOException if the file cannot be read, has no or an unreadable description, names an
     *                     unknown layer type or a newer version, or its weights do not fit
     */
    public static Module load(Path file) throws IOException {
        Map<String, String> meta = Safetensors.readMetadata(file);
        String description = meta.get(METADATA_KEY);
        if (description == null && ARTIFACT_KIND.equals(meta.get(ARTIFACT_KIND_KEY))) {
            description = artifactDescription(file, meta.get(ARTIFACT_METADATA_KEY));
        }
        if (description == null) {
            throw new IOException(file + ": not a network file: its safetensors metadata has no \"" + METADATA_KEY
                    + "\" entry describing the network (plain weights load with Module.load into a network you build)");
        }
        try {
            return rebuild(description, Safetensors.read(file));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static String artifactDescription(Path file, String metadataJson) throws IOException {
        Object parsed;
        try {
            parsed = metadataJson == null ? null : Json.parse(metadataJson);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": the network artifact's metadata is not valid JSON: " + e.getMessage(), e);
        }
        if (!(parsed instanceof Map<?, ?> m) || !(m.get(ARTIFACT_ENTRY) instanceof Map<?, ?> d)) {
            throw new IOException(file + ": a model artifact of kind \"" + ARTIFACT_KIND + "\" must hold its description in "
                    + "the metadata entry \"" + ARTIFACT_ENTRY + "\"");
        }
        return Json.write(d);
    }

    /**
     * Builds the network a description names and loads its weights; the network is in evaluation
     * mode.
     *
     * @param description the description: its JSON text, or the same as JSON values (a map)
     * @param weights     parameters and buffers by PyTorch name
     * @return the network
     * @throws IllegalArgumentException naming what does not fit: the description, or the weights
     */
    public static Module rebuild(Object description, Map<String, TensorData> weights) {
        Module network = build(description instanceof String text ? text : Json.write(description));
        try {
            network.loadStateDict(weights);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the weights do not fit the described network: " + e.getMessage(), e);
        }
        network.eval();
        return network;
    }

    /**
     * Builds the network a description names, with freshly initialised weights.
     *
     * @param description the JSON text of {@link #describe}
     * @return the network, in training mode
     * @throws IllegalArgumentException naming the problem and where in the description it is
     */
    public static Module build(String description) {
        Object parsed;
        try {
            parsed = Json.parse(description);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("network description is not valid JSON: " + e.getMessage(), e);
        }
        if (!(parsed instanceof Map<?, ?> root)) {
            throw new IllegalArgumentException("network description must be a JSON object");
        }
        if (!FORMAT.equals(root.get("format"))) {
            throw new IllegalArgumentException("network description has format " + root.get("format")
                    + ", expected \"" + FORMAT + "\"");
        }
        if (!(root.get("version") instanceof Long version) || version < 1) {
            throw new IllegalArgumentException("network description has no valid version: " + root.get("version"));
        }
        if (version > VERSION) {
            throw new IllegalArgumentException("network description version " + version
                    + " was written by a newer Gyrus; this one reads versions up to " + VERSION + ": update Gyrus");
        }
        return module(root.get("module"), "module");
    }

    static Module module(Object spec, String where) {
        if (!(spec instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("network description: " + where + " must be an object with a \"type\"");
        }
        if (!(m.get("type") instanceof String type)) {
            throw new IllegalArgumentException("network description: " + where + " has no \"type\"");
        }
        Options o = new Options(m, "network description: " + type + " at " + where);
        return switch (type) {
            case "Sequential" -> new Sequential(children(o.allow("layers"), "layers", where).toArray(new Module[0]));
            case "ModuleList" -> new ModuleList(children(o.allow("modules"), "modules", where));
            case "Linear" -> Linear.build(o);
            case "Conv1d" -> Conv1d.build(o);
            case "Conv2d" -> Conv2d.build(o);
            case "Conv3d" -> Conv3d.build(o);
            case "ConvTranspose2d" -> ConvTranspose2d.build(o);
            case "ConvTranspose3d" -> ConvTranspose3d.build(o);
            case "MaxPool2d" -> MaxPool2d.build(o);
            case "MaxPool3d" -> MaxPool3d.build(o);
            case "AvgPool2d" -> AvgPool2d.build(o);
            case "AvgPool3d" -> AvgPool3d.build(o);
            case "AdaptiveAvgPool2d" -> AdaptiveAvgPool2d.build(o);
            case "AdaptiveAvgPool3d" -> AdaptiveAvgPool3d.build(o);
            case "BatchNorm2d" -> BatchNorm2d.build(o);
            case "BatchNorm3d" -> BatchNorm3d.build(o);
            case "GroupNorm" -> GroupNorm.build(o);
            case "LayerNorm" -> LayerNorm.build(o);
            case "Upsample" -> Upsample.build(o);
            case "Flatten" -> Flatten.build(o);
            case "Dropout" -> Dropout.build(o);
            case "ReLU", "LeakyReLU", "ELU", "GELU", "SiLU", "Sigmoid", "Tanh", "Softplus" -> Activation.build(type, o);
            case "SinusoidalEmbedding" -> SinusoidalEmbedding.build(o);
            case "ResidualBlock" -> ResidualBlock.build(o);
            case "AttentionBlock" -> AttentionBlock.build(o);
            case "UNet" -> UNet.build(o);
            case "TransformerEncoderLayer" -> TransformerEncoderLayer.build(o);
            case "FeatureTokenizer" -> FeatureTokenizer.build(o);
            case "PatchEmbedding" -> PatchEmbedding.build(o);
            case "MaskedPatchEmbedding" -> MaskedPatchEmbedding.build(o);
            case "TokenTransformer" -> TokenTransformer.build(o);
            default -> throw new IllegalArgumentException("network description: unknown layer type \"" + type + "\" at "
                    + where + "; this Gyrus knows " + String.join(", ", TYPES));
        };
    }

    private static List<Module> children(Options o, String key, String where) {
        if (!(o.raw(key) instanceof List<?> list)) {
            throw o.error("option \"" + key + "\" must be a list of modules");
        }
        List<Module> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(module(list.get(i), where + "." + key + "[" + i + "]"));
        }
        return out;
    }
}
