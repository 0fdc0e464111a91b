package org.gyrus.io.nodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.FeatureSpec;
import org.gyrus.data.Volume;
import org.gyrus.data.VolumeMask;
import org.gyrus.data.VolumeSet;
import org.gyrus.data.VolumeSetSpec;
import org.gyrus.data.VolumeSpec;
import org.gyrus.io.features.VolumeMasks;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.gyrus.pipeline.SpecContext;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** The "Volumes to Features" node: volumes and a mask to a feature matrix of in-mask voxels. */
@Component(service = NodeType.class)
public final class VolumesToFeaturesNode implements NodeType {

    /** How the mask is made when none is connected. */
    public enum MaskMode {
        /** Voxels of the mean volume above the threshold. */
        THRESHOLD,
        /** Voxels of the mean volume above Otsu's threshold. */
        OTSU
    }

    /** The node's parameters. */
    public static final class Parameters {
        /** Automatic mask mode. */
        @Parameter(label = "Automatic mask", description = "When no mask is connected: THRESHOLD or OTSU on the mean volume")
        public MaskMode mode = MaskMode.OTSU;
        /** The threshold of THRESHOLD mode. */
        @Parameter(label = "Threshold", description = "Mean-volume value above which a voxel is in the mask (THRESHOLD mode)")
        public double threshold = 0;
    }

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("org.gyrus.io.volumes-to-features", "1.0.0")
            .name("Volumes to Features")
            .category("Input/Output")
            .documentation("""
                    Turns volumes into a feature matrix: one row per subject, one column per voxel inside the \
                    mask (named v<x>_<y>_<z>, and v<x>_<y>_<z>_<t> for 4-D data). The mask is the connected one, which \
                    must lie on the volumes' grid (same shape and voxel-to-world affine), or made from the mean of the \
                    volumes by a threshold or Otsu's method; it is output for Features to Volume.""")
            .input("volumes", VolumeSet.class, "The volumes, all on one grid (shape and affine)")
            .optionalInput("mask", Volume.class, "A mask on the volumes' grid, same shape and affine (non-zero = inside)")
            .output("features", FeatureMatrix.class, "Subjects × in-mask voxels")
            .output("mask", Volume.class, "The mask used")
            .parameters(Parameters.class)
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** Reports a connected mask on another grid than the volumes; the features are known only once the mask is. */
    @Override
    public void configure(SpecContext context) {
        Optional<VolumeSpec> volumes = context.input("volumes", VolumeSetSpec.class).flatMap(VolumeSetSpec::each);
        Optional<VolumeSpec> mask = context.input("mask", VolumeSpec.class);
        if (volumes.isPresent() && mask.isPresent()) {
            mask.get().gridMismatch(volumes.get()).ifPresent(why -> context.problem("inputs.mask",
                    "the mask is not on the volumes' grid: " + why));
        }
        context.output("features", FeatureSpec.unknownFeatures());
        if (context.connected("mask")) {
            mask.ifPresent(m -> context.output("mask", m));
        } else {
            volumes.filter(v -> v.dimensions().length == 3).ifPresent(v -> context.output("mask", v));
        }
    }

    @Override
    public void execute(NodeContext context) throws Exception {
        Parameters p = context.parameters(Parameters.class);
        VolumeSet volumes = context.input("volumes", VolumeSet.class);
        Volume mask = context.optionalInput("mask", Volume.class).orElse(null);
        String maskName = "the mask (input 'mask')";
        if (mask == null) {
            List<Volume> all = new ArrayList<>();
            for (String id : volumes.ids()) {
                context.checkCancelled();
                all.add(volumes.get(id));
            }
            Volume mean = VolumeMasks.mean(all);
            mask = p.mode == MaskMode.THRESHOLD ? VolumeMasks.threshold(mean, p.threshold) : VolumeMasks.otsu(mean);
            maskName = "the automatic " + p.mode + " mask of the mean volume";
        }
        context.progress(0.5);
        context.output("features", new VolumeMask(mask, maskName).toFeatures(volumes, "input 'volumes'"));
        context.output("mask", mask);
        context.progress(1);
    }
}
