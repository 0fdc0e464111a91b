package org.example.intensity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.imglib2.img.array.ArrayImgs;

import org.gyrus.data.ColumnRole;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.gyrus.data.Volume;
import org.gyrus.data.VolumeSet;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/**
 * The node: z-scores every volume of a set on its own (per-subject intensity normalisation), and
 * tables the statistics it used. The work is {@link ZScore}'s; this class only describes the node
 * and moves data in and out.
 */
@Component(service = NodeType.class)
public final class ZScoreNode implements NodeType {

    /** The parameters, read by Gyrus from the SciJava annotations. */
    public static final class Parameters {
        /** Voxels at or below it are background: left out of the statistics and set to 0. */
        @Parameter(label = "Background threshold", description = "Voxels at or below this value are background", min = "-1e9",
                max = "1e9")
        public double threshold = 0;
    }

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("org.example.intensity.zscore", "1.0.0")
            .name("Z-score intensities").category("Preprocess/Intensity")
            .documentation("Normalises each volume's intensities to mean 0 and standard deviation 1 over the voxels above the"
                    + " background threshold (population standard deviation); background voxels become 0.")
            .input("volumes", VolumeSet.class, "The volumes, one per subject")
            .output("volumes", VolumeSet.class, "The normalised volumes, on the same grids")
            .output("statistics", Table.class, "Per subject: the mean, standard deviation and number of voxels used")
            .parameters(Parameters.class).build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void execute(NodeContext context) {
        double threshold = context.parameters(Parameters.class).threshold;
        VolumeSet in = context.input("volumes", VolumeSet.class);
        List<String> ids = in.ids();
        Map<String, Volume> out = new LinkedHashMap<>();
        double[] means = new double[ids.size()];
        double[] sds = new double[ids.size()];
        double[] counts = new double[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            if (context.isCancelled()) {
                return;
            }
            Volume v = in.get(ids.get(i));
            float[] voxels = v.toFloatArray();
            ZScore.Statistics s;
            try {
                s = ZScore.statistics(voxels, threshold);
                out.put(ids.get(i), v.toBuilder(ArrayImgs.floats(ZScore.normalise(voxels, threshold, s), v.dimensions())).build());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("subject " + ids.get(i) + ": " + e.getMessage(), e);
            }
            means[i] = s.mean();
            sds[i] = s.sd();
            counts[i] = s.voxels();
            context.progress((i + 1.0) / ids.size());
        }
        context.output("volumes", VolumeSet.of(out));
        context.output("statistics", Table.of(new TextColumn("subject_id", ColumnRole.ID, ids.toArray(String[]::new)),
                NumericColumn.wrap("mean", ColumnRole.FEATURE, means), NumericColumn.wrap("sd", ColumnRole.FEATURE, sds),
                NumericColumn.wrap("voxels", ColumnRole.FEATURE, counts)));
    }
}
