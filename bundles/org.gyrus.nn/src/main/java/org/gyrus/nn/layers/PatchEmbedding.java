package org.gyrus.nn.layers;

import java.util.Map;
import java.util.Random;
import org.gyrus.nn.Tensor;

/**
 * The Vision Transformer's patch embedding: non-overlapping patches of an image (or volume), each
 * linearly projected to a token by a convolution whose kernel and stride are the patch size
 * (child {@code proj}, a {@code Conv2d} or {@code Conv3d}). Input {@code [N, C, H, W]} (or
 * {@code [N, C, D, H, W]}); output {@code [N, patches, d_model]}, patches in row-major order of
 * the patch grid.
 */
public final class PatchEmbedding extends Module {

    private final int dims;
    private final int inChannels;
    private final int[] imageSize;
    private final int[] patchSize;
    private final int dModel;
    private final int tokens;
    private final Module proj;

    /**
     * @param dims       2 for images, 3 for volumes
     * @param inChannels input channels
     * @param imageSize  the image's size per spatial axis; each a multiple of the patch size
     * @param patchSize  the patch's size per spatial axis
     * @param dModel     token width
     * @param random     seeded source for the initial weights
     */
    public PatchEmbedding(int dims, int inChannels, int[] imageSize, int[] patchSize, int dModel, Random random) {
        if ((dims != 2 && dims != 3) || imageSize.length != dims || patchSize.length != dims) {
            throw new IllegalArgumentException("patch embedding: dims must be 2 or 3 with one image and patch size per axis");
        }
        int t = 1;
        for (int a = 0; a < dims; a++) {
            if (patchSize[a] < 1 || imageSize[a] % patchSize[a] != 0) {
                throw new IllegalArgumentException("patch embedding: image size " + java.util.Arrays.toString(imageSize)
                        + " is not a whole number of patches of " + java.util.Arrays.toString(patchSize));
            }
            t *= imageSize[a] / patchSize[a];
        }
        this.dims = dims;
        this.inChannels = inChannels;
        this.imageSize = imageSize.clone();
        this.patchSize = patchSize.clone();
        this.dModel = dModel;
        this.tokens = t;
        int[] one = new int[dims];
        java.util.Arrays.fill(one, 1);
        this.proj = child("proj", dims == 2
                ? new Conv2d(inChannels, dModel, patchSize, patchSize, Padding.of(0), one, 1, true, random)
                : new Conv3d(inChannels, dModel, patchSize, patchSize, Padding.of(0), one, 1, true, random));
    }

    /** @return the number of tokens (patches) */
    public int tokens() {
        return tokens;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != dims + 2 || x.dim(1) != inChannels) {
            throw new IllegalArgumentException("the patch embedding takes [N, " + inChannels + ", "
                    + java.util.Arrays.toString(imageSize) + "] images, got " + java.util.Arrays.toString(x.shape()));
        }
        Tensor y = proj.forward(x);
        return y.reshape(x.dim(0), dModel, tokens).transpose(1, 2);
    }

    @Override
    public Map<String, Object> describe() {
        return Options.describe("PatchEmbedding", "dims", dims, "in_channels", inChannels, "image_size", imageSize,
                "patch_size", patchSize, "d_model", dModel);
    }

    static PatchEmbedding build(Options o) {
        o.allow("dims", "in_channels", "image_size", "patch_size", "d_model");
        int dims = o.integer("dims");
        if (dims != 2 && dims != 3) {
            throw o.error("option \"dims\" must be 2 or 3, got " + dims);
        }
        return new PatchEmbedding(dims, o.integer("in_channels"), o.ints("image_size", dims), o.ints("patch_size", dims),
                o.integer("d_model"), new Random(0));
    }
}
