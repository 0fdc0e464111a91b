package org.gyrus.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.gyrus.data.CategoricalColumn;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.FittedBy;
import org.gyrus.data.TrainingRows;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.Report;
import org.gyrus.nn.io.TensorData;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.SpatialUnit;
import org.gyrus.data.Table;
import org.gyrus.data.TemporalUnit;
import org.gyrus.data.TextColumn;
import org.gyrus.data.Volume;
import org.gyrus.data.VolumeSet;
import org.gyrus.data.XformCode;
import org.joml.Matrix4d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every disk codec gives back an equal value after a restart. */
class CodecRoundTripTest {

    @TempDir
    Path dir;

    private Map<String, Object> roundTrip(Map<String, Object> values) throws Exception {
        ResultCache.onDisk(dir, 1 << 24).put("cafe01", values);
        return ResultCache.onDisk(dir, 1 << 24).get("cafe01").orElseThrow();
    }

    @Test
    void tablesWithEveryColumnKindAndMissingCells() throws Exception {
        Table t = Table.of(new TextColumn("id", ColumnRole.ID, "s1", null, "s3"),
                new NumericColumn("age", new double[] {31.5, Double.NaN, 70}),
                new CategoricalColumn("sex", ColumnRole.GROUP, List.of("F", "M"), new int[] {1, CategoricalColumn.MISSING, 0}));
        Table back = (Table) roundTrip(Map.of("t", t)).get("t");
        assertEquals(t, back);
        assertEquals(ColumnRole.GROUP, back.column("sex").role());
        assertEquals(1, back.column("id").missingCount());
    }

    @Test
    void tablesKeepTheFittedModelsThatShapedThem() throws Exception {
        Table t = Table.of(new TextColumn("id", ColumnRole.ID, "a", "b", "c"), new TextColumn("subject", ColumnRole.GROUP, "s1", "s1", "s2"),
                new NumericColumn("x", new double[] {1, 2, 3}));
        Table fitted = t.withFittedBy(new FittedBy("scaler (node 'scale')", TrainingRows.ofTable(t.selectRows(new int[] {0})).orElseThrow()));
        Table back = (Table) roundTrip(Map.of("t", fitted)).get("t");
        assertEquals(1, back.fittedBy().size());
        assertEquals("scaler (node 'scale')", back.fittedBy().get(0).model());
        // Row 'a' by id, row 'b' by its subject s1; row 'c' (subject s2) was not fitted on.
        assertArrayEquals(new int[] {0, 1}, back.fittedBy().get(0).rows().overlap(back));
        assertEquals(1, back.selectRows(new int[] {2}).fittedBy().size());
    }

    @Test
    void featureMatricesVolumesAndScalars() throws Exception {
        FeatureMatrix m = new FeatureMatrix(new float[] {1, 2, 3, Float.NaN, 5, 6}, List.of("a", "b"), List.of("x", "y", "z"));
        float[] voxels = new float[4 * 3 * 2];
        for (int i = 0; i < voxels.length; i++) {
            voxels[i] = i * 0.5f;
        }
        Matrix4d affine = new Matrix4d().translation(-90, -126, -72).scale(2, 2, 3);
        Volume v = Volume.builder(voxels, 4, 3, 2).affine(affine, XformCode.MNI_152).units(SpatialUnit.MM, TemporalUnit.SEC)
                .metadata("descrip", "test").build();
        FeatureMatrix images = new FeatureMatrix(new float[8], List.of("a", "b"), List.of("p1", "p2", "p3", "p4")).withSampleShape(1, 2, 2);
        Map<String, Object> back = roundTrip(Map.of("m", m, "images", images, "v", v, "s", VolumeSet.of(Map.of("sub-01", v)),
                "text", "héllo", "n", 3L, "x", 2.5, "i", 7, "b", true));
        FeatureMatrix m2 = (FeatureMatrix) back.get("m");
        assertArrayEquals(m.toArray(), m2.toArray());
        assertEquals(m.rowIds(), m2.rowIds());
        assertEquals(m.featureNames(), m2.featureNames());
        assertEquals(false, m2.hasSampleShape());
        assertArrayEquals(new int[] {1, 2, 2}, ((FeatureMatrix) back.get("images")).sampleShape());
        Volume v2 = (Volume) back.get("v");
        assertArrayEquals(voxels, v2.toFloatArray());
        assertArrayEquals(new long[] {4, 3, 2}, v2.dimensions());
        assertEquals(affine, v2.affine());
        assertEquals(XformCode.MNI_152, v2.xformCode());
        assertArrayEquals(v.voxelSizes(), v2.voxelSizes());
        assertEquals(TemporalUnit.SEC, v2.temporalUnit());
        assertEquals("test", v2.metadata().get("descrip"));
        assertArrayEquals(voxels, ((VolumeSet) back.get("s")).get("sub-01").toFloatArray());
        assertEquals("héllo", back.get("text"));
        assertEquals(3L, back.get("n"));
        assertEquals(2.5, back.get("x"));
        assertEquals(7, back.get("i"));
        assertEquals(true, back.get("b"));
    }

    @Test
    void reportsAndModels() throws Exception {
        org.gyrus.data.Chart chart = new org.gyrus.data.Chart("loss", "epoch", "loss").line("train", new double[] {0, 1, 2}, new double[] {1, 0.5, 0.2});
        byte[] png = chart.toPng();
        Report r = Report.empty().withText("Summary", "All good").withMetrics("Scores", "scores",
                Table.of(new NumericColumn("auc", new double[] {0.91}))).withFigure("Loss", "loss", "Training loss", png)
                .withFigure("Loss", "loss2", "Training loss", chart);
        ModelArtifact m = ModelArtifact.builder("pca").metadata("components", 3)
                .tensor("basis", TensorData.ofFloats(new float[] {1, 2, 3, 4, 5, 6}, 2, 3)).build();
        Map<String, Object> back = roundTrip(Map.of("report", r, "model", m));
        Report r2 = (Report) back.get("report");
        assertEquals(4, r2.items().size());
        assertEquals(null, ((Report.Figure) r2.items().get(2)).svg());
        assertArrayEquals(((Report.Figure) r.items().get(3)).svg(), ((Report.Figure) r2.items().get(3)).svg());
        assertEquals(new Report.Text("Summary", "All good"), r2.items().get(0));
        assertEquals(r.items().get(1), r2.items().get(1));
        assertArrayEquals(png, ((Report.Figure) r2.items().get(2)).png());
        assertEquals(m, back.get("model"));
    }
}
