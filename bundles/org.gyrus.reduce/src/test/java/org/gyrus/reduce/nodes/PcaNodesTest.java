package org.gyrus.reduce.nodes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.gyrus.data.ColumnRole;
import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.Report;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.gyrus.data.Volume;
import org.gyrus.data.VolumeSet;
import org.gyrus.pipeline.NodeRun;
import org.gyrus.pipeline.NodeType;
import org.gyrus.data.VolumeMask;
import org.junit.jupiter.api.Test;

/** The PCA nodes chained as in a pipeline: volumes through a mask, fit, apply, inverse, back to volumes. */
class PcaNodesTest {

    /** 4 × 4 × 2 volumes of 20 subjects: two spatial patterns with random weights, inside a 12-voxel mask. */
    static final class Cohort {
        final Volume mask;
        final VolumeSet volumes;
        final Table labels;

        Cohort() {
            float[] m = new float[32];
            for (int i = 0; i < 32; i++) {
                m[i] = (i % 4 == 0 || i % 5 == 0) ? 0 : 1;
            }
            mask = Volume.builder(m, 4, 4, 2).build();
            SplittableRandom r = new SplittableRandom(1);
            Map<String, Volume> vs = new LinkedHashMap<>();
            String[] ids = new String[20];
            String[] label = new String[20];
            for (int s = 0; s < 20; s++) {
                float[] v = new float[32];
                double a = r.nextGaussian() * 3 + (s % 2) * 4;
                double b = r.nextGaussian();
                for (int i = 0; i < 32; i++) {
                    v[i] = (float) (100 + a * Math.sin(i) + b * (i % 3) + 0.01 * r.nextGaussian());
                }
                ids[s] = "sub-" + s;
                label[s] = s % 2 == 0 ? "control" : "patient";
                vs.put(ids[s], Volume.builder(v, 4, 4, 2).build());
            }
            volumes = VolumeSet.of(vs);
            labels = Table.of(new TextColumn("subject", ColumnRole.ID, ids), new TextColumn("group", ColumnRole.LABEL, label));
        }
    }

    private static Map<String, Object> run(NodeType node, Map<String, Object> inputs, Object... parameters) throws Exception {
        NodeRun.Builder b = NodeRun.builder(node.descriptor()).seed(7).threads(2);
        inputs.forEach(b::input);
        for (int i = 0; i < parameters.length; i += 2) {
            b.parameter((String) parameters[i], parameters[i + 1]);
        }
        return b.build().execute(node);
    }

    @Test
    void fitApplyInverseThroughAMask() throws Exception {
        Cohort c = new Cohort();
        VolumeMask masked = new VolumeMask(c.mask, "the mask");
        FeatureMatrix x = masked.toFeatures(c.volumes, "the cohort");
        assertEquals(20, x.rows());
        assertEquals(masked.size(), x.cols());
        assertEquals("v1_0_0", x.featureNames().get(0));

        Map<String, Object> fit = run(new PcaFitNode(), Map.of("features", x, "labels", c.labels, "mask", c.mask),
                "components", 2, "solver", "full");
        ModelArtifact model = (ModelArtifact) fit.get("model");
        FeatureMatrix scores = (FeatureMatrix) fit.get("scores");
        assertEquals(List.of("PC1", "PC2"), scores.featureNames());
        Table latent = (Table) fit.get("latent");
        assertEquals(List.of("id", "PC1", "PC2", "label"), latent.columnNames());
        assertEquals("patient", latent.column("label").format(1));
        VolumeSet axes = (VolumeSet) fit.get("axes");
        assertEquals(List.of("PC1", "PC2"), axes.ids());
        float[] axis = axes.get("PC1").toFloatArray();
        assertEquals(0, axis[0]); // outside the mask
        Report report = (Report) fit.get("report");
        assertEquals(4, report.items().size());

        Map<String, Object> applied = run(new PcaApplyNode(), Map.of("model", model, "features", x));
        assertArrayEquals(scores.toArray(), ((FeatureMatrix) applied.get("scores")).toArray(), 1e-4f);

        Map<String, Object> inverse = run(new PcaInverseNode(), Map.of("model", model, "scores", scores, "mask", c.mask));
        FeatureMatrix back = (FeatureMatrix) inverse.get("features");
        assertEquals(x.featureNames(), back.featureNames());
        // two patterns, two components: the reconstruction is within the noise
        float[] xa = x.toArray();
        float[] ba = back.toArray();
        for (int i = 0; i < xa.length; i++) {
            assertEquals(xa[i], ba[i], 0.1);
        }
        VolumeSet volumes = (VolumeSet) inverse.get("volumes");
        assertEquals(c.volumes.ids(), volumes.ids());
        float[] original = c.volumes.get("sub-3").toFloatArray();
        float[] rebuilt = volumes.get("sub-3").toFloatArray();
        float[] m = c.mask.toFloatArray();
        for (int i = 0; i < 32; i++) {
            assertEquals(m[i] > 0 ? original[i] : 0, rebuilt[i], 0.1, "voxel " + i);
        }
    }

    @Test
    void tableInputAndVarianceFraction() throws Exception {
        Cohort c = new Cohort();
        Table t = new VolumeMask(c.mask, "the mask").toFeatures(c.volumes, "the cohort").toTable();
        Map<String, Object> fit = run(new PcaFitNode(), Map.of("table", t), "components", 0, "varianceFraction", 0.999);
        FeatureMatrix scores = (FeatureMatrix) fit.get("scores");
        assertTrue(scores.cols() >= 2 && scores.cols() <= 4, "two patterns and noise: " + scores.cols());
        assertEquals(0, ((VolumeSet) fit.get("axes")).size());
    }

    @Test
    void refusesMismatchedFeatures() throws Exception {
        Cohort c = new Cohort();
        FeatureMatrix x = new VolumeMask(c.mask, "the mask").toFeatures(c.volumes, "the cohort");
        ModelArtifact model = (ModelArtifact) run(new PcaFitNode(), Map.of("features", x)).get("model");
        List<String> renamed = new ArrayList<>(x.featureNames());
        renamed.set(0, "other");
        FeatureMatrix y = new FeatureMatrix(x.toArray(), x.rowIds(), renamed);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(new PcaApplyNode(), Map.of("model", model, "features", y)));
        assertTrue(e.getMessage().contains("fitted on features"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> run(new PcaFitNode(), Map.of("features", x, "table", x.toTable())));
    }
}
