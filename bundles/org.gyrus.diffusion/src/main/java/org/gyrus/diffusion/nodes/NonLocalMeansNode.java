package org.gyrus.diffusion.nodes;

import java.util.Arrays;

import org.gyrus.data.Volume;
import org.gyrus.diffusion.NoiseLevel;
import org.gyrus.diffusion.NonLocalMeans;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** Non-local means denoising of a volume, in 3-D or slice by slice. */
@Component(service = NodeType.class)
public final class NonLocalMeansNode implements NodeType {

    /** Parameters. */
    public static final class Parameters {
        /** Patch radius. */
        @Parameter(label = "Patch radius", description = "Patches have 2·radius + 1 voxels per side", min = "0", max = "10")
        public int patchRadius = 1;
        /** Search radius. */
        // the cost per voxel grows as (2·patch+1)^3 (2·search+1)^3 in 3-D: these defaults keep a 2 mm brain to seconds
        @Parameter(label = "Search radius", description = "Patches are compared within this many voxels along each axis", min = "0", max = "30")
        public int searchRadius = 3;
        /** Noise sigma. */
        @Parameter(label = "Noise sigma", description = "Standard deviation of the noise in intensity units; 0 estimates it from the image (MAD of the finest wavelet band)", min = "0")
        public double sigma = 0;
        /** h. */
        @Parameter(label = "h (× sigma)", description = "The filter strength h as a multiple of the noise sigma (scikit-image suggests about 0.8): larger smooths more", min = "0.01")
        public double hFactor = 0.8;
        /** 2-D or 3-D. */
        @Parameter(label = "Mode", description = "3d: patches are cubes; slices: each axial (x-y) slice is denoised on its own", choices = {"3d", "slices"})
        public String mode = "3d";
    }

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("org.gyrus.diffusion.non-local-means", "1.0.0")
            .name("Non-local means")
            .category(VolumeFrames.CATEGORY)
            .documentation("Non-local means (Buades et al. 2005) with scikit-image's definition (denoise_nl_means, fast_mode=False) "
                    + "but the exact exponential. The output keeps the input's grid and affine.")
            .input("volume", Volume.class, "The noisy volume")
            .output("volume", Volume.class, "The denoised volume, same grid and affine")
            .parameters(Parameters.class)
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void execute(NodeContext context) {
        Parameters p = context.parameters(Parameters.class);
        VolumeFrames v = new VolumeFrames(context.input("volume", Volume.class), "Non-local means");
        if (v.spatial.length < 2) {
            throw new IllegalArgumentException("Non-local means needs an image of 2 or 3 dimensions, not " + v.spatial.length);
        }
        context.output("volume", v.map(context, f -> denoise(p, f, v.spatial)));
    }

    private static float[] denoise(Parameters p, float[] frame, int[] dims) {
        double sigma = p.sigma > 0 ? p.sigma : NoiseLevel.gaussianSigma(frame, dims);
        if (sigma == 0) {
            return frame.clone(); // a noiseless (constant) image stays as it is
        }
        NonLocalMeans nlm = new NonLocalMeans(p.patchRadius, p.searchRadius, p.hFactor * sigma, sigma);
        if (p.mode.equals("3d") || dims.length == 2) {
            return nlm.denoise(frame, dims);
        }
        int plane = dims[0] * dims[1];
        float[] out = new float[frame.length];
        for (int z = 0; z < dims[2]; z++) {
            float[] s = nlm.denoise(Arrays.copyOfRange(frame, z * plane, (z + 1) * plane), new int[] {dims[0], dims[1]});
            System.arraycopy(s, 0, out, z * plane, plane);
        }
        return out;
    }
}
