package org.gyrus.attention;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.gyrus.nn.layers.Module;

/**
 * How samples become a transformer's tokens, and what each token stands for: the columns of a
 * table ({@link TableLayout}), the patches of an image ({@link ImageLayout}) or the patches of a
 * volume inside a mask ({@link VolumeLayout}). A fitted model keeps its layout in its metadata, so
 * that new data are tokenised the same way and attention maps can be put back where the tokens
 * came from.
 */
public sealed interface InputLayout permits TableLayout, ImageLayout, VolumeLayout {

    /** The metadata entry that holds a layout. */
    String METADATA_ENTRY = "input";

    /** @return "table", "image" or "volume" */
    String kind();

    /** @return the number of tokens a sample becomes ([CLS] not counted) */
    int tokens();

    /** @return what each token stands for: feature names, "patch r,c" or "patch x,y,z" */
    List<String> tokenNames();

    /** @return the values of one sample as the tokenizer takes them (its tensor shape without the batch axis) */
    int[] sampleShape();

    /** @return whether the transformer learns a positional embedding (images), or the tokens carry their identity (tables, volumes) */
    boolean learnedPositions();

    /**
     * Builds the tokenizer module.
     *
     * @param width  token width
     * @param random seeded source for the initial weights
     */
    Module tokenizer(int width, Random random);

    /** @return the layout as JSON values, for a model's metadata */
    Map<String, Object> toMetadata();

    /**
     * Reads a layout from a model's metadata.
     *
     * @throws IllegalArgumentException naming what is missing or unknown
     */
    static InputLayout fromMetadata(Object entry) {
        if (!(entry instanceof Map<?, ?> m) || !(m.get("kind") instanceof String kind)) {
            throw new IllegalArgumentException("The transformer model has no input layout (metadata '" + METADATA_ENTRY + "')");
        }
        return switch (kind) {
            case "table" -> TableLayout.fromMetadata(m);
            case "image" -> ImageLayout.fromMetadata(m);
            case "volume" -> VolumeLayout.fromMetadata(m);
            default -> throw new IllegalArgumentException("The transformer model's input kind '" + kind
                    + "' is unknown to this version (table, image, volume)");
        };
    }

    /** A list of JSON numbers as ints. */
    static int[] ints(Object list) {
        return ((List<?>) list).stream().mapToInt(v -> ((Number) v).intValue()).toArray();
    }

    /** A list of JSON numbers as doubles. */
    static double[] doubles(Object list) {
        return ((List<?>) list).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }

    /** Ints as a JSON list. */
    static List<Integer> list(int[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }
}
