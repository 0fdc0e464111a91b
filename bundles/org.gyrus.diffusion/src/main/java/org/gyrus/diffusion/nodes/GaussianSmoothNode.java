package org.gyrus.diffusion.nodes;

import org.gyrus.data.Volume;
import org.gyrus.diffusion.GaussianSmoothing;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** Gaussian smoothing of a volume: the classical denoising baseline. */
@Component(service = NodeType.class)
public final class GaussianSmoothNode implements NodeType {

    /** Parameters. */
    public static final class Parameters {
        /** Standard deviation(s). */
        @Parameter(label = "Sigma", description = "Standard deviation of the Gaussian: one value, or one per axis (x, y, z) separated by commas")
        public String sigma = "1";
        /** Unit of sigma. */
        @Parameter(label = "Unit", description = "mm: sigma in millimetres, divided by each axis' voxel size; voxels: sigma in voxels",
                choices = {"mm", "voxels"})
        public String unit = "mm";
        /** Kernel extent. */
        @Parameter(label = "Truncate", description = "The kernel ends at this many standard deviations (scipy's default 4)", min = "0.5")
        public double truncate = GaussianSmoothing.DEFAULT_TRUNCATE;
    }

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("org.gyrus.diffusion.gaussian-smooth", "1.0.0")
            .name("Gaussian smoothing")
            .category(VolumeFrames.CATEGORY)
            .documentation("Separable Gaussian smoothing of each 3-D frame, as scipy.ndimage.gaussian_filter "
                    + "(boundary 'reflect', kernel cut at 'truncate' standard deviations). The output keeps the input's grid and affine.")
            .input("volume", Volume.class, "The volume to smooth")
            .output("volume", Volume.class, "The smoothed volume, same grid and affine")
            .parameters(Parameters.class)
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void execute(NodeContext context) {
        Parameters p = context.parameters(Parameters.class);
        VolumeFrames v = new VolumeFrames(context.input("volume", Volume.class), "Gaussian smoothing");
        double[] sigma = VolumeFrames.perAxis(p.sigma, v.spatial.length, "Gaussian smoothing sigma");
        if (p.unit.equals("mm")) {
            sigma = GaussianSmoothing.sigmaInVoxels(sigma, java.util.Arrays.copyOf(v.volume.voxelSizes(), v.spatial.length));
        }
        double[] s = sigma;
        context.output("volume", v.map(context, f -> GaussianSmoothing.smooth(f, v.spatial, s, p.truncate)));
    }
}
