package org.gyrus.attention;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.gyrus.nn.layers.Module;
import org.gyrus.nn.layers.PatchEmbedding;

/**
 * Vision-Transformer tokens: an image (rows of a feature matrix with sample shape
 * {@code [C, H, W]}) cut into non-overlapping patches, row by row, each projected to a token; a
 * learned positional embedding tells the patches apart.
 *
 * @param channels C
 * @param height   H
 * @param width    W
 * @param patch    the patch's side in pixels
 */
public record ImageLayout(int channels, int height, int width, int patch) implements InputLayout {

    /**
     * @throws IllegalArgumentException if the image is not a whole number of patches
     */
    public ImageLayout {
        if (patch < 1 || height % patch != 0 || width % patch != 0) {
            throw new IllegalArgumentException("Images of " + height + " × " + width + " pixels are not a whole number of "
                    + patch + " × " + patch + " patches: choose a patch size that divides both");
        }
    }

    /**
     * The layout of images with a sample shape {@code [H, W]} or {@code [C, H, W]}.
     *
     * @throws IllegalArgumentException for other shapes
     */
    public static ImageLayout of(int[] sampleShape, int patch) {
        if (sampleShape.length == 2) {
            return new ImageLayout(1, sampleShape[0], sampleShape[1], patch);
        }
        if (sampleShape.length == 3) {
            return new ImageLayout(sampleShape[0], sampleShape[1], sampleShape[2], patch);
        }
        throw new IllegalArgumentException("Image rows need a sample shape [H, W] or [C, H, W], got " + java.util.Arrays.toString(sampleShape)
                + " (3-D patches come from the 'volumes' and 'mask' inputs)");
    }

    @Override
    public String kind() {
        return "image";
    }

    /** @return patches across */
    public int columns() {
        return width / patch;
    }

    @Override
    public int tokens() {
        return (height / patch) * columns();
    }

    @Override
    public List<String> tokenNames() {
        List<String> names = new ArrayList<>();
        for (int r = 0; r < height / patch; r++) {
            for (int c = 0; c < columns(); c++) {
                names.add("patch_" + r + "_" + c);
            }
        }
        return names;
    }

    @Override
    public int[] sampleShape() {
        return new int[] {channels, height, width};
    }

    @Override
    public boolean learnedPositions() {
        return true;
    }

    @Override
    public Module tokenizer(int tokenWidth, Random random) {
        return new PatchEmbedding(2, channels, new int[] {height, width}, new int[] {patch, patch}, tokenWidth, random);
    }

    @Override
    public Map<String, Object> toMetadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind());
        m.put("sample_shape", InputLayout.list(sampleShape()));
        m.put("patch", patch);
        return m;
    }

    static ImageLayout fromMetadata(Map<?, ?> m) {
        int[] s = InputLayout.ints(m.get("sample_shape"));
        return new ImageLayout(s[0], s[1], s[2], ((Number) m.get("patch")).intValue());
    }
}
