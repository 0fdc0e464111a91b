package org.gyrus.attention.nodes;

import java.util.LinkedHashMap;
import java.util.Map;

import org.gyrus.attention.AttentionMaps;
import org.gyrus.attention.TransformerModel;
import org.gyrus.attention.VolumeLayout;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.Volume;
import org.gyrus.data.VolumeSet;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.osgi.service.component.annotations.Component;

/** A volume transformer's attention rollout put back into the mask's world space. */
@Component(service = NodeType.class)
public final class AttentionVolumeMapNode implements NodeType {

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("org.gyrus.attention.attention-volume-map", "1.0.0")
            .name("Attention volume map")
            .category(NodeSupport.CATEGORY)
            .documentation("""
                    For a transformer trained on volumes by 'Transformer (fit)': each subject's attention rollout of the [CLS] \
                    token (Abnar and Zuidema 2020) written into the voxels of each patch that lie inside the mask, on the \
                    mask's grid and with its affine, so the map overlays the anatomy in any viewer. 'map' is the mean over \
                    the subjects; write it as NIfTI with the volume writer.""")
            .input("model", ModelArtifact.class, "A transformer trained on volumes by 'Transformer (fit)'")
            .input("volumes", VolumeSet.class, "The subjects' volumes, on the mask's grid")
            .input("mask", Volume.class, "The mask the model was fitted with")
            .output("map", Volume.class, "The mean attention rollout over the subjects, in the mask's world space")
            .output("maps", VolumeSet.class, "Each subject's attention rollout, in the mask's world space")
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void execute(NodeContext context) {
        TransformerModel model = TransformerModel.fromArtifact(context.input("model", ModelArtifact.class));
        if (!(model.layout() instanceof VolumeLayout layout)) {
            throw new IllegalArgumentException("The model was fitted on " + model.layout().kind() + " inputs, not volumes: use 'Attention maps'");
        }
        VolumeSet volumes = context.input("volumes", VolumeSet.class);
        Volume mask = context.input("mask", Volume.class);
        AttentionMaps maps = AttentionMaps.of(model, layout.encode(volumes, volumes.ids(), mask));
        Map<String, Volume> each = new LinkedHashMap<>();
        for (int s = 0; s < maps.samples(); s++) {
            String id = volumes.ids().get(s);
            each.put(id, layout.toVolume(maps.rollout()[s], mask, "attention rollout of " + id));
        }
        context.output("map", layout.toVolume(maps.meanRollout(), mask, "mean attention rollout"));
        context.output("maps", VolumeSet.of(each));
        context.progress(1);
    }
}
