package org.gyrus.io.nodes;

import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.Volume;
import org.gyrus.data.VolumeMask;
import org.gyrus.data.VolumeSet;
import org.gyrus.data.VolumeSetSpec;
import org.gyrus.data.VolumeSpec;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.gyrus.pipeline.SpecContext;
import org.osgi.service.component.annotations.Component;

/** The "Features to Volume" node: feature rows back onto the mask's grid. */
@Component(service = NodeType.class)
public final class FeaturesToVolumeNode implements NodeType {

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("org.gyrus.io.features-to-volume", "1.0.0")
            .name("Features to Volume")
            .category("Input/Output")
            .documentation("""
                    The inverse of Volumes to Features, for maps and reconstructions: each feature row becomes a \
                    volume on the mask's grid (its affine and voxel sizes), 0 outside the mask. The matrix must \
                    have one column per in-mask voxel.""")
            .input("features", FeatureMatrix.class, "Rows × in-mask voxels")
            .input("mask", Volume.class, "The mask the features were made with")
            .output("volumes", VolumeSet.class, "One volume per row, keyed by row id")
            .output("volume", Volume.class, "The first row's volume (for a single map)")
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** The volumes are on the mask's grid. */
    @Override
    public void configure(SpecContext context) {
        context.input("mask", VolumeSpec.class).ifPresent(m -> {
            context.output("volumes", new VolumeSetSpec(m));
            context.output("volume", m);
        });
    }

    @Override
    public void execute(NodeContext context) {
        FeatureMatrix f = context.input("features", FeatureMatrix.class);
        if (f.rows() == 0) {
            throw new IllegalArgumentException("The feature matrix has no rows");
        }
        VolumeSet vs = new VolumeMask(context.input("mask", Volume.class), "the mask (input 'mask')").toVolumes(f);
        context.output("volumes", vs);
        context.output("volume", vs.get(vs.ids().get(0)));
        context.progress(1);
    }
}
