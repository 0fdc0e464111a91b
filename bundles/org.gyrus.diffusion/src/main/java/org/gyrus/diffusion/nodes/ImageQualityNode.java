package org.gyrus.diffusion.nodes;

import java.util.Arrays;

import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.gyrus.data.Volume;
import org.gyrus.diffusion.ImageQuality;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** PSNR and SSIM of a volume against a clean reference, whole and per axial slice. */
@Component(service = NodeType.class)
public final class ImageQualityNode implements NodeType {

    /** Parameters. */
    public static final class Parameters {
        /** Data range. */
        @Parameter(label = "Data range", description = "The intensity range of the images for PSNR and SSIM; 0 takes the clean volume's max − min", min = "0")
        public double dataRange = 0;
    }

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("org.gyrus.diffusion.image-quality", "1.0.0")
            .name("Image quality (PSNR, SSIM)")
            .category(VolumeFrames.CATEGORY)
            .documentation("PSNR and SSIM of a test volume against the clean one: for the whole volume (3-D SSIM) and for each axial slice. "
                    + "SSIM as scikit-image's structural_similarity with gaussian_weights=True, sigma=1.5, use_sample_covariance=False "
                    + "(Wang et al. 2004); each side of the volume (and slice) needs at least 11 voxels.")
            .input("clean", Volume.class, "The clean reference volume")
            .input("volume", Volume.class, "The volume to score (noisy or denoised), on the same grid")
            .output("table", Table.class, "One row for the whole volume, then one per slice: scope, slice, psnr_db, ssim")
            .parameters(Parameters.class)
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void execute(NodeContext context) {
        Parameters p = context.parameters(Parameters.class);
        Volume clean = context.input("clean", Volume.class);
        Volume test = context.input("volume", Volume.class);
        if (!Arrays.equals(clean.dimensions(), test.dimensions())) {
            throw new IllegalArgumentException("Image quality: the clean volume " + Arrays.toString(clean.dimensions())
                    + " and the scored volume " + Arrays.toString(test.dimensions()) + " are not on the same grid");
        }
        if (clean.numDimensions() < 2 || clean.numDimensions() > 3) {
            throw new IllegalArgumentException("Image quality: 2-D or 3-D volumes only, not " + clean.numDimensions() + "-D");
        }
        int[] dims = Arrays.stream(clean.dimensions()).mapToInt(Math::toIntExact).toArray();
        float[] a = clean.toFloatArray();
        float[] b = test.toFloatArray();
        double range = p.dataRange;
        if (range == 0) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (float v : a) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            range = hi - lo;
            if (!(range > 0)) {
                throw new IllegalArgumentException("Image quality: the clean volume is constant; give the data range");
            }
        }
        int slices = dims.length == 3 ? dims[2] : 0;
        int rows = 1 + slices;
        String[] scope = new String[rows];
        double[] slice = new double[rows];
        double[] psnr = new double[rows];
        double[] ssim = new double[rows];
        scope[0] = "volume";
        slice[0] = Double.NaN;
        psnr[0] = ImageQuality.psnr(a, b, range);
        ssim[0] = ImageQuality.ssim(a, b, dims, range);
        if (slices > 0) {
            context.checkCancelled();
            double[] ps = ImageQuality.psnrPerSlice(a, b, dims, range);
            double[] ss = ImageQuality.ssimPerSlice(a, b, dims, range);
            for (int z = 0; z < slices; z++) {
                scope[z + 1] = "slice";
                slice[z + 1] = z;
                psnr[z + 1] = ps[z];
                ssim[z + 1] = ss[z];
            }
        }
        context.output("table", Table.of(new TextColumn("scope", scope), new NumericColumn("slice", slice),
                new NumericColumn("psnr_db", psnr), new NumericColumn("ssim", ssim)));
        context.progress(1);
    }
}
