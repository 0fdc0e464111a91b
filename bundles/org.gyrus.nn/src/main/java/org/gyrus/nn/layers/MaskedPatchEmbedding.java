package org.gyrus.nn.layers;

import java.util.Map;
import java.util.Random;
import org.gyrus.nn.Tensor;

/**
 * Tokens from patches a caller has already cut (e.g. the 3-D patches of a volume that lie inside a
 * brain mask): each patch's voxels are projected to a token by a linear layer (child {@code proj})
 * and a fixed positional encoding of the patch's world coordinate is added. The coordinates, in
 * millimetres, are the buffer {@code coordinates [patches, 3]}, so the encoding follows the
 * anatomy, not the voxel grid.
 *
 * <p>The encoding of a point {@code (x, y, z)}: with {@code k = d_model / 6} frequencies
 * {@code w_i = max_wavelength^(-i/k)} (radians per millimetre), channel {@code 2k a + 2i} is
 * {@code sin(c_a w_i)} and channel {@code 2k a + 2i + 1} is {@code cos(c_a w_i)} for axis
 * {@code a}; the last {@code d_model - 6k} channels are zero.
 *
 * <p>Input {@code [N, patches * patch_voxels]} or {@code [N, patches, patch_voxels]}; output
 * {@code [N, patches, d_model]}.
 */
public final class MaskedPatchEmbedding extends Module {

    private final int patches;
    private final int patchVoxels;
    private final int dModel;
    private final float maxWavelength;
    private final Tensor coordinates;
    private final Linear proj;

    /**
     * @param patches       number of patches (tokens)
     * @param patchVoxels   voxels per patch
     * @param dModel        token width, at least 6
     * @param maxWavelength the longest wavelength's scale in millimetres (e.g. 1000)
     * @param coordinates   {@code [patches * 3]} world coordinates of the patch centres (mm), or null (zeros, to be loaded)
     * @param random        seeded source for the initial weights
     */
    public MaskedPatchEmbedding(int patches, int patchVoxels, int dModel, float maxWavelength, float[] coordinates, Random random) {
        if (patches < 1 || patchVoxels < 1 || dModel < 6 || !(maxWavelength > 1)) {
            throw new IllegalArgumentException("masked patch embedding: need patches, voxels >= 1, d_model >= 6 and a wavelength > 1, got "
                    + patches + ", " + patchVoxels + ", " + dModel + ", " + maxWavelength);
        }
        if (coordinates != null && coordinates.length != patches * 3) {
            throw new IllegalArgumentException("masked patch embedding: " + coordinates.length / 3.0 + " coordinates for " + patches + " patches");
        }
        this.patches = patches;
        this.patchVoxels = patchVoxels;
        this.dModel = dModel;
        this.maxWavelength = maxWavelength;
        this.coordinates = buffer("coordinates", coordinates == null ? Tensor.zeros(patches, 3)
                : Tensor.of(coordinates, patches, 3), false);
        this.proj = child("proj", new Linear(patchVoxels, dModel, random));
    }

    /** @return the number of tokens (patches) */
    public int tokens() {
        return patches;
    }

    /** @return the positional encoding {@code [patches, d_model]} of the current coordinates */
    public Tensor positionalEncoding() {
        int k = dModel / 6;
        float[] c = coordinates.data();
        float[] pe = new float[patches * dModel];
        for (int p = 0; p < patches; p++) {
            for (int a = 0; a < 3; a++) {
                for (int i = 0; i < k; i++) {
                    double w = Math.pow(maxWavelength, -(double) i / k);
                    double angle = c[p * 3 + a] * w;
                    pe[p * dModel + 2 * k * a + 2 * i] = (float) Math.sin(angle);
                    pe[p * dModel + 2 * k * a + 2 * i + 1] = (float) Math.cos(angle);
                }
            }
        }
        return Tensor.wrap(pe, 1, patches, dModel);
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.size() != x.dim(0) * patches * patchVoxels) {
            throw new IllegalArgumentException("the masked patch embedding takes [N, " + patches + " × " + patchVoxels
                    + "] patch values, got " + java.util.Arrays.toString(x.shape()));
        }
        return proj.forward(x.reshape(x.dim(0), patches, patchVoxels)).add(positionalEncoding());
    }

    @Override
    public Map<String, Object> describe() {
        return Options.describe("MaskedPatchEmbedding", "patches", patches, "patch_voxels", patchVoxels, "d_model", dModel,
                "max_wavelength", Double.parseDouble(Float.toString(maxWavelength)));
    }

    static MaskedPatchEmbedding build(Options o) {
        o.allow("patches", "patch_voxels", "d_model", "max_wavelength");
        return new MaskedPatchEmbedding(o.integer("patches"), o.integer("patch_voxels"), o.integer("d_model"),
                o.real("max_wavelength", 1000f), null, new Random(0));
    }
}
